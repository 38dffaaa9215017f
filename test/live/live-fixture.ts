import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Database } from "../../src/db";
import { createServices } from "../../src/services";
import type { Services } from "../../src/services";
import { TEST_POSTGRES_URL } from "../support/test-services";

/**
 * Two service layers on ONE database, as two server instances would have: a SQLite file in a temporary folder
 * (two connections, like two processes) or one PostgreSQL schema opened twice.
 */
export async function openTwoInstances(): Promise<{ a: Services; b: Services; databaseUrl: string; close(): Promise<void> }> {
  if (!TEST_POSTGRES_URL) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-live-"));
    const file = path.join(dir, "live.sqlite");
    const a = createServices(await Database.open({ engine: "sqlite", file }));
    const b = createServices(await Database.open({ engine: "sqlite", file }));
    return {
      a,
      b,
      databaseUrl: `sqlite:${file}`,
      async close() {
        await a.db.close();
        await b.db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `l_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const a = createServices(await Database.open({ engine: "postgres", url: TEST_POSTGRES_URL, schema }));
  const b = createServices(await Database.open({ engine: "postgres", url: TEST_POSTGRES_URL, schema }));
  const url = new URL(TEST_POSTGRES_URL);
  url.searchParams.set("schema", schema);
  return {
    a,
    b,
    databaseUrl: url.toString(),
    async close() {
      await b.db.close();
      await a.db.dataSource.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await a.db.close();
    },
  };
}

/** The next item of an async iterator, or an error after `ms`. */
export async function nextWithin<T>(iterator: AsyncIterator<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`nothing arrived within ${ms} ms`)), ms);
  });
  try {
    const result = await Promise.race([iterator.next(), timeout]);
    if (result.done) throw new Error("the stream ended");
    return result.value;
  } finally {
    clearTimeout(timer);
  }
}
