import path from "node:path";
import type { ApolloServer } from "@apollo/server";
import { Client } from "pg";
import { Database } from "../../src/db";
import type { OpenOptions } from "../../src/db";
import type { GraphQLContext } from "../../src/resolvers";
import { createRequestContext } from "../../src/resolvers/request-context";
import { createApolloServer } from "../../src/server/apollo";
import { CLI_ACTOR, createServices } from "../../src/services";
import type { Actor, Services } from "../../src/services";

import { SHARED } from "./shared-dir";

export { SHARED };
export const SEED_TEXT = path.join(SHARED, "seeds", "000_03f8448a5fbe2020.txt");
export const SEED_EXPECTED = path.join(SHARED, "seeds", "000_03f8448a5fbe2020.expected.json");

/**
 * A fresh, migrated database with the service layer on top: in-memory SQLite,
 * or — when GONGKAI_TEST_DATABASE names a PostgreSQL server (`npm run test:pg`)
 * — a schema of its own that is dropped again on close, so runs never collide.
 */
export async function openTestServices(): Promise<Services> {
  return createServices(await openTestDatabase());
}

export const TEST_POSTGRES_URL = process.env.GONGKAI_TEST_DATABASE;
export const testEngine = TEST_POSTGRES_URL ? "postgres" : "sqlite";

let schemas = 0;

export async function openTestDatabase(options: OpenOptions = {}): Promise<Database> {
  if (!TEST_POSTGRES_URL) {
    return Database.open({ engine: "sqlite", file: ":memory:" }, options);
  }
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${schemas++}`;
  const db = await Database.open({ engine: "postgres", url: TEST_POSTGRES_URL, schema }, options);
  const close = db.close.bind(db);
  db.close = async () => {
    await db.dataSource.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await close();
  };
  return db;
}

/** A DATABASE_URL for a child process (the CLI): a temporary SQLite file, or a fresh PostgreSQL schema. */
export function childDatabaseUrl(dir: string): string {
  if (!TEST_POSTGRES_URL) {
    return `sqlite:${path.join(dir, "cli.sqlite")}`;
  }
  const url = new URL(TEST_POSTGRES_URL);
  url.searchParams.set("schema", `c_${process.pid}_${Date.now().toString(36)}_${schemas++}`);
  return url.toString();
}

export interface TestApi {
  services: Services;
  apollo: ApolloServer<GraphQLContext>;
  /** Runs an operation as a fresh request (as the CLI unless an actor is given); returns data and errors. */
  run<T = any>(query: string, variables?: Record<string, unknown>, actor?: Actor): Promise<{ data?: T; errors?: readonly any[] }>;
  close(): Promise<void>;
}

export async function openTestApi(): Promise<TestApi> {
  const services = await openTestServices();
  const logged: string[] = [];
  const apollo = createApolloServer({ introspection: true, log: message => logged.push(message) });
  await apollo.start();
  return {
    services,
    apollo,
    async run(query, variables, actor: Actor = CLI_ACTOR) {
      const contextValue = createRequestContext(services, actor, "test");
      const response = await apollo.executeOperation({ query, variables }, { contextValue });
      if (response.body.kind !== "single") {
        throw new Error("expected a single result");
      }
      return response.body.singleResult as { data?: any; errors?: readonly any[] };
    },
    async close() {
      await apollo.stop();
      await services.db.close();
    },
  };
}

/** Drops the schema childDatabaseUrl made (SQLite files live in a temporary folder). */
export async function dropChildDatabase(databaseUrl: string): Promise<void> {
  const schema = databaseUrl.startsWith("postgres") ? new URL(databaseUrl).searchParams.get("schema") : null;
  if (!schema || !TEST_POSTGRES_URL) return;
  const client = new Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await dropSchemaRetryingDeadlocks(client, schema);
  } finally {
    await client.end();
  }
}

/**
 * A server that was just stopped may still have a backend finishing a statement
 * on the schema's tables; DROP … CASCADE locks them one by one and PostgreSQL
 * may pick the drop as the deadlock's victim (40P01, seen once in CI). The drop
 * is simply tried again once that backend is gone.
 */
async function dropSchemaRetryingDeadlocks(client: Client, schema: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "40P01" || attempt === 5) throw error;
      await new Promise(resolve => setTimeout(resolve, 200 * attempt));
    }
  }
}
