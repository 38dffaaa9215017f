import { AuthenticationError } from "../auth/auth-errors";
import type { TokenVerifier } from "../auth/tokens";
import { ANONYMOUS } from "../services";
import type { Actor, Services } from "../services";
import { userActor } from "../services/user.service";

/**
 * Who a request is from: anonymous without an Authorization header; otherwise
 * the active user the verified token names. A header that is present but
 * wrong is an error, never a silent downgrade to anonymous.
 */
export async function actorFromRequest(
  authorization: string | undefined,
  verifier: TokenVerifier,
  services: Services,
): Promise<Actor> {
  if (!authorization) {
    return ANONYMOUS;
  }
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) {
    throw new AuthenticationError("Send the token as Authorization: Bearer <token>.");
  }
  const claims = await verifier.verify(match[1]);
  const user = /^\d+$/.test(claims.sub) ? await services.users.findById(Number(claims.sub)) : null;
  if (!user || !user.active) {
    throw new AuthenticationError("This token's user does not exist or is deactivated.");
  }
  return userActor(user);
}

/**
 * Who a WebSocket connection is from — the one place live connections are authenticated, at connection_init:
 * the payload's `authorization` ("Bearer <token>"), else the upgrade request's Authorization header; neither
 * means anonymous (published reports only). A console session cookie would be read here too.
 */
export function actorFromConnection(
  params: Record<string, unknown> | undefined,
  request: { headers: Record<string, string | string[] | undefined> },
  verifier: TokenVerifier,
  services: Services,
): Promise<Actor> {
  const fromPayload = params?.authorization ?? params?.Authorization;
  const header = typeof fromPayload === "string" ? fromPayload : request.headers.authorization;
  return actorFromRequest(typeof header === "string" ? header : undefined, verifier, services);
}
