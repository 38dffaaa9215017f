import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, ServerError } from "@apollo/client";
import { ErrorLink } from "@apollo/client/link/error";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { getMainDefinition } from "@apollo/client/utilities";
import { OperationTypeNode } from "graphql";
import { createClient } from "graphql-ws";
import { createCache } from "./cache";

/** Where the console sends people who are not (or no longer) signed in. */
export function signInPath(): string {
  const here = window.location.pathname.replace(/^\/console/, "") + window.location.search;
  return `/console/login${here && here !== "/" && !here.startsWith("/login") ? `?next=${encodeURIComponent(here)}` : ""}`;
}

/**
 * One ErrorLink for protocol errors, by code: UNAUTHENTICATED goes to 登录
 * with the return path; the rest are shown by the screens as a generic
 * message, never the raw text.
 */
const errorLink = new ErrorLink(({ error }) => {
  const unauthenticated =
    (CombinedGraphQLErrors.is(error) && error.errors.some(e => e.extensions?.code === "UNAUTHENTICATED")) ||
    (ServerError.is(error) && error.statusCode === 401);
  if (unauthenticated && !window.location.pathname.startsWith("/console/login")) {
    window.location.assign(signInPath());
  }
});

/** Each time the live socket is connected (the first time, and after every reconnection). */
const liveConnections = new EventTarget();

/**
 * Calls `listener` whenever the live socket is (re)connected; returns the unsubscribe. Nothing pushed before the
 * socket was acknowledged — or while it was down — is replayed, so a view fed by a subscription reads again then.
 */
export function onLiveConnected(listener: () => void): () => void {
  liveConnections.addEventListener("connected", listener);
  return () => liveConnections.removeEventListener("connected", listener);
}

/**
 * Subscriptions (the live inbox) over graphql-ws on the same origin's /graphql. The browser sends the session
 * cookie with the WebSocket upgrade (same origin), and the server authenticates connection_init from that cookie
 * (actorFromConnection), so no token is put in the page. Lazy: the socket opens with the first subscription.
 */
function liveLink(): GraphQLWsLink {
  const url = `${window.location.protocol === "https:" ? "wss:" : "ws:"}//${window.location.host}/graphql`;
  const connected = () => liveConnections.dispatchEvent(new Event("connected"));
  return new GraphQLWsLink(createClient({ url, lazy: true, retryAttempts: Infinity, on: { connected } }));
}

export function createApolloClient(): ApolloClient {
  const isSubscription = (operation: ApolloLink.Operation) => {
    const definition = getMainDefinition(operation.query);
    return definition.kind === "OperationDefinition" && definition.operation === OperationTypeNode.SUBSCRIPTION;
  };
  return new ApolloClient({
    cache: createCache(),
    // Note: a query's data holds only what the query itself selects; each component reads its fragment with useFragment.
    dataMasking: true,
    // Note: the session cookie rides along (same origin); Content-Type JSON satisfies Apollo Server's CSRF prevention.
    link: ApolloLink.from([errorLink, ApolloLink.split(isSubscription, liveLink(), new HttpLink({ uri: "/graphql", credentials: "same-origin" }))]),
  });
}
