import { randomUUID } from "node:crypto";
import { ApolloServer } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { unwrapResolverError } from "@apollo/server/errors";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { GraphQLContext } from "../resolvers";
import { buildGongkaiSchema } from "../schema/build-schema";
import { DomainError } from "../services/errors";

/** Error codes that describe the request, safe to show as they are. */
const CLIENT_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "CONFLICT",
  "REPORT_LOCKED",
  "NOT_FOUND",
]);

export interface ApolloOptions {
  introspection: boolean;
  log?: (message: string) => void;
}

/**
 * Apollo with production settings stated explicitly (never inferred from
 * NODE_ENV, which tests set to "test"), query limits from GraphQL Armor, and
 * every unexpected error masked: clients get a reference, the log gets the
 * stack.
 */
export function createApolloServer(options: ApolloOptions): ApolloServer<GraphQLContext> {
  const armor = new ApolloArmor({
    maxDepth: { n: 10, exposeLimits: false },
    costLimit: { maxCost: 20_000, exposeLimits: false },
    maxAliases: { n: 15, exposeLimits: false },
    maxTokens: { n: 5_000, exposeLimits: false },
    maxDirectives: { n: 50, exposeLimits: false },
  }).protect();
  return new ApolloServer<GraphQLContext>({
    schema: buildGongkaiSchema(),
    introspection: options.introspection,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    validationRules: armor.validationRules,
    plugins: [...armor.plugins, ApolloServerPluginLandingPageDisabled()],
    formatError: (formatted, error) => maskError(formatted, error, options.log ?? console.error),
  });
}

function maskError(formatted: GraphQLFormattedError, error: unknown, log: (message: string) => void) {
  const cause = unwrapResolverError(error);
  if (cause instanceof DomainError) {
    // A query refused for a reason the user can fix: say why, with the stable code.
    const [first] = cause.problems;
    return { message: cause.message, extensions: { code: first.code, field: first.field ?? null }, path: formatted.path };
  }
  const code = formatted.extensions?.code;
  if (typeof code === "string" && CLIENT_CODES.has(code)) {
    return formatted;
  }
  const reference = randomUUID();
  log(`[${reference}] ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`);
  return {
    message: `Internal server error. Quote reference ${reference} to the operator.`,
    extensions: { code: "INTERNAL_SERVER_ERROR", reference },
    path: formatted.path,
  };
}

export function newRequestId(): string {
  return randomUUID();
}
