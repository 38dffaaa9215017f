import http from "node:http";
import type { AddressInfo } from "node:net";
import type { TokenConfig } from "../../src/auth/token-config";
import { issueToken } from "../../src/auth/tokens";
import { WEBHOOK_HEADERS } from "../../src/live/webhook-signature";
import type { UserActor } from "../../src/services";

export const TOKENS: TokenConfig = { kind: "hs256", secret: new TextEncoder().encode("a-test-secret-of-at-least-32-chars!") };

/** A GraphQL request to `url` as `user` (null: anonymous). */
export async function ask(url: string, user: UserActor | null, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (user)
    headers.authorization = `Bearer ${await issueToken(TOKENS, { sub: String(user.userId), name: user.name, agency: "x", roles: [...user.roles] }, "1h")}`;
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  return response.json();
}

export interface Received {
  id: string;
  event: string;
  timestamp: string;
  signature: string;
  body: string;
  answered: number;
}

/** A webhook receiver on a free port: records every request, answers with `status(n)` (n counts from 0). */
export async function startReceiver(status: (n: number) => number): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", chunk => chunks.push(chunk));
    request.on("end", () => {
      const answered = status(received.length);
      received.push({
        id: String(request.headers[WEBHOOK_HEADERS.id]),
        event: String(request.headers[WEBHOOK_HEADERS.event]),
        timestamp: String(request.headers[WEBHOOK_HEADERS.timestamp]),
        signature: String(request.headers[WEBHOOK_HEADERS.signature]),
        body: Buffer.concat(chunks).toString("utf8"),
        answered,
      });
      response.writeHead(answered, { "content-type": "text/plain" }).end(answered < 300 ? "ok" : "try again");
    });
  });
  await new Promise<void>(resolve => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/gongkai`,
    received,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

export async function waitUntil(done: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}
