import type { Actor, Loaders, Services } from "../services";

/** What every resolver receives: the services, this request's loaders and who is asking. */
export interface GraphQLContext {
  services: Services;
  loaders: Loaders;
  actor: Actor;
  requestId: string;
}
