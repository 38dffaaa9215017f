import { createClient } from "graphql-ws";
import type { Client } from "graphql-ws";
import WebSocket from "ws";

/** A graphql-ws client of the server at `url` (http://…/graphql), signed in when a token is given. */
export function liveClient(url: string, token?: string, onClose?: (code: number, reason: string) => void): Client {
  return createClient({
    url: url.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
    on: { closed: event => onClose?.((event as { code: number }).code, String((event as { reason: unknown }).reason)) },
  });
}

/** The results of one subscription, as an async iterator. */
export function subscribe(client: Client, query: string, variables: Record<string, unknown> = {}) {
  return client.iterate<any>({ query, variables });
}

export const REPORT_CHANGED = `subscription($id: ID!, $after: Int) {
  reportChanged(id: $id, afterSeq: $after) { seq reportId version state changed step reason cellKeys sectionId by }
}`;

export const INBOX = `subscription($after: Int) { inbox(afterSeq: $after) { seq at reportId kind action reason by } }`;
