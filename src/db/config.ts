import path from "node:path";

export type DatabaseConfig =
  | { engine: "sqlite"; file: string }
  | { engine: "postgres"; url: string; schema?: string };

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
      throw new Error("DATABASE_URL sqlite: needs a file path, e.g. sqlite:/var/lib/gongkai/gongkai.sqlite");
    }
    return { engine: "sqlite", file: file === ":memory:" ? file : path.resolve(file) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get("schema") ?? undefined;
    parsed.searchParams.delete("schema");
    return { engine: "postgres", url: parsed.toString(), schema };
  }
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got ${url.split(":")[0]}:…)`);
}
