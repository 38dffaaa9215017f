import { createClient } from "graphql-ws";
import WebSocket from "ws";
import type { TokenConfig } from "../../src/auth/token-config";
import { issueToken } from "../../src/auth/tokens";
import { startServer } from "../../src/server/server";
import type { RunningServer } from "../../src/server/server";
import { SESSION_COOKIE } from "../../src/server/session-cookie";
import { CLI_ACTOR } from "../../src/services";
import { createTeam } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";
import { openTwoInstances } from "./live-fixture";
import { INBOX, liveClient, subscribe } from "./ws-client";

jest.setTimeout(30_000);

const TOKENS: TokenConfig = { kind: "hs256", secret: new TextEncoder().encode("a-test-secret-of-at-least-32-chars!") };
const REQUEST = { id: "test", address: "127.0.0.1" };

/** Resolves with the close code, or rejects if the connection is still open after `ms`. */
function closedWithin(closed: Promise<number>, ms: number): Promise<number> {
  return Promise.race([closed, new Promise<number>((_resolve, reject) => setTimeout(() => reject(new Error(`still open after ${ms} ms`)), ms))]);
}

describe("a live connection ends with its credential", () => {
  let instances: Awaited<ReturnType<typeof openTwoInstances>>;
  let server: RunningServer;
  let team: Team;
  const disposers: Array<() => unknown> = [];

  beforeEach(async () => {
    instances = await openTwoInstances();
    server = await startServer(instances.a, { port: 0, host: "127.0.0.1", tokens: TOKENS, scheduler: false });
    team = await createTeam(instances.b, "CE");
  });

  afterEach(async () => {
    for (const dispose of disposers.splice(0)) await dispose();
    await server.close();
    await instances.close();
  });

  it("closes a bearer token's connection (4401) when the token expires, ending its subscriptions", async () => {
    const user = team.DRAFTER;
    const token = await issueToken(TOKENS, { sub: String(user.userId), name: user.name, agency: "x", roles: [...user.roles] }, "4s");
    let resolveClosed!: (code: number) => void;
    const closed = new Promise<number>(resolve => (resolveClosed = resolve));
    const client = liveClient(server.url, token, code => resolveClosed(code));
    disposers.push(() => client.dispose());
    const inbox = subscribe(client, INBOX, {});
    const next = inbox.next().then(
      () => "a result",
      () => "ended",
    );
    // Note: exp is in whole seconds, so the token lives 3 to 4 s from here.
    expect(await closedWithin(closed, 2500).catch(() => "open")).toBe("open");
    expect(await closedWithin(closed, 3000)).toBe(4401);
    expect(await next).toBe("ended");
  });

  it("closes a console session's connection (4401) when that session signs out on another instance", async () => {
    await instances.b.signIn.setPassword(CLI_ACTOR, team.LEADER.name, "a-password-of-some-length-1", false);
    const signedIn = await instances.b.signIn.signIn(team.LEADER.name, "a-password-of-some-length-1", REQUEST);
    if (signedIn.kind !== "signed-in") throw new Error(`not signed in: ${signedIn.kind}`);
    const cookie = `${SESSION_COOKIE}=${encodeURIComponent(signedIn.token)}`;
    class CookieSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: { cookie } });
      }
    }
    let resolveClosed!: (code: number) => void;
    const closed = new Promise<number>(resolve => (resolveClosed = resolve));
    const client = createClient({
      url: server.url.replace(/^http/, "ws"),
      webSocketImpl: CookieSocket,
      retryAttempts: 0,
      lazy: true,
      on: { closed: event => resolveClosed((event as { code: number }).code) },
    });
    disposers.push(() => client.dispose());
    const inbox = subscribe(client, INBOX, {});
    const next = inbox.next().then(
      () => "a result",
      () => "ended",
    );
    expect(await closedWithin(closed, 800).catch(() => "open")).toBe("open");

    expect(await instances.b.signIn.signOut(signedIn.token, REQUEST)).toBe(true);
    expect(await closedWithin(closed, 2000)).toBe(4401);
    expect(await next).toBe("ended");
  });
});
