import { SignJWT, createRemoteJWKSet, importSPKI, jwtVerify } from "jose";
import type { JWTPayload, JWTVerifyGetKey, KeyLike } from "jose";
import { AuthenticationError } from "./auth-errors";
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
    throw new Error("Tokens are issued by your identity provider when JWT_PUBLIC_KEY or JWT_JWKS_URL is set.");
  }
  return new SignJWT({ name: claims.name, agency: claims.agency, roles: claims.roles })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(claims.sub)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(config.secret);
}

export class TokenVerifier {
  private rsaKey?: Promise<KeyLike>;
  private jwks?: JWTVerifyGetKey;

  constructor(private readonly config: TokenConfig) {}

  /** The verified claims, or AuthenticationError for a missing, expired or forged token. */
  async verify(token: string): Promise<JWTPayload & { sub: string }> {
    try {
      const { payload } = await this.verifyWithKey(token);
      if (!payload.sub) {
        throw new Error("no subject");
      }
      return payload as JWTPayload & { sub: string };
    } catch {
      throw new AuthenticationError("The token is missing, expired or not valid; get a new one and send it as Authorization: Bearer <token>.");
    }
  }

  private verifyWithKey(token: string) {
    const options = { issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE };
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
