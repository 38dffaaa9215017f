import type { TokenConfig } from "../../src/auth/token-config";
import { issueToken } from "../../src/auth/tokens";
import { toGlobalId } from "../../src/schema/node-id";
import { startServer } from "../../src/server/server";
import type { RunningServer } from "../../src/server/server";
import type { UserActor } from "../../src/services";
import { HAPPY_PATH, createTeam, createValidDraft, walk } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";
import { nextWithin, openTwoInstances } from "./live-fixture";
import { INBOX, REPORT_CHANGED, liveClient, subscribe } from "./ws-client";

jest.setTimeout(60_000);

const CELL = "active.art20_1/active.rules/col.made";
const TOKENS: TokenConfig = { kind: "hs256", secret: new TextEncoder().encode("a-test-secret-of-at-least-32-chars!") };
const tokenOf = (user: UserActor) => issueToken(TOKENS, { sub: String(user.userId), name: user.name, agency: "x", roles: [...user.roles] }, "1h");

describe("subscriptions over graphql-ws, the change made through ANOTHER instance", () => {
  let instances: Awaited<ReturnType<typeof openTwoInstances>>;
  let server: RunningServer;
  let team: Team;
  const clients: Array<{ dispose(): void | Promise<void> }> = [];

  beforeEach(async () => {
    instances = await openTwoInstances();
    server = await startServer(instances.a, { port: 0, host: "127.0.0.1", tokens: TOKENS });
    team = await createTeam(instances.b, "L1");
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) await client.dispose();
    await server.close();
    await instances.close();
  });

  const client = (token?: string, onClose?: (code: number, reason: string) => void) => {
    const made = liveClient(server.url, token, onClose);
    clients.push(made);
    return made;
  };

  it("sends each step and a cell edit within 1 s; the public sees the publication and nothing before it", async () => {
    const report = await createValidDraft(instances.b, team);
    const after = await instances.a.events.lastSeq();
    const id = toGlobalId("Report", report.id);
    const insider = subscribe(client(await tokenOf(team.DRAFTER)), REPORT_CHANGED, { id, after });
    const anonymous = subscribe(client(), REPORT_CHANGED, { id, after });
    const reviewerInbox = subscribe(client(await tokenOf(team.SECRECY_REVIEWER)), INBOX, { after });

    for (const value of ["7", "0"]) {
      await instances.b.reports.setCells(team.DRAFTER, { reportId: report.id, cells: [{ key: CELL, value }] });
      const edit = (await nextWithin(insider, 1000)).data.reportChanged;
      expect(edit).toMatchObject({ reportId: id, state: "DRAFT", changed: ["CELLS"], cellKeys: [CELL], by: team.DRAFTER.name });
    }

    const states = ["SECRECY_REVIEW", "LEADERSHIP_SIGN_OFF", "APPROVED", "PUBLISHED"];
    for (const [i, [event, role]] of HAPPY_PATH.entries()) {
      await walk(instances.b, team, report.id, [[event, role]]);
      const change = (await nextWithin(insider, 1000)).data.reportChanged;
      expect(change).toMatchObject({ step: event, state: states[i], changed: ["STEP"], by: team[role].name, version: report.version + 3 + i });
    }
    const published = (await nextWithin(anonymous, 1000)).data.reportChanged;
    expect(published).toMatchObject({ step: "PUBLISH", state: "PUBLISHED", by: null, reason: null, cellKeys: [] });

    const waiting = (await nextWithin(reviewerInbox, 1000)).data.inbox;
    expect(waiting).toMatchObject({ reportId: id, kind: "WAITING", action: "CLEAR_SECRECY", by: team.DRAFTER.name });
    expect(new Date(waiting.at).toISOString()).toBe(waiting.at);
  });

  it("a reconnect with the last seq loses nothing", async () => {
    const report = await createValidDraft(instances.b, team);
    const id = toGlobalId("Report", report.id);
    const start = await instances.a.events.lastSeq();
    const first = subscribe(client(await tokenOf(team.LEADER)), REPORT_CHANGED, { id, after: start });
    await walk(instances.b, team, report.id, HAPPY_PATH.slice(0, 1));
    const seen = (await nextWithin(first, 1000)).data.reportChanged;
    await first.return?.();
    await walk(instances.b, team, report.id, HAPPY_PATH.slice(1, 3)); // while disconnected
    const resumed = subscribe(client(await tokenOf(team.LEADER)), REPORT_CHANGED, { id, after: seen.seq });
    const missed = [(await nextWithin(resumed, 1000)).data.reportChanged, (await nextWithin(resumed, 1000)).data.reportChanged];
    expect(missed.map(change => change.step)).toEqual(["CLEAR_SECRECY", "SIGN_OFF"]);
    expect(missed[0].seq).toBeGreaterThan(seen.seq);
    await walk(instances.b, team, report.id, HAPPY_PATH.slice(3));
    expect((await nextWithin(resumed, 1000)).data.reportChanged.step).toBe("PUBLISH");
  });

  it("the rejected report's drafter is told, with the reason; the inbox needs a signed-in user", async () => {
    const report = await createValidDraft(instances.b, team);
    const after = await instances.a.events.lastSeq();
    const inbox = subscribe(client(await tokenOf(team.DRAFTER)), INBOX, { after });
    await walk(
      instances.b,
      team,
      report.id,
      [
        ["SUBMIT", "DRAFTER"],
        ["REJECT", "SECRECY_REVIEWER"],
      ],
      "第二部分数字有误",
    );
    expect((await nextWithin(inbox, 1000)).data.inbox).toMatchObject({ kind: "REJECTED", reason: "第二部分数字有误", by: team.SECRECY_REVIEWER.name });
    const anonymousInbox = subscribe(client(), INBOX, {});
    expect(await nextWithin(anonymousInbox, 1000)).toEqual({
      errors: [expect.objectContaining({ message: expect.stringMatching(/^Sign in/), extensions: { code: "UNAUTHENTICATED" } })],
    });
  });

  it("refuses a bad token at connection_init, closes a deactivated user's connection, and limits subscriptions", async () => {
    let refused: [number, string] | null = null;
    const forged = subscribe(
      client("not-a-token", (code, reason) => (refused = [code, reason])),
      INBOX,
      {},
    );
    await expect(nextWithin(forged, 1000)).rejects.toBeDefined();
    expect(refused![0]).toBe(4401);

    let closed: number | null = null;
    const drafter = client(await tokenOf(team.DRAFTER), code => (closed = code));
    const running = subscribe(drafter, INBOX, {});
    const pending = running.next();
    await new Promise(resolve => setTimeout(resolve, 300));
    await instances.b.users.setActive(team.ADMIN, team.DRAFTER.name, false);
    await expect(Promise.race([pending, new Promise((_r, reject) => setTimeout(() => reject(new Error("still open")), 1500))])).rejects.toBeDefined();
    expect(closed).toBe(4403);

    const reviewer = client(await tokenOf(team.SECRECY_REVIEWER));
    const many = Array.from({ length: 21 }, () => subscribe(reviewer, INBOX, {}));
    const outcomes = await Promise.allSettled(many.map(iterator => nextWithin(iterator, 1000)));
    const limited = outcomes.filter(o => o.status === "rejected" && Array.isArray(o.reason) && /At most 20 subscriptions/.test(o.reason[0].message));
    expect(limited).toHaveLength(1);
  });

  it("allows 10 live connections per user and closes the 11th with 4429", async () => {
    const token = await tokenOf(team.PUBLISHER);
    const ten = Array.from({ length: 10 }, () => client(token));
    // Why wait for the acknowledgements, then for the close, not fixed pauses: under load a 500 ms pause and a 1 s window were too short.
    const acknowledged = ten.map(made => new Promise<void>(resolve => made.on("connected", () => resolve())));
    const open = ten.map(made => subscribe(made, INBOX, {}));
    const pending = open.map(iterator => iterator.next());
    await Promise.all(acknowledged);
    const closedWith = new Promise<number>((resolve, reject) => {
      setTimeout(() => reject(new Error("the 11th connection was still open after 10 s")), 10_000).unref();
      void subscribe(
        client(token, code => resolve(code)),
        INBOX,
        {},
      )
        .next()
        .catch(() => undefined);
    });
    expect(await closedWith).toBe(4429);
    await Promise.all(open.map(async iterator => iterator.return?.()));
    void pending;
  });

  it("serves only subscriptions over WebSocket", async () => {
    const query = subscribe(client(), "{ viewer { name } }");
    await expect(nextWithin(query, 1000)).rejects.toEqual([expect.objectContaining({ message: expect.stringMatching(/Only subscriptions/) })]);
  });
});
