import { lexicographicSortSchema, printSchema } from "graphql";
import type { GraphQLSchema } from "graphql";
import { buildSchemaSync } from "type-graphql";
import { resolvers } from "../resolvers";
import { describeSchema } from "../schema/descriptions";

let cached: GraphQLSchema | undefined;

/** The executable schema; built once per process (type-graphql metadata is global). */
export function buildGongkaiSchema(): GraphQLSchema {
  cached ??= describeSchema(buildSchemaSync({ resolvers: [...resolvers], validate: false }));
  return cached;
}

/** The SDL committed as src/schema/schema.graphql. */
export function printGongkaiSchema(): string {
  return `${printSchema(lexicographicSortSchema(buildGongkaiSchema()))}\n`;
}
