import express from "express";
import type { ErrorRequestHandler } from "express";
import { expressMiddleware } from "@as-integrations/express5";
import type { ApolloServer } from "@apollo/server";
import type { GraphQLContext } from "../resolvers";
import type { Services } from "../services";
import type { TokenVerifier } from "../auth/tokens";
import { createRequestContext } from "../resolvers/request-context";
import { newRequestId } from "./apollo";
import { consoleRouter } from "./console-routes";
import { publicationRouter } from "../publication/router";
import { actorFromRequest } from "./request-actor";
import { sessionToken } from "./session-cookie";
import { sessionRouter } from "./session-routes";

/** Large enough for a 2 MB import text (Chinese is 3 bytes a character in UTF-8). */
export const MAX_BODY = "8mb";

/** The HTTP app: GraphQL at /graphql, sign-in at /auth, the console at /console/ (and / redirects there), nothing loaded from outside. */
export function createHttpApp(apollo: ApolloServer<GraphQLContext>, services: Services, verifier: TokenVerifier): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.get("/healthz", (_req, res) => {
    res.json({ ok: true });
  });
  if (process.env.TRUST_PROXY) {
    // Behind a TLS-terminating proxy: req.secure (and so the cookie's Secure flag) follows X-Forwarded-Proto.
    app.set("trust proxy", process.env.TRUST_PROXY);
  }
  app.use(publicationRouter(services));
  app.use(sessionRouter(services));
  app.use(consoleRouter());
  app.use(
    "/graphql",
    express.json({ limit: MAX_BODY }),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<GraphQLContext> =>
        createRequestContext(
          services,
          await actorFromRequest(req.get("authorization"), verifier, services, sessionToken(req)),
          req.get("x-request-id")?.slice(0, 100) ?? newRequestId(),
          req.socket.remoteAddress ?? null,
        ),
    }),
  );
  app.use(jsonErrors);
  return app;
}

/** Body-parser failures (too large, bad JSON) answer as GraphQL-shaped JSON, never an HTML stack page. */
const jsonErrors: ErrorRequestHandler = (error, _req, res, _next) => {
  const status = typeof error?.status === "number" ? error.status : 500;
  const tooLarge = error?.type === "entity.too.large";
  const message = tooLarge
    ? `The request body exceeds ${MAX_BODY}; send less text at once (sections are limited to 100,000 characters).`
    : status < 500
      ? "The request body is not valid JSON."
      : "Internal server error.";
  const code = tooLarge ? "PAYLOAD_TOO_LARGE" : status < 500 ? "BAD_REQUEST" : "INTERNAL_SERVER_ERROR";
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
};
