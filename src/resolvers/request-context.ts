import { createLoaders } from "../services";
import type { Actor, Services } from "../services";
import { ReadScope } from "../services/access";
import type { GraphQLContext } from "./context";

/** A fresh context for one request: loaders and read scope are never shared between requests. */
export function createRequestContext(services: Services, actor: Actor, requestId: string): GraphQLContext {
  const scope = new ReadScope(work => services.db.read(work), actor);
  return { services, actor, requestId, scope, loaders: createLoaders(services.db, scope) };
}
