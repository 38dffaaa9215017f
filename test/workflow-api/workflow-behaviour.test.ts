import { WorkflowEventEntity } from "../../src/entities";
import { toGlobalId } from "../../src/schema/node-id";
import { ANONYMOUS } from "../../src/services";
import { openTestApi } from "../support/test-services";
import type { TestApi } from "../support/test-services";
import { HAPPY_PATH, createTeam, createValidDraft, reportState, walk } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";

const STEP = (name: string) => `mutation($input: ReportWorkflowInput!) { ${name}(input: $input) { report { version state } userErrors { code message } } }`;
const SET_CELL = `mutation($input: ReportCellsSetInput!) { reportCellsSet(input: $input) { report { version } userErrors { code message } } }`;
const PUBLIC_VIEW = `query($id: ID!) { report(id: $id) { state table(id: "apply") { rows { id values } }
  workflow { state revision publishedRevision correctionReason } } }`;

describe("the approval workflow through GraphQL", () => {
  let api: TestApi;
  let team: Team;

  beforeEach(async () => {
    api = await openTestApi();
    team = await createTeam(api.services, "agency");
  });

  afterEach(() => api.close());

  it("lets exactly one of 50 concurrent secrecy clearances win; the rest get CONFLICT and leave one event row", async () => {
    const draft = await createValidDraft(api.services, team);
    const submitted = await walk(api.services, team, draft.id, [["SUBMIT", "DRAFTER"]]);
    const input = { reportId: toGlobalId("Report", draft.id), expectedVersion: submitted.version };

    const results = await Promise.all(Array.from({ length: 50 }, () => api.run(STEP("reportClearSecrecy"), { input }, team.SECRECY_REVIEWER)));

    const codes = results.map(r => r.data.reportClearSecrecy.userErrors[0]?.code ?? "OK");
    expect(codes.filter(code => code === "OK")).toHaveLength(1);
    expect(codes.filter(code => code === "CONFLICT")).toHaveLength(49);
    const events = await api.services.db.read(m => m.countBy(WorkflowEventEntity, { reportId: draft.id, event: "CLEAR_SECRECY" }));
    expect(events).toBe(1);
    expect(await reportState(api.services, draft.id)).toEqual({ state: "leadershipSignOff", version: submitted.version + 1 });
  });

  it("refuses content edits outside draft with REPORT_LOCKED", async () => {
    const draft = await createValidDraft(api.services, team);
    const submitted = await walk(api.services, team, draft.id, [["SUBMIT", "DRAFTER"]]);
    const result = await api.run(
      SET_CELL,
      { input: { reportId: toGlobalId("Report", draft.id), cells: [{ key: "apply/apply.new/col.natural", value: "1" }] } },
      team.DRAFTER,
    );
    expect(result.data.reportCellsSet.userErrors[0].code).toBe("REPORT_LOCKED");
    expect(await reportState(api.services, draft.id)).toEqual({ state: "secrecyReview", version: submitted.version });
  });

  it("keeps the secrecy reviewer who last edited the report from clearing it (four eyes)", async () => {
    const draft = await createValidDraft(api.services, team);
    await api.services.users.create(team.ADMIN, { name: "editor-reviewer", roles: ["DRAFTER", "SECRECY_REVIEWER"] });
    const editor = (await api.services.users.findByName("editor-reviewer"))!;
    const actor = { kind: "user" as const, userId: editor.id, name: editor.name, agencyId: editor.agencyId, roles: ["DRAFTER", "SECRECY_REVIEWER"] as const };
    await api.services.reports.updateSection(actor, { reportId: draft.id, sectionId: "sec.other", body: "改动。" });
    const submitted = await walk(api.services, team, draft.id, [["SUBMIT", "DRAFTER"]]);
    const result = await api.run(
      STEP("reportClearSecrecy"),
      { input: { reportId: toGlobalId("Report", draft.id), expectedVersion: submitted.version } },
      actor,
    );
    expect(result.data.reportClearSecrecy.userErrors.map((e: { code: string }) => e.code)).toContain("FORBIDDEN");
  });

  it("refuses to submit a report with validation errors, saying why", async () => {
    const draft = await createValidDraft(api.services, team);
    await api.services.reports.setCells(team.DRAFTER, { reportId: draft.id, cells: [{ key: "apply/apply.new/col.natural", value: "5" }] });
    const current = await reportState(api.services, draft.id);
    const result = await api.run(STEP("reportSubmit"), { input: { reportId: toGlobalId("Report", draft.id), expectedVersion: current.version } }, team.DRAFTER);
    expect(result.data.reportSubmit.userErrors[0]).toMatchObject({ code: "STEP_NOT_ALLOWED" });
    expect(await reportState(api.services, draft.id)).toEqual(current);
  });

  it("requires a reason to reject", async () => {
    const draft = await createValidDraft(api.services, team);
    const submitted = await walk(api.services, team, draft.id, [["SUBMIT", "DRAFTER"]]);
    const result = await api.run(
      STEP("reportReject"),
      { input: { reportId: toGlobalId("Report", draft.id), expectedVersion: submitted.version } },
      team.SECRECY_REVIEWER,
    );
    expect(result.data.reportReject.userErrors[0].code).toBe("INVALID_INPUT");
  });

  it("lists for each viewer which actions they may take now, and why not", async () => {
    const draft = await createValidDraft(api.services, team);
    const query = `query($id: ID!) { report(id: $id) { workflow { dueDate availableActions { action allowed reasons { code } } } } }`;
    const asDrafter = await api.run(query, { id: toGlobalId("Report", draft.id) }, team.DRAFTER);
    const asLeader = await api.run(query, { id: toGlobalId("Report", draft.id) }, team.LEADER);
    const submitFor = (r: any) => r.data.report.workflow.availableActions.find((a: { action: string }) => a.action === "SUBMIT");
    expect(submitFor(asDrafter)).toEqual({ action: "SUBMIT", allowed: true, reasons: [] });
    expect(submitFor(asLeader).allowed).toBe(false);
    expect(submitFor(asLeader).reasons.map((r: { code: string }) => r.code)).toContain("MISSING_ROLE");
    expect(asDrafter.data.report.workflow.dueDate).toBe("2021-01-31");
  });

  it("hides drafts from anonymous readers and other agencies as if they did not exist", async () => {
    const draft = await createValidDraft(api.services, team);
    const other = await createTeam(api.services, "other");
    const id = toGlobalId("Report", draft.id);
    expect((await api.run(PUBLIC_VIEW, { id }, ANONYMOUS)).data.report).toBeNull();
    expect((await api.run(PUBLIC_VIEW, { id }, other.AUDITOR)).data.report).toBeNull();
    expect((await api.run(`{ reports { totalCount } }`, {}, ANONYMOUS)).data.reports.totalCount).toBe(0);
    expect((await api.run(PUBLIC_VIEW, { id }, team.LEADER)).data.report.state).toBe("DRAFT");
  });

  it("keeps the published revision public while a correction is drafted, until the correction is published", async () => {
    const draft = await createValidDraft(api.services, team);
    await walk(api.services, team, draft.id, HAPPY_PATH);
    const id = toGlobalId("Report", draft.id);
    const natural = (r: any) => r.data.report.table.rows.find((row: { id: string }) => row.id === "apply.new").values[0];

    await walk(api.services, team, draft.id, [["CORRECT", "DRAFTER"]], "更正新收申请数");
    await api.services.reports.setCells(team.DRAFTER, {
      reportId: draft.id,
      cells: ["new", "result.open", "result.total"]
        .map(row => ({ key: `apply/apply.${row}/col.natural`, value: "4" }))
        .concat(["new", "result.open", "result.total"].map(row => ({ key: `apply/apply.${row}/col.total`, value: "4" }))),
    });

    const during = await api.run(PUBLIC_VIEW, { id }, ANONYMOUS);
    expect(natural(during)).toBe("0");
    // Note: the public sees revision 1 as published; the correction in progress and its reason are internal.
    expect(during.data.report.state).toBe("PUBLISHED");
    expect(during.data.report.workflow).toMatchObject({ state: "PUBLISHED", revision: 1, publishedRevision: 1, correctionReason: null });
    expect(natural(await api.run(PUBLIC_VIEW, { id }, team.DRAFTER))).toBe("4");

    await walk(api.services, team, draft.id, HAPPY_PATH);
    const after = await api.run(PUBLIC_VIEW, { id }, ANONYMOUS);
    expect(natural(after)).toBe("4");
    expect(after.data.report.workflow).toMatchObject({ publishedRevision: 2, correctionReason: "更正新收申请数" });
  });
});

describe("validation seen by outsiders", () => {
  it("skips last year's report when the viewer may not read it, instead of failing", async () => {
    const api = await openTestApi();
    try {
      const team = await createTeam(api.services, "agency");
      await createValidDraft(api.services, team, 2019);
      const published = await createValidDraft(api.services, team, 2020);
      await walk(api.services, team, published.id, HAPPY_PATH);
      const result = await api.run(`{ reports { nodes { year validation { valid } } } }`, {}, ANONYMOUS);
      expect(result.errors).toBeUndefined();
      expect(result.data.reports.nodes).toEqual([{ year: 2020, validation: { valid: true } }]);
    } finally {
      await api.close();
    }
  });
});
