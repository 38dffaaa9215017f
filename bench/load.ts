import autocannon from "autocannon";
import type { ServerKind } from "./server-process";

/** One request of a scenario: its body and headers, or the page path of a GET; `done` sees the answer (null: given up). */
export interface RequestPlan {
  body: string;
  headers: Record<string, string>;
  path?: string;
  done?: (body: string | null) => void;
}

export interface Scenario {
  key: string;
  title: string;
  server: ServerKind;
  /** The scenario whose figures are this one's ceiling (measured in the same run), for a Gongkai scenario. */
  ceiling?: string;
  /** Requests sent one at a time before the warm-up, so a cold cache is filled the same way on Gongkai and its ceiling. */
  prime?: number;
  /** GET scenarios (the public pages) send no body. */
  method?: "GET";
  /** Builds the next request; called once per request. */
  next(): RequestPlan;
  /** Another load run on the same server for as long as this one (warm-up and measurement): writes beside reads. */
  background?: { scenario: Scenario; connections: number };
}

/** `firstFailure`: the status and start of the first answer counted as an error (which 503, which GraphQL error). */
export type LoadResult = autocannon.Result & { graphqlErrors: number; firstFailure: string | null };

/** Runs autocannon for `seconds` with `connections` connections, one request in flight on each. */
export function load(url: string, scenario: Scenario, seconds: number, connections: number): Promise<LoadResult> {
  let graphqlErrors = 0;
  let firstFailure: string | null = null;
  const pending = new Map<object, (body: string | null) => void>();
  const setupRequest = (request: autocannon.Request, context: Record<string, unknown>) => {
    // Note: autocannon rebuilds a request when a connection is (re)opened; an unanswered one is given up.
    pending.get(context)?.(null);
    pending.delete(context);
    const { body, headers, path, done } = scenario.next();
    if (done) pending.set(context, done);
    if (scenario.method === "GET") return { ...request, method: "GET", path, headers: { ...headers } };
    return { ...request, method: "POST", body, headers: { ...headers } };
  };
  const onResponse = (status: number, body: string, context: Record<string, unknown>) => {
    // Note: Apollo writes "errors" before "data", so a failed operation starts with it.
    const graphqlError = status === 200 && body.startsWith('{"errors"');
    if (graphqlError) graphqlErrors++;
    if ((graphqlError || status < 200 || status >= 400) && firstFailure === null) firstFailure = `${status} ${body.replace(/\s+/g, " ").slice(0, 200)}`;
    const done = pending.get(context);
    if (done) {
      pending.delete(context);
      done(body);
    }
  };
  return new Promise((resolve, reject) => {
    autocannon(
      { url, connections, pipelining: 1, duration: seconds, method: scenario.method ?? "POST", requests: [{ setupRequest, onResponse }] } as autocannon.Options,
      (error, result) => (error ? reject(error as Error) : resolve(Object.assign(result, { graphqlErrors, firstFailure }))),
    );
  });
}

export interface SingleClient {
  requestsPerSecond: number;
  p50: number;
  p99: number;
}

/** Latency of one client alone (a few seconds, same server, nothing else queued). */
export async function singleClient(url: string, scenario: Scenario, seconds: number): Promise<SingleClient> {
  await new Promise(resolve => setTimeout(resolve, 2_000));
  const result = await load(url, scenario, Math.min(seconds, 5), 1);
  return { requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}
