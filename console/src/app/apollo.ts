import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache, ServerError } from "@apollo/client";
import { ErrorLink } from "@apollo/client/link/error";

/**
 * Ids that are global (Report, Agency: Node ids) normalise by default. Ids
 * that repeat in every report or format (table, row, section and column ids
 * such as `apply` or `sec.overview`) must not: those objects stay embedded in
 * their parent, or one report's rows would overwrite another's.
 */
export function createCache(): InMemoryCache {
  const embedded = { keyFields: false as const };
  return new InMemoryCache({
    possibleTypes: { Node: ["Agency", "Report"] },
    typePolicies: {
      ReportTable: embedded,
      ReportRow: embedded,
      ReportSection: embedded,
      FormatTable: embedded,
      FormatSection: embedded,
      FormatColumn: embedded,
      FormatRow: embedded,
      FormatRule: embedded,
      ReportRevision: embedded,
      User: { keyFields: ["name"] },
      AuditEvent: { keyFields: ["seq"] },
      Report: {
        fields: {
          // Note: lists the server always returns whole; replace, never merge.
          tables: { merge: false },
          sections: { merge: false },
          revisions: { merge: false },
          channels: { merge: false },
          workflowHistory: { merge: false },
        },
      },
    },
  });
}

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
