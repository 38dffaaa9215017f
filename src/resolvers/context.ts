import type { Actor, Loaders, Services } from "../services";
import type { ReadScope } from "../services/access";

/** What every resolver receives: the services, this request's loaders, who is asking and what they may read. */
export interface GraphQLContext {
  services: Services;
  loaders: Loaders;
  actor: Actor;
  scope: ReadScope;
  requestId: string;
}
