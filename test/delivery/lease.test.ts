import { DEFAULT_DELIVERY_POLICY, claimDue, insertDelivery, recordAttempt } from "../../src/live/delivery-store";
import { openTwoInstances } from "../live/live-fixture";

jest.setTimeout(60_000);

describe("delivery rows claimed with a lease", () => {
  let instances: Awaited<ReturnType<typeof openTwoInstances>>;

  beforeEach(async () => {
    instances = await openTwoInstances();
  });

  afterEach(() => instances.close());

  async function insert(count: number, now: Date) {
    await instances.a.db.transaction(async manager => {
      for (let seq = 1; seq <= count; seq++) {
        await insertDelivery(manager, {
          channel: "WEBHOOK",
          target: 1,
          agencyId: 1,
          seq,
          event: "report.workflow.submit",
          recipient: "http://127.0.0.1:9/",
          body: "{}",
          now: now.toISOString(),
        });
        // The same record derived again (by another instance) adds nothing.
        await insertDelivery(manager, {
          channel: "WEBHOOK",
          target: 1,
          agencyId: 1,
          seq,
          event: "report.workflow.submit",
          recipient: "http://127.0.0.1:9/",
          body: "{}",
          now: now.toISOString(),
        });
      }
    });
  }

  it("gives each due row to one of two instances claiming at once", async () => {
    const now = new Date();
    await insert(60, now);
    const [a, b] = await Promise.all([claimDue(instances.a.db, "a", now, 60_000, 40), claimDue(instances.b.db, "b", now, 60_000, 40)]);
    const ids = [...a, ...b].map(row => row.id);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    expect(await claimDue(instances.a.db, "a", now, 60_000, 40)).toEqual([]);
  });

  it("lets another instance take a row whose holder's lease ran out; the late holder's outcome is ignored", async () => {
    const now = new Date();
    await insert(1, now);
    const [held] = await claimDue(instances.a.db, "crashed", now, 1_000, 10);
    expect(held).toMatchObject({ seq: 1, attempts: 0 });
    expect(await claimDue(instances.b.db, "b", new Date(now.getTime() + 999), 1_000, 10)).toEqual([]);
    const [taken] = await claimDue(instances.b.db, "b", new Date(now.getTime() + 1_001), 60_000, 10);
    expect(taken.id).toBe(held.id);
    const policy = DEFAULT_DELIVERY_POLICY;
    await recordAttempt(instances.a.db, held, "crashed", { ok: false, responseCode: 500, error: "HTTP 500" }, policy, now);
    await recordAttempt(instances.b.db, taken, "b", { ok: true, responseCode: 200, error: null }, policy, now);
    const [row] = await instances.a.db.read(manager => manager.query("SELECT status, attempts, response_code, leased_by FROM delivery"));
    expect([row.status, Number(row.attempts), Number(row.response_code), row.leased_by]).toEqual(["DELIVERED", 1, 200, null]);
  });
});
