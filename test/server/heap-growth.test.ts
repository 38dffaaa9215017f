import { spawnSync } from "node:child_process";
import path from "node:path";
import { ConfigError } from "../../src/db";
import { DEFAULT_HEAP_GROWING_PERCENT, heapGrowingPercentFromEnv } from "../../src/server/heap-growth";

const MAIN = path.resolve(__dirname, "../../dist/cli/main.js");

describe("HEAP_GROWING_PERCENT", () => {
  it("is 50 unless set; 0 leaves V8's own choice; a whole number up to 1000", () => {
    expect(DEFAULT_HEAP_GROWING_PERCENT).toBe(50);
    expect(heapGrowingPercentFromEnv({})).toBe(50);
    expect(heapGrowingPercentFromEnv({ HEAP_GROWING_PERCENT: " " })).toBe(50);
    expect(heapGrowingPercentFromEnv({ HEAP_GROWING_PERCENT: "0" })).toBe(0);
    expect(heapGrowingPercentFromEnv({ HEAP_GROWING_PERCENT: "100" })).toBe(100);
    for (const wrong of ["-5", "1.5", "fifty", "1001"]) {
      expect(() => heapGrowingPercentFromEnv({ HEAP_GROWING_PERCENT: wrong })).toThrow(ConfigError);
    }
  });

  it("stops `gongkai serve` before it opens the database when it is not a number, and says what to give", () => {
    const run = spawnSync(process.execPath, [MAIN, "serve", "--port", "0", "--workers", "1"], {
      env: { ...process.env, DATABASE_URL: "sqlite::memory:", JWT_SECRET: "heap-growth-test-secret-of-32-characters", HEAP_GROWING_PERCENT: "lots" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('HEAP_GROWING_PERCENT must be a whole number from 0 to 1000 (got "lots")');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
