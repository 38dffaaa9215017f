import { verifyWebhook } from "../../src/live/webhook-signature";
import { startServer } from "../../src/server/server";
import type { RunningServer } from "../../src/server/server";
import type { WorkflowEventType } from "../../src/workflow";
import { openTwoInstances } from "../live/live-fixture";
import { createTeam, createValidDraft, walk } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";
import { TOKENS, ask, startReceiver, waitUntil } from "./delivery-fixture";

jest.setTimeout(90_000);

const ADD = "mutation($url: String!) { webhookEndpointAdd(input: { url: $url }) { secret endpoint { id url secretHint active } userErrors { code message } } }";
const LOG = `{ webhookEndpoints { id active consecutiveFailures disabledAt
  deliveries(first: 50) { id seq event status attempts responseCode lastError nextAttemptAt deliveredAt payload } } }`;

/** Every workflow step, each by a role allowed to take it. */
const STEPS: Array<[WorkflowEventType, keyof Team, string?]> = [
  ["SUBMIT", "DRAFTER"],
  ["WITHDRAW", "DRAFTER"],
  ["SUBMIT", "DRAFTER"],
  ["REJECT", "SECRECY_REVIEWER", "数字不符"],
  ["SUBMIT", "DRAFTER"],
  ["CLEAR_SECRECY", "SECRECY_REVIEWER"],
  ["SIGN_OFF", "LEADER"],
  ["PUBLISH", "PUBLISHER"],
  ["CORRECT", "DRAFTER", "更正第二节"],
];

describe("webhooks: two instances deliver every workflow step once, signed, and retry after a 500", () => {
  let instances: Awaited<ReturnType<typeof openTwoInstances>>;
  let servers: RunningServer[];

  beforeEach(async () => {
    instances = await openTwoInstances();
    const outbound = { delivery: { baseDelayMs: 300, pollMs: 100, disableAfter: 3, maxAttempts: 4 } };
    servers = [
      await startServer(instances.a, { port: 0, host: "127.0.0.1", tokens: TOKENS, outbound }),
      await startServer(instances.b, { port: 0, host: "127.0.0.1", tokens: TOKENS, outbound }),
    ];
  });

  afterEach(async () => {
    for (const server of servers) await server.close();
    await instances.close();
  });

  it("POSTs each step with a verifiable signature; the first, answered 500, comes again and is then logged delivered", async () => {
    const receiver = await startReceiver(n => (n === 0 ? 500 : 204));
    try {
      const team = await createTeam(instances.a, "WH1");
      const added = await ask(servers[0].url, team.ADMIN, ADD, { url: receiver.url });
      const { secret, endpoint } = added.data.webhookEndpointAdd;
      expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
      expect(endpoint).toMatchObject({ url: receiver.url, secretHint: `…${secret.slice(-4)}`, active: true });

      const report = await createValidDraft(instances.b, team);
      for (const [event, role, reason] of STEPS) await walk(instances.b, team, report.id, [[event, role]], reason);

      const accepted = () => receiver.received.filter(r => r.answered < 300);
      await waitUntil(() => accepted().length === STEPS.length).catch(async e => {
        console.log(
          JSON.stringify(receiver.received.map(r => [r.id, r.answered])),
          JSON.stringify(
            await instances.a.db.read(m => m.query("SELECT id, status, attempts, last_error, next_attempt_at, lease_until, leased_by FROM delivery")),
          ),
          JSON.stringify(await instances.a.db.read(m => m.query("SELECT * FROM stream_cursor"))),
        );
        throw e;
      });
      await new Promise(resolve => setTimeout(resolve, 700)); // nothing more arrives: no step is sent twice
      expect(accepted()).toHaveLength(STEPS.length);
      expect(new Set(accepted().map(r => r.id)).size).toBe(STEPS.length);

      // Each arrives signed over `<timestamp>.<exact body>` with the endpoint's secret; a wrong secret or a changed body fails.
      for (const request of receiver.received) {
        expect(verifyWebhook(secret, request, request.body)).toBe(true);
        expect(verifyWebhook(`${secret}x`, request, request.body)).toBe(false);
        expect(verifyWebhook(secret, request, request.body.replace("WH1", "WH2"))).toBe(false);
        expect(verifyWebhook(secret, request, request.body, Date.now() + 3_600_000)).toBe(false); // a replay an hour later
      }
      const bodies = accepted()
        .map(r => JSON.parse(r.body))
        .sort((x, y) => x.seq - y.seq);
      expect(bodies.map(b => b.step)).toEqual(STEPS.map(([event]) => event));
      expect(bodies.map(b => b.event)).toEqual(STEPS.map(([event]) => `report.workflow.${event.toLowerCase()}`));
      expect(bodies[3]).toMatchObject({
        reason: "数字不符",
        by: team.SECRECY_REVIEWER.name,
        report: { year: 2020, state: "draft" },
        agency: { name: "WH1 局" },
      });
      expect(bodies[7].report.state).toBe("published");

      // The 500 was retried: the same delivery (id) came twice, the second time after the backoff.
      const [first, again] = receiver.received.filter(r => r.id === receiver.received[0].id);
      expect([first.answered, again?.answered]).toEqual([500, 204]);
      expect(Number(again.timestamp)).toBeGreaterThanOrEqual(Number(first.timestamp));

      // The ADMIN's delivery log: every delivery delivered, the first after two attempts.
      const log = (await ask(servers[1].url, team.ADMIN, LOG)).data.webhookEndpoints[0];
      expect(log).toMatchObject({ active: true, consecutiveFailures: 0, disabledAt: null });
      expect(log.deliveries).toHaveLength(STEPS.length);
      expect(log.deliveries.every((d: any) => d.status === "DELIVERED" && d.responseCode === 204 && d.nextAttemptAt === null)).toBe(true);
      const retried = log.deliveries.find((d: any) => d.attempts === 2);
      expect(retried).toMatchObject({ event: "report.workflow.submit", lastError: null });
      expect(log.deliveries.filter((d: any) => d.attempts === 1)).toHaveLength(STEPS.length - 1);
      expect(log.deliveries.map((d: any) => d.payload).sort()).toEqual(
        accepted()
          .map(r => r.body)
          .sort(),
      );
    } finally {
      await receiver.close();
    }
  });

  it("disables an endpoint after repeated failures, logs each attempt, and tells the agency's ADMINs", async () => {
    const receiver = await startReceiver(() => 500);
    try {
      const team = await createTeam(instances.a, "WH2");
      await ask(servers[0].url, team.ADMIN, ADD, { url: receiver.url });
      const report = await createValidDraft(instances.a, team);
      await walk(instances.a, team, report.id, [["SUBMIT", "DRAFTER"]]);
      await walk(instances.a, team, report.id, [["REJECT", "SECRECY_REVIEWER"]], "退回");

      let log: any;
      await waitUntil(async () => {
        log = (await ask(servers[0].url, team.ADMIN, LOG)).data.webhookEndpoints[0];
        return !log.active;
      });
      // Three failed attempts in a row (disableAfter 3) disabled it; what still waited is cancelled, nothing more is sent.
      expect(log).toMatchObject({ active: false, consecutiveFailures: 3, disabledAt: expect.any(String) });
      // (A fourth request is possible: the other instance may have been sending a retry at that moment; its outcome is
      // not recorded, the delivery being cancelled.)
      expect(receiver.received.length).toBeGreaterThanOrEqual(3);
      expect(receiver.received.length).toBeLessThanOrEqual(4);
      expect(log.deliveries.map((d: any) => d.status).sort()).toEqual(["CANCELLED", "CANCELLED"]);
      expect(log.deliveries.map((d: any) => d.responseCode)).toContain(500);
      expect(log.deliveries.find((d: any) => d.attempts > 0)).toMatchObject({ lastError: "HTTP 500" });

      const NOTES = "{ viewer { notifications(first: 5) { nodes { kind reason } } } }";
      await waitUntil(async () => (await ask(servers[0].url, team.ADMIN, NOTES)).data.viewer.notifications.nodes.length > 0);
      const notes = (await ask(servers[0].url, team.ADMIN, NOTES)).data.viewer.notifications.nodes;
      expect(notes).toEqual([{ kind: "WEBHOOK_DISABLED", reason: expect.stringContaining(receiver.url) }]);

      // Enabled again by the ADMIN, it receives the steps taken from then on.
      const id = log.id;
      const enabled = await ask(
        servers[0].url,
        team.ADMIN,
        "mutation($id: ID!) { webhookEndpointEnable(input: { id: $id }) { changed endpoint { active consecutiveFailures } } }",
        { id },
      );
      expect(enabled.data.webhookEndpointEnable).toEqual({ changed: true, endpoint: { active: true, consecutiveFailures: 0 } });
    } finally {
      await receiver.close();
    }
  });
});
