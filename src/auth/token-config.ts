import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ConfigError } from "../db";
import type { DatabaseConfig } from "../db";
import { DEFAULT_MAX_TOKEN_LIFETIME, parseDuration } from "./duration";

export type TokenConfig = ({ kind: "hs256"; secret: Uint8Array } | { kind: "rs256"; publicKeyPem: string } | { kind: "jwks"; url: string }) & {
  /** The longest lifetime (exp − iat, or exp − now without iat) a token may have; default 24 h (JWT_MAX_LIFETIME). */
  maxLifetimeSeconds?: number;
};

export const TOKEN_ISSUER = "gongkai";
export const TOKEN_AUDIENCE = "gongkai";

/**
 * Where tokens are verified from: JWT_JWKS_URL or JWT_PUBLIC_KEY (RS256, for a
 * real identity provider), else JWT_SECRET (HS256). With none set and the
 * embedded SQLite database, a random secret is created once beside the
 * database file, so `gongkai token` and `gongkai serve` agree out of the box.
 */
export function tokenConfigFromEnv(env: NodeJS.ProcessEnv, database: DatabaseConfig): TokenConfig {
  return { ...keyConfigFromEnv(env, database), maxLifetimeSeconds: maxLifetimeFromEnv(env) };
}

function maxLifetimeFromEnv(env: NodeJS.ProcessEnv): number {
  const text = env.JWT_MAX_LIFETIME ?? DEFAULT_MAX_TOKEN_LIFETIME;
  const seconds = parseDuration(text);
  if (seconds === null) {
    throw new ConfigError(`JWT_MAX_LIFETIME must be a duration such as 8h, 30m or 1d (got "${text}").`);
  }
  return seconds;
}

function keyConfigFromEnv(env: NodeJS.ProcessEnv, database: DatabaseConfig): TokenConfig {
  if (env.JWT_JWKS_URL) {
    return { kind: "jwks", url: env.JWT_JWKS_URL };
  }
  if (env.JWT_PUBLIC_KEY) {
    return { kind: "rs256", publicKeyPem: env.JWT_PUBLIC_KEY.replace(/\\n/g, "\n") };
  }
  if (env.JWT_SECRET) {
    if (env.JWT_SECRET.length < 32) {
      throw new ConfigError("JWT_SECRET must be at least 32 characters.");
    }
    return { kind: "hs256", secret: new TextEncoder().encode(env.JWT_SECRET) };
  }
  if (database.engine === "postgres") {
    throw new ConfigError("Set JWT_SECRET (HS256), JWT_PUBLIC_KEY (RS256) or JWT_JWKS_URL: instances sharing PostgreSQL must share a key.");
  }
  return { kind: "hs256", secret: localSecret(database.file) };
}

function localSecret(databaseFile: string): Uint8Array {
  if (databaseFile === ":memory:") {
    return crypto.randomBytes(32);
  }
  const file = path.join(path.dirname(databaseFile), "jwt-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return new TextEncoder().encode(fs.readFileSync(file, "utf8").trim());
}
