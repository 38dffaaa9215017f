import { createClient } from "graphql-ws";
import type { Client } from "graphql-ws";
import WebSocket from "ws";

/** A subscriber: which report it watches, and as whom (null: anonymous, sees publications only). */
export interface SubscriberPlan {
  reportId: string;
  token: string | null;
}

export interface Subscribers {
  /** Called by the step load when a step is sent: the event for (report, version) is timed from then. */
  sent(reportId: string, version: number): void;
  /** Delivery latencies (ms, sent → event received) measured since the last reset. */
  latencies(): number[];
  /** Subscriptions the server ended with an error (refused, limits). */
  errors(): number;
  reset(): void;
  close(): Promise<void>;
}

const REPORT_CHANGED = `subscription Watch($id: ID!) { reportChanged(id: $id) { seq reportId version state changed } }`;

/**
 * Opens one graphql-ws connection per plan (the server's limit is 10 connections per user, so callers spread
 * plans over users), each subscribed to reportChanged of one report; resolves once every subscription is
 * acknowledged by its first `connection_ack`.
 */
export async function openSubscribers(url: string, plans: SubscriberPlan[]): Promise<Subscribers> {
  const sentAt = new Map<string, number>();
  let measured: number[] = [];
  let errors = 0;
  const clients: Client[] = [];
  const wsUrl = url.replace(/^http/, "ws");
  await Promise.all(
    plans.map(
      plan =>
        new Promise<void>((resolve, reject) => {
          const client = createClient({
            url: wsUrl,
            webSocketImpl: WebSocket,
            lazy: false,
            retryAttempts: 0,
            connectionParams: plan.token ? { authorization: `Bearer ${plan.token}` } : {},
            on: {
              connected: () => resolve(),
              closed: event => reject(new Error(`subscriber closed: ${JSON.stringify((event as { reason?: string }).reason ?? event)}`)),
            },
          });
          clients.push(client);
          client.subscribe(
            { query: REPORT_CHANGED, variables: { id: plan.reportId } },
            {
              next: result => {
                const change = (result.data as { reportChanged?: { reportId: string; version: number } } | undefined)?.reportChanged;
                const started = change && sentAt.get(`${change.reportId}:${change.version}`);
                if (started) measured.push(performance.now() - started);
              },
              error: () => void errors++,
              complete: () => undefined,
            },
          );
        }),
    ),
  );
  return {
    sent: (reportId, version) => sentAt.set(`${reportId}:${version}`, performance.now()),
    latencies: () => measured,
    errors: () => errors,
    reset: () => {
      measured = [];
      sentAt.clear();
    },
    close: async () => {
      for (const client of clients) await client.dispose();
    },
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
