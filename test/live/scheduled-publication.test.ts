import { notificationsOf, NotificationWriter } from "../../src/live/notifications";
import { Scheduler } from "../../src/live/scheduler";
import { createTeam, walk } from "../support/workflow-fixture";
import { openTwoInstances } from "./live-fixture";
import { approvedReport, auditOf, eventually, jobsOf, spawnInstance, stopInstance } from "./schedule-fixture";
import type { InstanceProcess } from "./schedule-fixture";

jest.setTimeout(90_000);

/**
 * Issue 13's must-show on scheduled publication, with each instance a separate process on the one database
 * (a SQLite file, or — under `npm run test:pg` — one PostgreSQL schema).
 */
describe("scheduled publication across instances (separate processes, one database)", () => {
  let instances: Awaited<ReturnType<typeof openTwoInstances>>;
  const processes: InstanceProcess[] = [];

  beforeEach(async () => {
    instances = await openTwoInstances();
  });

  afterEach(async () => {
    for (const instance of processes.splice(0)) await stopInstance(instance);
    await instances.close();
  });

  const start = (name: string, env: Record<string, string> = {}) => {
    const instance = spawnInstance(instances.databaseUrl, name, env);
    processes.push(instance);
    return instance;
  };
  const stateOf = async (id: number) => (await instances.a.reports.findById(id))!.state;

  it("two instances + a schedule 2 s ahead → published once, by one instance, at its time", async () => {
    const team = await createTeam(instances.a, "SP1");
    const approved = await approvedReport(instances.a, team);
    const [x, y] = [start("instance-x"), start("instance-y")];
    await Promise.all([x.until("ready"), y.until("ready")]);
    const at = new Date(Date.now() + 2000);
    await instances.a.schedule.schedule(team.PUBLISHER, { reportId: approved.id, expectedVersion: approved.version, at });
    await new Promise(resolve => setTimeout(resolve, 1000));
    expect(await stateOf(approved.id)).toBe("approved"); // not before its time

    await eventually(async () => (await stateOf(approved.id)) === "published");
    await new Promise(resolve => setTimeout(resolve, 1000)); // both keep polling: neither publishes again

    const publications = await auditOf(instances.a, approved.id, "report.workflow.publish");
    expect(publications).toHaveLength(1);
    const { scheduled } = publications[0].diff;
    expect(publications[0].actorName).toBe(team.PUBLISHER.name);
    expect(scheduled).toMatchObject({ for: at.toISOString(), by: team.PUBLISHER.userId });
    expect(["instance-x", "instance-y"]).toContain(scheduled.instance);
    expect(Date.parse(scheduled.publishedAt)).toBeGreaterThanOrEqual(at.getTime());
    expect(scheduled.delayMs).toBe(Date.parse(scheduled.publishedAt) - at.getTime());
    const runs = [...x.facts, ...y.facts].filter(fact => "run" in fact);
    expect(runs).toEqual([{ run: expect.any(Number), result: "published" }]);
    expect(await jobsOf(instances.a, approved.id)).toEqual([{ status: "done", claimedBy: scheduled.instance, attempts: 1, outcome: expect.any(Object) }]);
  });

  it("kill the instance holding the claim → the other publishes after the lease, recording the delay", async () => {
    const team = await createTeam(instances.a, "SP2");
    const approved = await approvedReport(instances.a, team);
    const at = new Date(Date.now() + 1500);
    await instances.a.schedule.schedule(team.PUBLISHER, { reportId: approved.id, expectedVersion: approved.version, at });
    const holder = start("instance-holder", { STALL: "1", LEASE_MS: "2000" });
    await holder.until("claimed");
    const other = start("instance-other");
    await other.until("ready");
    await stopInstance(holder); // dies holding the claim (under load the lease may already have run out here)

    await eventually(async () => (await stateOf(approved.id)) === "published");
    const publications = await auditOf(instances.a, approved.id, "report.workflow.publish");
    expect(publications).toHaveLength(1);
    expect(publications[0].diff.scheduled).toMatchObject({ instance: "instance-other", for: at.toISOString() });
    // The holder claimed at the time or later and held the claim for its lease (LEASE_MS) before another could take it.
    expect(publications[0].diff.scheduled.delayMs).toBeGreaterThanOrEqual(2000);
    expect(await jobsOf(instances.a, approved.id)).toMatchObject([{ status: "done", claimedBy: "instance-other", attempts: 2 }]);
  });

  it("a server that was down at the time publishes at start, recording the delay", async () => {
    const team = await createTeam(instances.a, "SP3");
    const approved = await approvedReport(instances.a, team);
    const at = new Date(Date.now() + 500);
    await instances.a.schedule.schedule(team.PUBLISHER, { reportId: approved.id, expectedVersion: approved.version, at });
    await new Promise(resolve => setTimeout(resolve, 2000)); // no instance runs
    start("instance-late");

    await eventually(async () => (await stateOf(approved.id)) === "published");
    const [publication] = await auditOf(instances.a, approved.id, "report.workflow.publish");
    expect(publication.diff.scheduled.delayMs).toBeGreaterThanOrEqual(1500);
  });

  it("a schedule whose report was reopened is refused at its time, with a record, and the scheduler is told", async () => {
    const team = await createTeam(instances.a, "SP4");
    const approved = await approvedReport(instances.a, team);
    const at = new Date(Date.now() + 2500);
    await instances.a.schedule.schedule(team.PUBLISHER, { reportId: approved.id, expectedVersion: approved.version, at });
    const notifications = new NotificationWriter(instances.b.db, instances.b.events, instances.b.inbox);
    await notifications.start();
    const scheduler = new Scheduler(instances.b.db, instances.b.schedule, { pollMs: 100, leaseMs: 1500, instance: "instance-b" });
    try {
      scheduler.start();
      // Published by hand, then reopened for a correction before the schedule's time.
      await walk(
        instances.a,
        team,
        approved.id,
        [
          ["PUBLISH", "PUBLISHER"],
          ["CORRECT", "DRAFTER"],
        ],
        "表三数字有误",
      );
      const reopened = (await instances.a.reports.findById(approved.id))!;

      const [refusal] = await eventually(async () => {
        const found = await auditOf(instances.a, approved.id, "report.schedule.refused");
        return found.length ? found : null;
      });
      expect(refusal.diff).toMatchObject({ scheduledFor: at.toISOString(), scheduledBy: team.PUBLISHER.userId, state: "draft", instance: "instance-b" });
      expect(refusal.diff.reasons.map((r: { code: string }) => r.code)).toEqual(["WRONG_STATE"]);
      expect(Date.parse(refusal.diff.at)).toBeGreaterThanOrEqual(at.getTime());
      expect(await auditOf(instances.a, approved.id, "report.workflow.publish")).toHaveLength(1); // only the one by hand
      expect((await instances.a.reports.findById(approved.id))!).toMatchObject({ state: "draft", version: reopened.version });
      expect(await jobsOf(instances.a, approved.id)).toMatchObject([{ status: "refused", claimedBy: "instance-b" }]);

      const told = await eventually(async () => {
        const page = await notificationsOf(instances.a.db, team.PUBLISHER.userId, 10, null);
        return page.rows.find(row => row.kind === "SCHEDULE_REFUSED");
      });
      expect(told).toMatchObject({ reportId: approved.id, reason: expect.stringContaining("发布") });
    } finally {
      await scheduler.stop();
      await notifications.stop();
      await instances.b.events.stop();
    }
  });
});
