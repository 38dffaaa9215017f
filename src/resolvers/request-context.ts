import { createLoaders } from "../services";
import type { Actor, Services, StoredReports } from "../services";
import { ReadScope } from "../services/access";
import type { GraphQLContext } from "./context";

/**
 * A fresh context for one request: loaders and read scope are never shared
 * between requests. The request's id and client address ride on the actor, so
 * every audit record the request causes names them. `dataVersion`: the audit
 * chain's head the request read before anything else (the fast path does), and `stored` the report rows it read
 * in the same statement.
 */
export function createRequestContext(
  services: Services,
  actor: Actor,
  requestId: string,
  clientAddress: string | null = null,
  dataVersion?: number,
  stored?: StoredReports,
): GraphQLContext {
  const requestActor: Actor = actor.kind === "anonymous" ? actor : { ...actor, request: { id: requestId, address: clientAddress } };
  const scope = new ReadScope(work => services.db.read(work), requestActor, dataVersion);
  return { services, actor: requestActor, requestId, scope, loaders: createLoaders(services.db, scope, services.contentCache, stored) };
}
