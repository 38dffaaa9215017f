import { toGlobalId } from "../../src/schema/node-id";
import { ANONYMOUS } from "../../src/services";
import type { Actor } from "../../src/services";
import type { Role, WorkflowEventType } from "../../src/workflow";
import { openTestApi } from "../support/test-services";
import type { TestApi } from "../support/test-services";
import { createTeam, createValidDraft, walk } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";

const SCHEDULE = `mutation($input: ReportSchedulePublishInput!) {
  reportSchedulePublish(input: $input) { report { version workflow { state scheduledPublishAt scheduledBy scheduler { id name } } } userErrors { code message field } }
}`;
const UNSCHEDULE = `mutation($input: ReportWorkflowInput!) {
  reportUnschedulePublish(input: $input) { report { version workflow { scheduledPublishAt scheduledBy scheduler { id } } } userErrors { code message } }
}`;
const WORKFLOW = `query($id: ID!) { report(id: $id) { workflow { state revision scheduledPublishAt scheduledBy scheduler { id name } } } }`;
const APPROVED: Array<[WorkflowEventType, Role]> = [
  ["SUBMIT", "DRAFTER"],
  ["CLEAR_SECRECY", "SECRECY_REVIEWER"],
  ["SIGN_OFF", "LEADER"],
];

describe("reportSchedulePublish / reportUnschedulePublish over GraphQL, and who sees the schedule", () => {
  let api: TestApi;
  let own: Team;
  let other: Team;
  let teams = 0;

  beforeAll(async () => {
    api = await openTestApi();
    other = await createTeam(api.services, "sched-other");
  });
  beforeEach(async () => {
    own = await createTeam(api.services, `sched-own-${++teams}`);
  });
  afterAll(() => api.close());

  /** A report published once and now, corrected, approved again: the public sees revision 1, insiders revision 2. */
  async function republishable() {
    const draft = await createValidDraft(api.services, own);
    await walk(api.services, own, draft.id, [...APPROVED, ["PUBLISH", "PUBLISHER"]]);
    await walk(api.services, own, draft.id, [["CORRECT", "DRAFTER"]], "表三数字有误");
    return walk(api.services, own, draft.id, [...APPROVED]);
  }

  it("schedules as a PUBLISHER, shows when and by whom to insiders only, and cancels", async () => {
    const report = await republishable();
    const id = toGlobalId("Report", report.id);
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const scheduler = { id: toGlobalId("User", own.PUBLISHER.userId), name: own.PUBLISHER.name };
    const scheduled = await api.run(SCHEDULE, { input: { reportId: id, expectedVersion: report.version, at } }, own.PUBLISHER);
    expect(scheduled.errors).toBeUndefined();
    expect(scheduled.data.reportSchedulePublish).toEqual({
      report: { version: report.version + 1, workflow: { state: "APPROVED", scheduledPublishAt: at, scheduledBy: own.PUBLISHER.name, scheduler } },
      userErrors: [],
    });

    const seenBy = async (actor: Actor) => (await api.run(WORKFLOW, { id }, actor)).data.report?.workflow ?? null;
    for (const role of ["DRAFTER", "SECRECY_REVIEWER", "LEADER", "PUBLISHER", "AUDITOR", "ADMIN"] as const) {
      expect(await seenBy(own[role])).toEqual({ state: "APPROVED", revision: 2, scheduledPublishAt: at, scheduledBy: own.PUBLISHER.name, scheduler });
    }
    // Outsiders read the published revision 1, with nothing of the work inside the agency.
    const outside = { state: "PUBLISHED", revision: 1, scheduledPublishAt: null, scheduledBy: null, scheduler: null };
    expect(await seenBy(ANONYMOUS)).toEqual(outside);
    expect(await seenBy(other.PUBLISHER)).toEqual(outside);
    expect(await seenBy(other.AUDITOR)).toEqual(outside);

    const cancelled = await api.run(UNSCHEDULE, { input: { reportId: id, expectedVersion: report.version + 1 } }, own.PUBLISHER);
    expect(cancelled.data.reportUnschedulePublish).toEqual({
      report: { version: report.version + 2, workflow: { scheduledPublishAt: null, scheduledBy: null, scheduler: null } },
      userErrors: [],
    });
  });

  it("refuses a time in the past or a report not approved, with a message saying what to do, and writes nothing", async () => {
    const report = await republishable();
    const id = toGlobalId("Report", report.id);
    const past = await api.run(SCHEDULE, { input: { reportId: id, expectedVersion: report.version, at: "2020-01-01T00:00:00Z" } }, own.PUBLISHER);
    expect(past.data.reportSchedulePublish.userErrors).toEqual([{ code: "STEP_NOT_ALLOWED", message: expect.stringContaining("later than now"), field: null }]);
    const draft = await api.services.reports.create(own.DRAFTER, { agencyId: own.DRAFTER.agencyId, year: 2021 });
    const notApproved = await api.run(
      SCHEDULE,
      { input: { reportId: toGlobalId("Report", draft.id), expectedVersion: draft.version, at: new Date(Date.now() + 60_000).toISOString() } },
      own.PUBLISHER,
    );
    expect(notApproved.data.reportSchedulePublish.userErrors[0]).toMatchObject({ code: "STEP_NOT_ALLOWED", message: expect.stringContaining("已批准") });
    const jobs = await api.services.db.read(m => m.query("SELECT COUNT(*) AS n FROM scheduled_job WHERE status = 'pending'"));
    expect(Number(jobs[0].n)).toBe(0);
  });
});
