import type { TokenConfig } from "../../src/auth/token-config";
import { issueToken } from "../../src/auth/tokens";
import { startServer } from "../../src/server/server";
import type { RunningServer } from "../../src/server/server";
import type { UserActor } from "../../src/services";
import { createTeam, createValidDraft, walk } from "../support/workflow-fixture";
import { openTwoInstances } from "./live-fixture";

jest.setTimeout(60_000);

const TOKENS: TokenConfig = { kind: "hs256", secret: new TextEncoder().encode("a-test-secret-of-at-least-32-chars!") };

describe("notifications derived from the stream by two instances at once", () => {
  let instances: Awaited<ReturnType<typeof openTwoInstances>>;
  let servers: RunningServer[];

  beforeEach(async () => {
    instances = await openTwoInstances();
    servers = [
      await startServer(instances.a, { port: 0, host: "127.0.0.1", tokens: TOKENS }),
      await startServer(instances.b, { port: 0, host: "127.0.0.1", tokens: TOKENS }),
    ];
  });

  afterEach(async () => {
    for (const server of servers) await server.close();
    await instances.close();
  });

  const ask = async (user: UserActor, query: string, variables: Record<string, unknown> = {}) => {
    const token = await issueToken(TOKENS, { sub: String(user.userId), name: user.name, agency: "x", roles: [...user.roles] }, "1h");
    const response = await fetch(servers[0].url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as any;
  };
  const LIST = "{ viewer { notifications(first: 10) { totalCount unreadCount nodes { id kind action reason by at readAt } } } }";

  async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    for (let i = 0; i < 40; i++) {
      const value = await read();
      if (done(value)) return value;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    return read();
  }

  it("tells the people who act next, once each however many instances derive it, and marks them read", async () => {
    const team = await createTeam(instances.b, "N1");
    const secondReviewer = await instances.b.users.create(team.ADMIN, { name: "N1-reviewer-2", agencyCode: null, roles: ["SECRECY_REVIEWER"] });
    const report = await createValidDraft(instances.b, team);
    await walk(instances.b, team, report.id, [["SUBMIT", "DRAFTER"]]);
    const reviewerList = await waitFor(
      () => ask(team.SECRECY_REVIEWER, LIST),
      body => body.data?.viewer.notifications.totalCount > 0,
    );
    expect(reviewerList.data.viewer.notifications).toMatchObject({
      totalCount: 1,
      unreadCount: 1,
      nodes: [{ kind: "WAITING", action: "CLEAR_SECRECY", by: team.DRAFTER.name, readAt: null }],
    });
    await walk(instances.b, team, report.id, [["REJECT", "SECRECY_REVIEWER"]], "数字不符");
    const drafterList = await waitFor(
      () => ask(team.DRAFTER, LIST),
      body => body.data?.viewer.notifications.totalCount > 0,
    );
    expect(drafterList.data.viewer.notifications.nodes).toEqual([expect.objectContaining({ kind: "REJECTED", reason: "数字不符" })]);
    // Both instances derived every record; the (seq, user) key kept one row each.
    await new Promise(resolve => setTimeout(resolve, 500));
    const rows = await instances.a.db.read(manager => manager.query("SELECT seq, user_id FROM notification ORDER BY seq, user_id"));
    expect(rows.map((row: any) => Number(row.user_id))).toEqual([team.SECRECY_REVIEWER.userId, secondReviewer.id, team.DRAFTER.userId]);

    const id = reviewerList.data.viewer.notifications.nodes[0].id;
    const marked = await ask(
      team.SECRECY_REVIEWER,
      "mutation($ids: [ID!]) { notificationMarkRead(input: { ids: $ids }) { unreadCount userErrors { code } } }",
      { ids: [id] },
    );
    expect(marked.data.notificationMarkRead).toEqual({ unreadCount: 0, userErrors: [] });
    const [read] = (await ask(team.SECRECY_REVIEWER, LIST)).data.viewer.notifications.nodes;
    // DateTimeISO: both times are ISO 8601 instants, exactly as Date writes them.
    for (const time of [read.at, read.readAt]) expect(new Date(time).toISOString()).toBe(time);
    const none = await ask(team.DRAFTER, "mutation { notificationMarkRead(input: {}) { unreadCount userErrors { code field } } }");
    expect(none.data.notificationMarkRead).toEqual({ unreadCount: null, userErrors: [{ code: "INVALID_INPUT", field: ["input", "ids"] }] });
  });
});
