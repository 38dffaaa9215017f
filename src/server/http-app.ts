import type { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import type { ErrorRequestHandler } from "express";
import { GraphQLError } from "graphql";
import { AuthenticationError } from "../auth/auth-errors";
import type { TokenVerifier } from "../auth/tokens";
import { DeadlineExceededError } from "../db";
import type { GraphQLContext } from "../resolvers";
import { createRequestContext } from "../resolvers/request-context";
import type { Services } from "../services";
import { LIMITS } from "../services/limits";
import { DEFAULT_ADMISSION, admission } from "./admission";
import type { AdmissionOptions } from "./admission";
import { newRequestId } from "./apollo";
import { workerNumber } from "./cluster";
import { consoleRouter } from "./console-routes";
import { PREPARSED, REQUEST_ACTOR, REQUEST_DATA_VERSION, REQUEST_REPORTS } from "./graphql-fast-path";
import type { PreparsedRequest } from "./graphql-fast-path";
import { PublicPages } from "./public-pages";
import { publicationRouter } from "./publication-router";
import { actorFromRequest } from "./request-actor";
import { sessionToken } from "./session-cookie";
import { sessionRouter } from "./session-routes";

/** Large enough for the longest import text allowed (Chinese is 3 bytes a character in UTF-8). */
export const MAX_BODY = LIMITS.bodyBytes;

/** The HTTP app: GraphQL at /graphql, sign-in at /auth, the console at /console/ (and / redirects there), nothing loaded from outside. */
export function createHttpApp(
  apollo: ApolloServer<GraphQLContext>,
  services: Services,
  verifier: TokenVerifier,
  limits: AdmissionOptions = DEFAULT_ADMISSION,
): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // Note: Express hashes every body it sends for a weak ETag — GraphQL answers of ~50 KB included, where no client
  // revalidates (POST); that hash was a tenth of a history read's CPU. Public pages set their own strong ETag.
  app.set("etag", false);
  if (process.env.TRUST_PROXY) {
    // Behind a TLS-terminating proxy: req.secure (and so the cookie's Secure flag) follows X-Forwarded-Proto.
    app.set("trust proxy", process.env.TRUST_PROXY);
  }
  // Note: before admission: a health check never queues behind real work.
  app.get("/healthz", (_req, res) => {
    // Note: in a cluster, which worker answered (tests and operators see that every worker serves).
    const worker = workerNumber();
    res.json(worker ? { ok: true, worker } : { ok: true });
  });
  const shedder = admission(limits);
  app.locals.load = shedder.stats;
  app.use(shedder);
  // Note: kept on the app so the server's node:http fast path answers kept pages from the same cache (server.ts).
  const publicPages = new PublicPages(services);
  app.locals.publicPages = publicPages;
  app.use(publicationRouter(services, publicPages));
  app.use(sessionRouter(services));
  app.use(consoleRouter());
  app.use(
    "/graphql",
    preparsedBody,
    express.json({ limit: MAX_BODY }),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<GraphQLContext> =>
        createRequestContext(
          services,
          (req as PreparsedRequest)[REQUEST_ACTOR] ??
            (await actorFromRequest(req.get("authorization"), verifier, services, sessionToken(req)).catch(asGraphQLError)),
          requestIdFrom(req.get("x-request-id")),
          req.socket.remoteAddress ?? null,
          (req as PreparsedRequest)[REQUEST_DATA_VERSION],
          (req as PreparsedRequest)[REQUEST_REPORTS],
        ),
    }),
  );
  app.use(jsonErrors);
  return app;
}

/**
 * A client's X-Request-Id is kept (it goes into audit records) only in a short, safe form: 1–64 characters of
 * A–Z a–z 0–9 . _ -. Anything else — too long, control characters, markup — is replaced by a fresh id.
 */
export function requestIdFrom(header: string | undefined): string {
  return header !== undefined && /^[A-Za-z0-9._-]{1,64}$/.test(header) ? header : newRequestId();
}

/**
 * Apollo answers a context failure with the status its GraphQLError names: 503 when the deadline passed first,
 * 401 when the request carries no valid identity (the transport-free AuthenticationError, mapped here).
 */
function asGraphQLError(error: unknown): never {
  if (error instanceof AuthenticationError) {
    throw new GraphQLError(error.message, { extensions: { code: error.code, http: { status: 401 } } });
  }
  if (error instanceof DeadlineExceededError) {
    throw new GraphQLError(`${error.message} The server is busy; try again shortly.`, {
      extensions: { code: "SERVICE_UNAVAILABLE", http: { status: 503, headers: new Map([["retry-after", "1"]]) } },
    });
  }
  throw error;
}

/**
 * A body the server's fast path (graphql-fast-path.ts) already read: parsed, it is the request's body (express.json
 * sees a finished request and leaves it); not JSON, it is answered as express.json's own parse error would be.
 */
const preparsedBody: express.RequestHandler = (req, _res, next) => {
  const preparsed = (req as PreparsedRequest)[PREPARSED];
  if (preparsed && "error" in preparsed) return next(preparsed.error);
  if (preparsed) req.body = preparsed.body;
  next();
};

/** Body-parser failures (too large, bad JSON) answer as GraphQL-shaped JSON, never an HTML stack page. */
const jsonErrors: ErrorRequestHandler = (error, _req, res, _next) => {
  if (error instanceof DeadlineExceededError) {
    res
      .status(503)
      .set("Retry-After", "1")
      .json({ errors: [{ message: `${error.message} Try again shortly.`, extensions: { code: "SERVICE_UNAVAILABLE" } }] });
    return;
  }
  const { status: rawStatus, type } = (error ?? {}) as { status?: unknown; type?: unknown };
  const status = typeof rawStatus === "number" ? rawStatus : 500;
  const tooLarge = type === "entity.too.large";
  const message = tooLarge
    ? `The request body exceeds ${MAX_BODY} bytes; send less at once (a section holds at most ${LIMITS.sectionLength} characters, an import text ${LIMITS.textLength}, one request ${LIMITS.cellsPerRequest} cells).`
    : status < 500
      ? "The request body is not valid JSON."
      : "Internal server error.";
  const code = tooLarge ? "PAYLOAD_TOO_LARGE" : status < 500 ? "BAD_REQUEST" : "INTERNAL_SERVER_ERROR";
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
};
