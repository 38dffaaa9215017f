import { lexicographicSortSchema, printSchema } from "graphql";
import type { GraphQLSchema } from "graphql";
import { buildSchemaSync } from "type-graphql";
import type { PubSub } from "type-graphql";
import { resolvers } from "../resolvers";
import { describeSchema } from "../schema/descriptions";

/**
 * type-graphql asks for a PubSub whenever a schema has subscriptions; Gongkai's subscriptions bring their own
 * `subscribe` (the event stream, src/live), so nothing is ever published through this one.
 */
const NO_PUB_SUB: PubSub = {
  publish: () => undefined,
  subscribe: () => {
    throw new Error("Gongkai's subscriptions read the event stream, not a PubSub.");
  },
};

let cached: GraphQLSchema | undefined;

/** The executable schema; built once per process (type-graphql metadata is global). */
export function buildGongkaiSchema(): GraphQLSchema {
  cached ??= describeSchema(buildSchemaSync({ resolvers: [...resolvers], validate: false, pubSub: NO_PUB_SUB }));
  return cached;
}

/** The SDL committed as src/schema/schema.graphql. */
export function printGongkaiSchema(): string {
  return `${printSchema(lexicographicSortSchema(buildGongkaiSchema()))}\n`;
}
