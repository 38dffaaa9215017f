import fs from "node:fs";
import path from "node:path";

/** Where the bench keeps its data, and the options of `npm run bench`. */
export const ROOT = findRoot(__dirname);
export const DATA = path.join(ROOT, "bench", "data");
export const DB_FILE = path.join(DATA, "bench.sqlite");
export const PAGES_FILE = path.join(DATA, "pages.json");
export const RESULTS = path.join(ROOT, "bench", process.env.BENCH_RESULTS ?? "RESULTS.md");
export const JWT_SECRET = "gongkai-benchmark-secret-0123456789abcdef";
export const GENERATE = ["--agencies", "1250", "--years", "2019-2026", "--audit-records", "1000000", "--seed", "1"];
/** Reports the server's version-keyed content caches hold (src/services/content-cache.ts). */
export const CACHE_CAPACITY = 2_500;

export interface Options {
  duration: number;
  warmup: number;
  connections: number;
  only: Set<string> | null;
  profile: boolean;
  /** `gongkai serve --workers N` (and the raw ceilings with as many processes). */
  workers: number;
  /** `sqlite:<file>` (the generated file by default) or `postgres://…` (filled from the SQLite file when empty). */
  database: string;
  /** Idle graphql-ws subscribers in scenario (s). */
  subscribers: number;
  /** (d) without and (s) with subscribers, measured alternately this many times; (s) reports the median ratio. */
  pairs: number;
}

export function parseOptions(argv: string[]): Options {
  const value = (name: string, fallback: number) => {
    const index = argv.indexOf(name);
    return index >= 0 ? Number(argv[index + 1]) : fallback;
  };
  const text = (name: string) => {
    const index = argv.indexOf(name);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const only = text("--only");
  return {
    duration: value("--duration", 10),
    warmup: value("--warmup", 3),
    connections: value("--connections", 50),
    only: only ? new Set(only.split(",")) : null,
    profile: argv.includes("--profile"),
    workers: value("--workers", 1),
    database: text("--database") ?? `sqlite:${DB_FILE}`,
    subscribers: value("--subscribers", 1_000),
    pairs: value("--pairs", 3),
  };
}

export function isPostgres(options: Pick<Options, "database">): boolean {
  return options.database.startsWith("postgres");
}

function findRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, "package.json")) || path.basename(dir) === ".build") dir = path.dirname(dir);
  return dir;
}
