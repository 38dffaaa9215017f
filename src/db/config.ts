import path from "node:path";

export type DatabaseConfig = { engine: "sqlite"; file: string } | { engine: "postgres"; url: string; schema?: string };

/** A setting an operator got wrong: the CLI prints its message (what to do) as one line, without a stack. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

export const DEFAULT_SQLITE_FILE = path.resolve("data", "gongkai.sqlite");

/**
 * Reads DATABASE_URL: `sqlite:/path/file.sqlite` (or `sqlite::memory:`) for the
 * embedded default, `postgres://…` for PostgreSQL. Unset means data/gongkai.sqlite.
 */
export function databaseConfigFromUrl(url: string | undefined): DatabaseConfig {
  if (!url) {
    return { engine: "sqlite", file: DEFAULT_SQLITE_FILE };
  }
  if (url.startsWith("sqlite:")) {
    const file = url.slice("sqlite:".length).replace(/^\/\/(?=\/)/, "");
    if (!file) {
      throw new ConfigError("DATABASE_URL sqlite: needs a file path, e.g. sqlite:/var/lib/gongkai/gongkai.sqlite");
    }
    return { engine: "sqlite", file: file === ":memory:" ? file : path.resolve(file) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const parsed = URL.canParse(url) ? new URL(url) : null;
    if (!parsed) {
      throw new ConfigError("DATABASE_URL is not a valid URL; write it as postgres://user@host:5432/database.");
    }
    const schema = parsed.searchParams.get("schema") ?? undefined;
    parsed.searchParams.delete("schema");
    return { engine: "postgres", url: parsed.toString(), schema };
  }
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0];
  throw new ConfigError(
    `DATABASE_URL must start with sqlite: or postgres:// (${scheme ? `got ${scheme}…` : "it has no scheme"}); e.g. sqlite:data/gongkai.sqlite or postgres://user@host:5432/database.`,
  );
}
