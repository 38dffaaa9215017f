import { decodeJwt } from "jose";
import { AuthenticationError } from "../auth/auth-errors";
import type { TokenVerifier } from "../auth/tokens";
import { ANONYMOUS } from "../services";
import type { Actor, Services } from "../services";
import { sessionFromCookieHeader } from "./session-cookie";

/**
 * Who a request is from: the bearer token's user (API clients, identity
 * providers), else the session cookie's (the console), else anonymous. A
 * header or cookie that is present but wrong is an error, never a silent
 * downgrade to anonymous.
 */
export async function actorFromRequest(
  authorization: string | undefined,
  verifier: TokenVerifier,
  services: Services,
  session: string | null = null,
): Promise<Actor> {
  if (!authorization) {
    return session ? actorFromSession(session, services) : ANONYMOUS;
  }
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) {
    throw new AuthenticationError("Send the token as Authorization: Bearer <token>.");
  }
  const claims = await verifier.verify(match[1]);
  const actor = /^\d+$/.test(claims.sub) ? await services.actors.forUser(Number(claims.sub)) : null;
  if (!actor) {
    throw new AuthenticationError("This token's user does not exist or is deactivated.");
  }
  return actor;
}

async function actorFromSession(token: string, services: Services): Promise<Actor> {
  const actor = await services.signIn.actorForSession(token);
  if (!actor) {
    throw new AuthenticationError("会话已过期，请重新登录。Your session has ended: sign in again.");
  }
  return actor;
}

/**
 * Who a WebSocket connection is from — the one place live connections are authenticated, at connection_init:
 * the payload's `authorization` ("Bearer <token>"), else the upgrade request's Authorization header; neither
 * means the console's session cookie on the upgrade request, if any; none of them means anonymous (published reports only).
 */
export function actorFromConnection(
  params: Record<string, unknown> | undefined,
  request: { headers: Record<string, string | string[] | undefined> },
  verifier: TokenVerifier,
  services: Services,
): Promise<Actor> {
  const { header, session } = connectionCredentials(params, request);
  return actorFromRequest(header, verifier, services, session);
}

function connectionCredentials(params: Record<string, unknown> | undefined, request: { headers: Record<string, string | string[] | undefined> }) {
  const fromPayload = params?.authorization ?? params?.Authorization;
  const header = typeof fromPayload === "string" ? fromPayload : request.headers.authorization;
  return { header: typeof header === "string" ? header : undefined, session: sessionFromCookieHeader(request.headers.cookie) };
}

/**
 * What an authenticated connection's credential is and when it stops being good: the bearer token's `exp`, or
 * the session's end. Read after actorFromConnection accepted the credential, so the token is already verified.
 */
export async function connectionExpiry(
  params: Record<string, unknown> | undefined,
  request: { headers: Record<string, string | string[] | undefined> },
  services: Services,
): Promise<{ session: string | null; expiresAt: Date | null }> {
  const { header, session } = connectionCredentials(params, request);
  const bearer = header ? /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1] : undefined;
  if (bearer) {
    const { exp } = decodeJwt(bearer);
    return { session: null, expiresAt: typeof exp === "number" ? new Date(exp * 1000) : null };
  }
  return session ? { session, expiresAt: await services.signIn.sessionExpiry(session) } : { session: null, expiresAt: null };
}
