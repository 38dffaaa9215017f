import { randomUUID } from "node:crypto";
import { ApolloServer } from "@apollo/server";
import type { ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError } from "graphql";
import type { GraphQLFormattedError } from "graphql";
import { AuthenticationError } from "../auth/auth-errors";
import { DeadlineExceededError } from "../db";
import type { GraphQLContext } from "../resolvers";
import { DomainError } from "../services/errors";
import { buildGongkaiSchema } from "./build-schema";
import { LIST_BUILDS, listBuildsPlugin, Semaphore } from "./list-builds";
import { textInputPlugin } from "./text-input";

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
  "INVALID_VALUE",
  "TOO_LONG",
  "SERVICE_UNAVAILABLE",
  "INVALID_INPUT",
]);

/**
 * Query limits. Each refusal is a 400 whose message names the limit and the number found (the limits are
 * published in the README; hiding them only makes clients guess).
 */
export const QUERY_LIMITS = { maxDepth: 10, maxCost: 20_000, maxAliases: 15, maxTokens: 5_000, maxDirectives: 50 } as const;

export interface ApolloOptions {
  introspection: boolean;
  log?: (message: string) => void;
  /** List pages built at once (listBuildsFor the engine); LIST_BUILDS when not given. */
  listBuilds?: number;
}

/**
 * Apollo with production settings stated explicitly (never inferred from
 * NODE_ENV, which tests set to "test"), query limits from GraphQL Armor, and
 * every unexpected error masked: clients get a reference, the log gets the
 * stack.
 */
export function createApolloServer(options: ApolloOptions): ApolloServer<GraphQLContext> {
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, exposeLimits: true },
    costLimit: { maxCost: QUERY_LIMITS.maxCost, exposeLimits: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases, exposeLimits: true },
    // Note: Armor's token-limit plugin re-parses in parsingDidStart, where Apollo turns any parse error — even
    // `{` — into a 500. graphql-js's own parser limit (parseOptions below) refuses as a normal 400 parse error.
    maxTokens: { enabled: false },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, exposeLimits: true },
  }).protect();
  return new ApolloServer<GraphQLContext>({
    schema: buildGongkaiSchema(),
    introspection: options.introspection,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    validationRules: armor.validationRules,
    // Note: Apollo installs its cache-control plugin unless told not to; it wraps every field's resolver (a list
    // page has ~20,000 fields) to collect @cacheControl hints that this schema never gives.
    plugins: [
      ...armor.plugins,
      textInputPlugin(),
      overloadPlugin(),
      listBuildsPlugin(new Semaphore(options.listBuilds ?? LIST_BUILDS)),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
    ],
    formatError: (formatted, error) => maskError(formatted, error, options.log ?? console.error),
  });
}

/**
 * A request-level refusal Apollo itself raised with HTTP 400 but without a code (an automatic persisted query whose
 * hash does not match its text): the client's mistake, not ours — BAD_REQUEST, saying what to send instead.
 */
function isApolloBadRequest(error: unknown): boolean {
  return error instanceof GraphQLError && !error.originalError && (error.extensions?.http as { status?: number } | undefined)?.status === 400;
}

const APOLLO_BAD_REQUESTS: Record<string, string> = {
  "provided sha does not match query":
    "extensions.persistedQuery.sha256Hash is not the SHA-256 (hex) of the query text sent; send the query's own hash, or leave persistedQuery out.",
};

function maskError(formatted: GraphQLFormattedError, error: unknown, log: (message: string) => void) {
  const cause = unwrapResolverError(error);
  if (cause instanceof DeadlineExceededError) {
    return { message: `${cause.message} The server is busy; try again shortly.`, extensions: { code: "SERVICE_UNAVAILABLE" }, path: formatted.path };
  }
  if (cause instanceof AuthenticationError) {
    return { message: cause.message, extensions: { code: cause.code }, path: formatted.path };
  }
  if (cause instanceof DomainError) {
    // A query refused for a reason the user can fix: say why, with the stable code.
    const [first] = cause.problems;
    return { message: cause.message, extensions: { code: first.code, field: first.field ?? null }, path: formatted.path };
  }
  const code = formatted.extensions?.code;
  if (typeof code === "string" && CLIENT_CODES.has(code)) {
    return explainLimit(formatted);
  }
  if (isApolloBadRequest(error)) {
    return { message: APOLLO_BAD_REQUESTS[formatted.message] ?? formatted.message, extensions: { code: "BAD_REQUEST" } };
  }
  const reference = randomUUID();
  log(`[${reference}] ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`);
  return {
    message: `Internal server error. Quote reference ${reference} to the operator.`,
    extensions: { code: "INTERNAL_SERVER_ERROR", reference },
    path: formatted.path,
  };
}

/**
 * A request whose database work could not begin before its deadline answers 503 with Retry-After, like a shed
 * one; a request refused for want of a valid identity (AuthenticationError) answers 401.
 */
function overloadPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ errors, response }) {
          if (errors?.some(error => unwrapResolverError(error) instanceof DeadlineExceededError)) {
            response.http.status = 503;
            response.http.headers.set("retry-after", "1");
          } else if (errors?.some(error => unwrapResolverError(error) instanceof AuthenticationError)) {
            response.http.status = 401;
          }
        },
      };
    },
  };
}

/** Armor's refusals read "Syntax Error: Aliases limit of 15 exceeded, found 20."; say what it is and what to do. */
function explainLimit(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const armor = /^Syntax Error: (.* limit of \d+ exceeded, found \d+\.)$/.exec(formatted.message);
  const tokens = /^Syntax Error: Document contains more th\w+ (\d+) tokens/.exec(formatted.message);
  if (armor) {
    return {
      ...formatted,
      message: `Query refused: ${armor[1]} Split it into smaller queries.`,
      extensions: { ...formatted.extensions, limit: armor[1].split(" limit")[0] },
    };
  }
  if (tokens) {
    return {
      ...formatted,
      message: `Query refused: it has more than ${tokens[1]} tokens (the limit). Split it into smaller queries.`,
      extensions: { ...formatted.extensions, limit: "Tokens" },
    };
  }
  return formatted;
}

export function newRequestId(): string {
  return randomUUID();
}
