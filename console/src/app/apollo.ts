import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, ServerError } from "@apollo/client";
import { createCache } from "./cache";
import { ErrorLink } from "@apollo/client/link/error";

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

export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    cache: createCache(),
    // Note: the session cookie rides along (same origin); Content-Type JSON satisfies Apollo Server's CSRF prevention.
    link: ApolloLink.from([errorLink, new HttpLink({ uri: "/graphql", credentials: "same-origin" })]),
  });
}
