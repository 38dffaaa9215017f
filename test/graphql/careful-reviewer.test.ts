import { AuditEventEntity, WarningAcknowledgementEntity } from "../../src/entities";
import { toGlobalId } from "../../src/schema/node-id";
import { openTestApi } from "../support/test-services";
import type { TestApi } from "../support/test-services";
import { createTeam, createValidDraft, walk } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";

const VALIDATION = `query($id: ID!) { report(id: $id) { version
  validation { valid warningCount violations { ruleId severity message fingerprint } }
  warningAcknowledgements { revision reportVersion ruleId fingerprint message reason by at } } }`;
const ACKNOWLEDGE = `mutation($input: ReportWarningAcknowledgeInput!) { reportWarningAcknowledge(input: $input) {
  acknowledgement { ruleId fingerprint reason by revision } report { version } userErrors { code field message } } }`;

describe("agency kind and the 第四十九条 deadline over GraphQL", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await openTestApi();
  });
  afterAll(() => api.close());

  it("records the kind and level given on creation, and derives the deadline from them", async () => {
    const result = await api.run(
      `mutation { agencyCreate(input: { code: "huaian-gov", name: "淮安市人民政府", kind: GOVERNMENT, level: CITY }) { agency { kind level deadline } userErrors { code } } }`,
      {},
    );
    expect(result.data.agencyCreate).toEqual({ agency: { kind: "GOVERNMENT", level: "CITY", deadline: "03-31" }, userErrors: [] });
  });

  it("infers the kind from the name when none is given: a government's 办公厅 is a department", async () => {
    const create = (code: string, name: string) =>
      api.run(`mutation($code: String!, $name: String!) { agencyCreate(input: { code: $code, name: $name }) { agency { kind level deadline } } }`, {
        code,
        name,
      });
    expect((await create("shuyang-gov", "沭阳县人民政府")).data.agencyCreate.agency).toEqual({ kind: "GOVERNMENT", level: null, deadline: "03-31" });
    expect((await create("sh-office", "上海市人民政府办公厅")).data.agencyCreate.agency).toEqual({ kind: "DEPARTMENT", level: null, deadline: "01-31" });
  });

  it("keeps the kind in the agency's audit record", async () => {
    const record = await api.services.db.read(m => m.findOneByOrFail(AuditEventEntity, { action: "agency.create", agencyId: 1 }));
    expect(JSON.parse(record.diff)).toMatchObject({ kind: "GOVERNMENT", level: "CITY" });
  });

  it("gives a government's report a 31 March due date and a department's 31 January", async () => {
    const government = await createTeam(api.services, "county-gov");
    // Note: the team's agency is named "county-gov 局"; recorded as a government, as a migration or an operator would.
    await api.services.db.transaction(m => m.query(`UPDATE agency SET kind = 'GOVERNMENT' WHERE code = 'county-gov'`));
    const department = await createTeam(api.services, "county-dept");
    const due = async (team: Team) => {
      const draft = await createValidDraft(api.services, team);
      const result = await api.run(`query($id: ID!) { report(id: $id) { workflow { dueDate } } }`, { id: toGlobalId("Report", draft.id) }, team.DRAFTER);
      return result.data.report.workflow.dueDate;
    };
    expect(await due(government)).toBe("2021-03-31");
    expect(await due(department)).toBe("2021-01-31");
  });
});

describe("acknowledging a warning", () => {
  let api: TestApi;
  let team: Team;
  let reportId: string;
  let fingerprint: string;

  beforeAll(async () => {
    api = await openTestApi();
    team = await createTeam(api.services, "ack");
    const draft = await createValidDraft(api.services, team);
    await api.services.reports.updateSection(team.DRAFTER, { reportId: draft.id, sectionId: "sec.overview", body: "全年收到政府信息公开申请 5 件。" });
    reportId = toGlobalId("Report", draft.id);
    const result = await api.run(VALIDATION, { id: reportId }, team.LEADER);
    const warning = result.data.report.validation.violations.find((v: { ruleId: string }) => v.ruleId === "text.statement");
    expect(warning.message).toContain("正文称收到（受理）的政府信息公开申请 5 件");
    fingerprint = warning.fingerprint;
  });
  afterAll(() => api.close());

  it("never blocks the workflow: a report with only warnings is valid and can be submitted", async () => {
    const result = await api.run(VALIDATION, { id: reportId }, team.DRAFTER);
    expect(result.data.report.validation).toMatchObject({ valid: true, warningCount: 1 });
  });

  it("records who, when and why, with the revision, in one transaction with its audit record", async () => {
    const before = await api.services.db.read(m => m.count(AuditEventEntity));
    const result = await api.run(ACKNOWLEDGE, { input: { reportId, fingerprint, reason: "5 件为区政府办代为受理数" } }, team.LEADER);

    expect(result.data.reportWarningAcknowledge.userErrors).toEqual([]);
    expect(result.data.reportWarningAcknowledge.acknowledgement).toEqual({
      ruleId: "text.statement",
      fingerprint,
      reason: "5 件为区政府办代为受理数",
      by: team.LEADER.name,
      revision: 1,
    });
    const audit = await api.services.db.read(m => m.find(AuditEventEntity, { order: { seq: "DESC" }, take: 1 }));
    expect(await api.services.db.read(m => m.count(AuditEventEntity))).toBe(before + 1);
    expect(audit[0].action).toBe("report.warning.acknowledge");
    const listed = await api.run(VALIDATION, { id: reportId }, team.SECRECY_REVIEWER);
    expect(listed.data.report.warningAcknowledgements).toEqual([
      expect.objectContaining({
        fingerprint,
        reason: "5 件为区政府办代为受理数",
        by: team.LEADER.name,
        revision: 1,
        reportVersion: listed.data.report.version,
      }),
    ]);
  });

  it("lets the report be submitted with its warning, keeping the acknowledgement with the revision it was made on", async () => {
    const ack = await api.services.db.read(m => m.findOneByOrFail(WarningAcknowledgementEntity, { fingerprint }));
    const submitted = await walk(api.services, team, ack.reportId, [["SUBMIT", "DRAFTER"]]);

    expect(submitted.state).toBe("secrecyReview");
    const listed = await api.run(VALIDATION, { id: reportId }, team.AUDITOR);
    expect(listed.data.report.warningAcknowledgements.map((a: { revision: number }) => a.revision)).toEqual([1]);
  });

  it("refuses an unknown fingerprint, an empty reason and anyone but a reviewer, writing nothing", async () => {
    const count = () => api.services.db.read(m => m.count(WarningAcknowledgementEntity));
    const before = await count();
    const unknown = await api.run(ACKNOWLEDGE, { input: { reportId, fingerprint: "0000000000000000", reason: "x" } }, team.LEADER);
    const empty = await api.run(ACKNOWLEDGE, { input: { reportId, fingerprint, reason: "  " } }, team.LEADER);
    const drafter = await api.run(ACKNOWLEDGE, { input: { reportId, fingerprint, reason: "x" } }, team.DRAFTER);

    expect(unknown.data.reportWarningAcknowledge.userErrors[0]).toMatchObject({ code: "NOT_FOUND", field: ["input", "fingerprint"] });
    expect(empty.data.reportWarningAcknowledge.userErrors[0]).toMatchObject({ code: "INVALID_INPUT", field: ["input", "reason"] });
    expect(drafter.data.reportWarningAcknowledge.userErrors[0].code).toBe("FORBIDDEN");
    expect(await count()).toBe(before);
  });

  it("refuses to acknowledge an ERROR: it must be fixed", async () => {
    const other = await createTeam(api.services, "ack-error");
    const draft = await createValidDraft(api.services, other);
    await api.services.reports.setCells(other.DRAFTER, { reportId: draft.id, cells: [{ key: "apply/apply.new/col.natural", value: "7" }] });
    const id = toGlobalId("Report", draft.id);
    const errors = (await api.run(VALIDATION, { id }, other.LEADER)).data.report.validation.violations.filter(
      (v: { severity: string }) => v.severity === "ERROR",
    );

    const result = await api.run(ACKNOWLEDGE, { input: { reportId: id, fingerprint: errors[0].fingerprint, reason: "x" } }, other.LEADER);

    expect(result.data.reportWarningAcknowledge.userErrors[0]).toMatchObject({ code: "INVALID_INPUT", field: ["input", "fingerprint"] });
  });
});
