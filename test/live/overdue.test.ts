import { SYSTEM_ACTOR } from "../../src/auth/actor";
import { NotificationWriter, notificationsOf } from "../../src/live/notifications";
import { markOverdueReports } from "../../src/live/overdue";
import { createTeam, createValidDraft, walk } from "../support/workflow-fixture";
import { openTwoInstances } from "./live-fixture";
import { APPROVED, auditOf, eventually } from "./schedule-fixture";

jest.setTimeout(60_000);

describe("a report not published by its deadline is OVERDUE in its drafters' inbox, once, whatever the instances", () => {
  let instances: Awaited<ReturnType<typeof openTwoInstances>>;

  beforeEach(async () => {
    instances = await openTwoInstances();
  });
  afterEach(async () => {
    await instances.a.events.stop();
    await instances.close();
  });

  it("marks an unpublished 2020 report (due 31 January 2021) once, tells its drafter, and leaves a published one alone", async () => {
    const team = await createTeam(instances.a, "OD1");
    const late = await createValidDraft(instances.a, team, 2020);
    const published = await createValidDraft(instances.a, team, 2019);
    await walk(instances.a, team, published.id, [...APPROVED, ["PUBLISH", "PUBLISHER"]]);
    const notifications = new NotificationWriter(instances.a.db, instances.a.events, instances.a.inbox);
    await notifications.start();
    try {
      // Before the deadline nothing is overdue; after it, two instances sweep at once and one record results.
      expect(await markOverdueReports(instances.a.db, SYSTEM_ACTOR, new Date("2021-01-31T15:00:00Z"))).toEqual([]);
      const now = new Date("2021-02-01T01:00:00Z");
      const [a, b] = await Promise.all([markOverdueReports(instances.a.db, SYSTEM_ACTOR, now), markOverdueReports(instances.b.db, SYSTEM_ACTOR, now)]);
      expect([...a, ...b]).toEqual([late.id]);
      expect(await markOverdueReports(instances.a.db, SYSTEM_ACTOR, now)).toEqual([]);
      const [record] = await auditOf(instances.a, late.id, "report.overdue");
      expect(record.diff).toEqual({ year: 2020, dueDate: "2021-01-31", state: "draft" });
      expect(await auditOf(instances.a, published.id, "report.overdue")).toEqual([]);

      const told = await eventually(async () =>
        (await notificationsOf(instances.a.db, team.DRAFTER.userId, 10, null)).rows.find(row => row.kind === "OVERDUE"),
      );
      expect(told).toMatchObject({ reportId: late.id, kind: "OVERDUE" });
      const leader = await notificationsOf(instances.a.db, team.LEADER.userId, 10, null);
      expect(leader.rows.filter(row => row.kind === "OVERDUE")).toEqual([]);
    } finally {
      await notifications.stop();
    }
  });
});
