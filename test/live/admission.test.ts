import http from "node:http";
import type { TokenConfig } from "../../src/auth/token-config";
import { issueToken } from "../../src/auth/tokens";
import { toGlobalId } from "../../src/schema/node-id";
import { FAST_BODY_LIMIT } from "../../src/server/graphql-fast-path";
import { startServer } from "../../src/server/server";
import type { RunningServer } from "../../src/server/server";
import type { Services } from "../../src/services";
import { openTestServices } from "../support/test-services";
import { createTeam, createValidDraft, walk } from "../support/workflow-fixture";
import { nextWithin } from "./live-fixture";
import { REPORT_CHANGED, liveClient, subscribe } from "./ws-client";

jest.setTimeout(30_000);

const TOKENS: TokenConfig = { kind: "hs256", secret: new TextEncoder().encode("a-test-secret-of-at-least-32-chars!") };

describe("live connections and the HTTP admission queue", () => {
  let services: Services;
  let server: RunningServer;

  beforeEach(async () => {
    services = await openTestServices();
    server = await startServer(services, {
      port: 0,
      host: "127.0.0.1",
      tokens: TOKENS,
      admission: { maxConcurrent: 1, maxQueued: 0, queueTimeoutMs: 1_000, requestTimeoutMs: 10_000 },
    });
  });

  afterEach(async () => {
    await server.close();
    await services.db.close();
  });

  it("a subscriber is served while every HTTP slot is taken, and still must authenticate", async () => {
    const team = await createTeam(services, "A1");
    const report = await createValidDraft(services, team);
    // Hold the one HTTP slot: a request whose body never finishes (longer than the fast path reads before admission).
    const held = http.request(server.url, { method: "POST", headers: { "content-type": "application/json", "content-length": String(FAST_BODY_LIMIT + 1) } });
    held.on("error", () => undefined);
    held.write("{");
    await new Promise(resolve => setTimeout(resolve, 200));
    const refused = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: '{"query":"{ viewer { name } }"}' });
    expect(refused.status).toBe(503);

    const token = await issueToken(TOKENS, { sub: String(team.LEADER.userId), name: team.LEADER.name, agency: "A1", roles: ["LEADER"] }, "1h");
    const client = liveClient(server.url, token);
    const changes = subscribe(client, REPORT_CHANGED, { id: toGlobalId("Report", report.id), after: await services.events.lastSeq() });
    await walk(services, team, report.id, [["SUBMIT", "DRAFTER"]]);
    expect((await nextWithin(changes, 1000)).data.reportChanged).toMatchObject({ step: "SUBMIT", state: "SECRECY_REVIEW" });

    let closedWith = 0;
    const forged = subscribe(
      liveClient(server.url, "forged", code => (closedWith = code)),
      REPORT_CHANGED,
      { id: toGlobalId("Report", report.id) },
    );
    await expect(nextWithin(forged, 1000)).rejects.toBeDefined();
    expect(closedWith).toBe(4401);
    held.destroy();
    await client.dispose();
  });
});
