import { toGlobalId } from "../../src/schema/node-id";
import type { UserActor } from "../../src/services";
import { userActor } from "../../src/services/user.service";
import type { Role } from "../../src/workflow";
import { openTestApi } from "../support/test-services";
import type { TestApi } from "../support/test-services";
import { createTeam, createValidDraft, walk } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";

/** Issue 9 §2: the three reproduced scenarios, refused through GraphQL with the rule that refuses them. */
const STEP = (name: string) => `mutation($input: ReportWorkflowInput!) { ${name}(input: $input) { report { state } userErrors { code message } } }`;
const ACTIONS = `query($id: ID!) { report(id: $id) { version workflow { availableActions { action allowed reasons { code message } } } } }`;

describe("four eyes through GraphQL (issue 9 §2)", () => {
  let api: TestApi;
  let team: Team;

  beforeEach(async () => {
    api = await openTestApi();
    team = await createTeam(api.services, "agency");
  });

  afterEach(() => api.close());

  async function person(name: string, roles: Role[]): Promise<UserActor> {
    return userActor(await api.services.users.create(team.ADMIN, { name, roles }));
  }

  /** What `who` is told about `action` on the report, and what happens when they try it. */
  async function attempt(who: UserActor, reportId: number, action: "CLEAR_SECRECY" | "SIGN_OFF") {
    const id = toGlobalId("Report", reportId);
    const view = (await api.run(ACTIONS, { id }, who)).data.report;
    const offered = view.workflow.availableActions.find((a: { action: string }) => a.action === action);
    const mutation = action === "CLEAR_SECRECY" ? "reportClearSecrecy" : "reportSignOff";
    const result = (await api.run(STEP(mutation), { input: { reportId: id, expectedVersion: view.version } }, who)).data[mutation];
    return { offered, result };
  }

  it("refuses a DRAFTER + SECRECY_REVIEWER who edited a section earlier, after someone else's later edit and a third person's submission", async () => {
    const draft = await createValidDraft(api.services, team);
    const writer = await person("writer-reviewer", ["DRAFTER", "SECRECY_REVIEWER"]);
    const submitter = await person("second-drafter", ["DRAFTER"]);
    await api.services.reports.updateSection(writer, { reportId: draft.id, sectionId: "sec.problems", body: "本人撰写的问题与改进。" });
    await api.services.reports.updateSection(team.DRAFTER, { reportId: draft.id, sectionId: "sec.other", body: "其他事项（小改）。" });
    const current = (await api.services.reports.findById(draft.id))!;
    await api.services.workflow.step(submitter, "SUBMIT", { reportId: draft.id, expectedVersion: current.version });

    const { offered, result } = await attempt(writer, draft.id, "CLEAR_SECRECY");

    expect(offered.allowed).toBe(false);
    expect(offered.reasons.map((r: { code: string }) => r.code)).toEqual(["FOUR_EYES_EDITOR"]);
    expect(offered.reasons[0].message).toMatch(/changed the content of this revision/);
    expect(offered.reasons[0].message).toMatch(/修改过本次修订的内容/);
    expect(result.report).toBeNull();
    expect(result.userErrors).toEqual([{ code: "FORBIDDEN", message: offered.reasons[0].message }]);
    // The plain secrecy reviewer, who neither wrote nor submitted, may.
    expect((await attempt(team.SECRECY_REVIEWER, draft.id, "CLEAR_SECRECY")).result.report.state).toBe("LEADERSHIP_SIGN_OFF");
  });

  it("refuses one user with SECRECY_REVIEWER + LEADER signing off the revision they cleared", async () => {
    const draft = await createValidDraft(api.services, team);
    const both = await person("reviewer-leader", ["SECRECY_REVIEWER", "LEADER"]);
    await walk(api.services, team, draft.id, [["SUBMIT", "DRAFTER"]]);
    expect((await attempt(both, draft.id, "CLEAR_SECRECY")).result.report.state).toBe("LEADERSHIP_SIGN_OFF");

    const { offered, result } = await attempt(both, draft.id, "SIGN_OFF");

    expect(offered.reasons.map((r: { code: string }) => r.code)).toEqual(["FOUR_EYES_REVIEWER"]);
    expect(offered.reasons[0].message).toMatch(/secrecy reviewer and signing leader must be two people/);
    expect(offered.reasons[0].message).toMatch(/保密审查人与签发领导须为不同人员/);
    expect(result.userErrors).toEqual([{ code: "FORBIDDEN", message: offered.reasons[0].message }]);
    expect((await attempt(team.LEADER, draft.id, "SIGN_OFF")).result.report.state).toBe("APPROVED");
  });

  it("refuses a leader who edited the content signing it off", async () => {
    const draft = await createValidDraft(api.services, team);
    const editingLeader = await person("editing-leader", ["DRAFTER", "LEADER"]);
    // Note: a real change — a write that changes nothing is nobody's edit (issue 9 §6).
    const edit = await api.services.reports.updateSection(editingLeader, {
      reportId: draft.id,
      sectionId: "sec.other",
      body: "领导补充：本年度无其他需要报告的事项。",
    });
    expect(edit.changed).toBe(true);
    await walk(api.services, team, draft.id, [
      ["SUBMIT", "DRAFTER"],
      ["CLEAR_SECRECY", "SECRECY_REVIEWER"],
    ]);

    const { offered, result } = await attempt(editingLeader, draft.id, "SIGN_OFF");

    expect(offered.reasons.map((r: { code: string }) => r.code)).toEqual(["FOUR_EYES_EDITOR"]);
    expect(result.userErrors[0].code).toBe("FORBIDDEN");
    expect((await attempt(team.LEADER, draft.id, "SIGN_OFF")).result.report.state).toBe("APPROVED");
  });

  it("refuses the submitter of an earlier round of the same revision clearing it", async () => {
    const draft = await createValidDraft(api.services, team);
    const submitterReviewer = await person("submitter-reviewer", ["DRAFTER", "SECRECY_REVIEWER"]);
    const current = (await api.services.reports.findById(draft.id))!;
    await api.services.workflow.step(submitterReviewer, "SUBMIT", { reportId: draft.id, expectedVersion: current.version });
    await walk(api.services, team, draft.id, [["REJECT", "SECRECY_REVIEWER"]], "请复核");
    await walk(api.services, team, draft.id, [["SUBMIT", "DRAFTER"]]);

    const { offered } = await attempt(submitterReviewer, draft.id, "CLEAR_SECRECY");

    expect(offered.reasons.map((r: { code: string }) => r.code)).toEqual(["FOUR_EYES_SUBMITTER"]);
  });

  it("forgets the editors of an earlier, published revision", async () => {
    const draft = await createValidDraft(api.services, team);
    const drafterLeader = await person("drafter-leader", ["DRAFTER", "LEADER"]);
    await api.services.reports.updateSection(drafterLeader, { reportId: draft.id, sectionId: "sec.other", body: "第1版。" });
    await walk(api.services, team, draft.id, [
      ["SUBMIT", "DRAFTER"],
      ["CLEAR_SECRECY", "SECRECY_REVIEWER"],
      ["SIGN_OFF", "LEADER"],
      ["PUBLISH", "PUBLISHER"],
    ]);
    await walk(api.services, team, draft.id, [["CORRECT", "DRAFTER"]], "更正");
    await api.services.reports.updateSection(team.DRAFTER, { reportId: draft.id, sectionId: "sec.other", body: "第2版。" });
    await walk(api.services, team, draft.id, [
      ["SUBMIT", "DRAFTER"],
      ["CLEAR_SECRECY", "SECRECY_REVIEWER"],
    ]);

    // Revision 2's content was changed by the DRAFTER only: the leader who edited revision 1 may sign revision 2.
    expect((await attempt(drafterLeader, draft.id, "SIGN_OFF")).result.report.state).toBe("APPROVED");
  });
});
