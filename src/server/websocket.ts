import type http from "node:http";
import { GraphQLError, OperationTypeNode, getOperationAST, parse, validate } from "graphql";
import type { DocumentNode, ExecutionResult, GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { WebSocket } from "ws";
import { AuthenticationError } from "../auth/auth-errors";
import type { TokenVerifier } from "../auth/tokens";
import type { GraphQLContext } from "../resolvers";
import { createRequestContext } from "../resolvers/request-context";
import type { Actor, Services } from "../services";
import { DomainError } from "../services/errors";
import { QUERY_LIMITS, newRequestId } from "./apollo";
import { actorFromConnection, connectionExpiry } from "./request-actor";

/** Limits on live connections; the README's Live section lists them. */
export const LIVE_LIMITS = { subscriptionsPerConnection: 20, connectionsPerUser: 10, maxMessageBytes: 64 * 1024 } as const;

/** What each connection carries besides graphql-ws's own socket and upgrade request. */
type Extra = {
  context?: GraphQLContext;
  subscriptions?: number;
};

/** The longest delay a Node timer takes (about 24.8 days); a credential living longer is checked again then. */
const MAX_TIMER_MS = 2_147_483_647;

export interface LiveServer {
  close(): Promise<void>;
  /** Open connections (tests, load figures). */
  connections(): number;
}

/**
 * GraphQL over WebSocket (the graphql-ws protocol) on the HTTP server's /graphql. The upgrade does not pass the
 * HTTP admission queue — a long-lived connection is not a request and must not hold or wait for a slot — but
 * nothing runs before connection_init is authenticated, and only subscription operations are accepted (queries
 * and mutations go over HTTP, through admission). A deactivated user's connections close at once (4403).
 */
export function attachLiveServer(server: http.Server, schema: GraphQLSchema, services: Services, verifier: TokenVerifier, limits = LIVE_LIMITS): LiveServer {
  const wss = new WebSocketServer({ server, path: "/graphql", maxPayload: limits.maxMessageBytes });
  const byUser = new Map<number, Set<WebSocket>>();
  const sessions = new WeakMap<WebSocket, string>();
  const disposable = useServer<Record<string, unknown>, Extra>(
    {
      schema,
      connectionInitWaitTimeout: 5_000,
      onConnect: async ctx => {
        const actor = await actorFromConnection(ctx.connectionParams, ctx.extra.request, verifier, services).catch((error: Error) => error);
        if (actor instanceof Error) return refuse(ctx.extra.socket, 4401, actor.message);
        if (actor.kind === "user") {
          const open = byUser.get(actor.userId) ?? new Set<WebSocket>();
          if (open.size >= limits.connectionsPerUser) {
            return refuse(ctx.extra.socket, 4429, `At most ${limits.connectionsPerUser} live connections per user; close one first.`);
          }
          open.add(ctx.extra.socket);
          byUser.set(actor.userId, open);
          ctx.extra.socket.once("close", () => open.delete(ctx.extra.socket));
          endWithCredential(ctx.extra.socket, await connectionExpiry(ctx.connectionParams, ctx.extra.request, services), sessions);
        }
        ctx.extra.context = createRequestContext(services, actor, newRequestId(), ctx.extra.request.socket.remoteAddress ?? null);
        ctx.extra.subscriptions = 0;
        return true;
      },
      context: ctx => ctx.extra.context!,
      onSubscribe: (ctx, _id, payload) => {
        if ((ctx.extra.subscriptions ?? 0) >= limits.subscriptionsPerConnection) {
          return [badRequest(`At most ${limits.subscriptionsPerConnection} subscriptions per connection; complete one first.`)];
        }
        const parsed = subscriptionOnly(schema, payload.query, payload.operationName ?? undefined);
        if (Array.isArray(parsed)) return parsed;
        ctx.extra.subscriptions = (ctx.extra.subscriptions ?? 0) + 1;
        return { schema, document: parsed, operationName: payload.operationName, variableValues: payload.variables, contextValue: ctx.extra.context };
      },
      onComplete: ctx => {
        ctx.extra.subscriptions = Math.max(0, (ctx.extra.subscriptions ?? 1) - 1);
      },
      onNext: (_ctx, _id, _payload, _args, result) => masked(result),
      onError: (_ctx, _id, _payload, errors) => errors.map(maskError),
    },
    wss,
  );
  const deactivations = watchDeactivations(services, (userId, action) => {
    if (action === "user.deactivate") {
      for (const socket of byUser.get(userId) ?? []) socket.close(4403, "This user was deactivated.");
      return;
    }
    // Signed out: the connections made with a session that no longer stands close (a bearer token's stay).
    for (const socket of byUser.get(userId) ?? []) void closeIfSignedOut(socket, sessions.get(socket), services);
  });
  return {
    connections: () => wss.clients.size,
    async close() {
      await deactivations.return();
      for (const socket of wss.clients) socket.terminate();
      await disposable.dispose();
    },
  };
}

/** The parsed, valid document of a subscription; errors for anything else (queries and mutations go over HTTP). */
function subscriptionOnly(schema: GraphQLSchema, query: string, operationName: string | undefined): DocumentNode | GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: QUERY_LIMITS.maxTokens });
  } catch (error) {
    return [error instanceof GraphQLError ? error : badRequest("The query could not be parsed.")];
  }
  const errors = validate(schema, document);
  if (errors.length) return [...errors];
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== OperationTypeNode.SUBSCRIPTION) {
    return [badRequest("Only subscriptions are served over WebSocket; send queries and mutations over HTTP POST /graphql.")];
  }
  return document;
}

function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_REQUEST" } });
}

function refuse(socket: WebSocket, code: number, reason: string): false {
  socket.close(code, reason.slice(0, 120));
  return false;
}

const ENDS_ACCESS = new Set(["user.deactivate", "auth.sign_out"]);

/** Tells of each user the stream says was deactivated or signed out (on any instance). */
function watchDeactivations(services: Services, close: (userId: number, action: string) => void) {
  const records = services.events.subscribe(null);
  void (async () => {
    for await (const record of records) {
      if (ENDS_ACCESS.has(record.action) && typeof record.diff.userId === "number") close(record.diff.userId, record.action);
    }
  })().catch(() => undefined);
  return records;
}

/** Remembers the connection's session (for sign-out) and closes the connection when its credential expires. */
function endWithCredential(socket: WebSocket, credential: { session: string | null; expiresAt: Date | null }, sessions: WeakMap<WebSocket, string>): void {
  if (credential.session) sessions.set(socket, credential.session);
  closeAtExpiry(socket, credential.expiresAt);
}

/** Closes the connection when its token or session expires (4401), so no subscription outlives its credential. */
function closeAtExpiry(socket: WebSocket, expiresAt: Date | null): void {
  if (!expiresAt) return;
  const wait = expiresAt.getTime() - Date.now();
  const timer = setTimeout(
    () => {
      if (wait > MAX_TIMER_MS) return closeAtExpiry(socket, expiresAt);
      socket.close(4401, "The token or session expired; reconnect with a new one.");
    },
    Math.min(Math.max(0, wait), MAX_TIMER_MS),
  );
  socket.once("close", () => clearTimeout(timer));
}

async function closeIfSignedOut(socket: WebSocket, session: string | undefined, services: Services): Promise<void> {
  if (session && !(await services.signIn.actorForSession(session))) socket.close(4401, "Signed out; sign in again.");
}

function masked(result: ExecutionResult): ExecutionResult {
  return result.errors ? { ...result, errors: result.errors.map(maskError) } : result;
}

/** Errors a user can fix keep their message and code; anything else is masked, as over HTTP. */
function maskError(error: GraphQLError): GraphQLError {
  const cause = error.originalError;
  if (cause instanceof DomainError) {
    return new GraphQLError(cause.message, { path: error.path, extensions: { code: cause.problems[0].code } });
  }
  if (cause instanceof AuthenticationError) {
    return new GraphQLError(cause.message, { path: error.path, extensions: { code: cause.code } });
  }
  if (!cause || cause instanceof GraphQLError) {
    // Note: `http` (a status for Apollo's HTTP answers) means nothing on a WebSocket.
    const { http: _status, ...extensions } = error.extensions ?? {};
    return new GraphQLError(error.message, { path: error.path, nodes: error.nodes, extensions });
  }
  console.error(cause);
  return new GraphQLError("Internal server error.", { path: error.path, extensions: { code: "INTERNAL_SERVER_ERROR" } });
}

export type { Actor };
