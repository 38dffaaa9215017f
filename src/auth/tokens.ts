import { SignJWT, createRemoteJWKSet, importSPKI, jwtVerify } from "jose";
import type { JWTPayload, JWTVerifyGetKey, KeyLike } from "jose";
import { AuthenticationError } from "./auth-errors";
import { DEFAULT_MAX_TOKEN_LIFETIME, parseDuration } from "./duration";
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from "./token-config";
import type { TokenConfig } from "./token-config";

export interface TokenClaims {
  /** The user's id. */
  sub: string;
  name: string;
  agency: string;
  roles: string[];
}

/** Signs a development token (HS256 only: with RS256 the identity provider issues tokens). */
export async function issueToken(config: TokenConfig, claims: TokenClaims, expiresIn = "8h"): Promise<string> {
  if (config.kind !== "hs256") {
    throw new TokenIssueError("Tokens are issued by your identity provider when JWT_PUBLIC_KEY or JWT_JWKS_URL is set.");
  }
  const seconds = parseDuration(expiresIn);
  const max = maxLifetimeOf(config);
  if (seconds === null) {
    throw new TokenIssueError(`--expires must be a duration such as 30m, 8h or 1d (got "${expiresIn}").`);
  }
  if (seconds > max) {
    throw new TokenIssueError(`--expires ${expiresIn} is longer than the longest token lifetime allowed (${max} s, JWT_MAX_LIFETIME); ask for less.`);
  }
  return new SignJWT({ name: claims.name, agency: claims.agency, roles: claims.roles })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(claims.sub)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${seconds}s`)
    .sign(config.secret);
}

/** A token that cannot be issued as asked (the CLI prints the message). */
export class TokenIssueError extends Error {}

function maxLifetimeOf(config: TokenConfig): number {
  return config.maxLifetimeSeconds ?? parseDuration(DEFAULT_MAX_TOKEN_LIFETIME)!;
}

/** Refuses a token whose lifetime (exp − iat, or what is left of it without iat) exceeds the maximum. */
function checkLifetime(payload: JWTPayload, maxSeconds: number): void {
  const start = typeof payload.iat === "number" ? payload.iat : Math.floor(Date.now() / 1000);
  if (typeof payload.exp !== "number" || payload.exp - start > maxSeconds) {
    throw new Error("lifetime too long");
  }
}

/** Verified tokens remembered per process (a token and its claims: well under 1 KB each). */
const VERIFIED_LIMIT = 10_000;

export class TokenVerifier {
  private rsaKey?: Promise<KeyLike>;
  private jwks?: JWTVerifyGetKey;
  /**
   * Tokens already verified, until they expire: a signature checked once stays checked (the token string is
   * the key, so a changed byte is a different token and is verified afresh). Oldest dropped first when full.
   */
  private readonly verified = new Map<string, JWTPayload & { sub: string; exp: number }>();

  constructor(private readonly config: TokenConfig) {}

  /** The verified claims, or AuthenticationError for a missing, expired or forged token. */
  async verify(token: string): Promise<JWTPayload & { sub: string }> {
    const known = this.verified.get(token);
    if (known && known.exp * 1000 > Date.now()) return known;
    if (known) this.verified.delete(token);
    try {
      const { payload } = await this.verifyWithKey(token);
      if (!payload.sub) {
        throw new Error("no subject");
      }
      checkLifetime(payload, maxLifetimeOf(this.config));
      const claims = payload as JWTPayload & { sub: string; exp: number };
      if (this.verified.size >= VERIFIED_LIMIT) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, claims);
      return claims;
    } catch {
      throw new AuthenticationError(
        "The token is missing, expired, without an expiry, longer-lived than allowed or not valid; get a new one and send it as Authorization: Bearer <token>.",
      );
    }
  }

  private verifyWithKey(token: string) {
    // Note: a token without exp would be good forever; every token, local or from the identity provider, must expire.
    const options = { issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, requiredClaims: ["exp"] };
    switch (this.config.kind) {
      case "hs256":
        return jwtVerify(token, this.config.secret, { ...options, algorithms: ["HS256"] });
      case "rs256":
        this.rsaKey ??= importSPKI(this.config.publicKeyPem, "RS256");
        return this.rsaKey.then(key => jwtVerify(token, key, { ...options, algorithms: ["RS256"] }));
      case "jwks":
        this.jwks ??= createRemoteJWKSet(new URL(this.config.url));
        return jwtVerify(token, this.jwks, { ...options, algorithms: ["RS256"] });
    }
  }
}
