import path from "node:path";
import type { ApolloServer } from "@apollo/server";
import { Database } from "../../src/db";
import type { GraphQLContext } from "../../src/resolvers";
import { createApolloServer } from "../../src/server/apollo";
import { createRequestContext } from "../../src/resolvers/request-context";
import { CLI_ACTOR, createServices } from "../../src/services";
import type { Actor, Services } from "../../src/services";

import { SHARED } from "./shared-dir";

export { SHARED };
export const SEED_TEXT = path.join(SHARED, "seeds", "000_03f8448a5fbe2020.txt");
export const SEED_EXPECTED = path.join(SHARED, "seeds", "000_03f8448a5fbe2020.expected.json");

/** A fresh, migrated in-memory SQLite database with the service layer on top. */
export async function openTestServices(): Promise<Services> {
  const db = await Database.open({ engine: "sqlite", file: ":memory:" });
  return createServices(db);
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
