import { toGlobalId } from "../../src/schema/node-id";
import { openTestApi } from "../support/test-services";
import type { TestApi } from "../support/test-services";
import { HAPPY_PATH, createTeam, createValidDraft, walk } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";

describe("auditor queries", () => {
  let api: TestApi;
  let supervisor: Team;
  let team: Team;
  let reportId: string;
  let draftId: number;

  beforeAll(async () => {
    api = await openTestApi();
    supervisor = await createTeam(api.services, "province");
    team = await createTeam(api.services, "county", "province");
    const draft = await createValidDraft(api.services, team);
    await walk(api.services, team, draft.id, HAPPY_PATH);
    draftId = draft.id;
    reportId = toGlobalId("Report", draft.id);
  });

  afterAll(() => api.close());

  it("lists a report's history inline: every edit and step with actor and time", async () => {
    const { data } = await api.run(`query($id: ID!) { report(id: $id) { history { seq at action actorName diff } } }`, { id: reportId }, team.AUDITOR);
    const actions = data.report.history.map((e: { action: string }) => e.action);
    expect(actions).toEqual([
      "report.create",
      "report.cells.set",
      "report.section.update",
      "report.section.update",
      "report.section.update",
      "report.workflow.submit",
      "report.workflow.clear_secrecy",
      "report.workflow.sign_off",
      "report.workflow.publish",
    ]);
    expect(data.report.history[0].actorName).toBe("county-drafter");
    expect(JSON.parse(data.report.history[2].diff)).toMatchObject({ sectionId: "sec.overview", before: null });
  });

  it("lets a supervising office's auditor read its sub-agencies' records, newest first, with a total", async () => {
    const { data } = await api.run(`{ auditEvents(first: 3) { totalCount nodes { seq action } pageInfo { hasNextPage endCursor } } }`, {}, supervisor.AUDITOR);
    const seqs = data.auditEvents.nodes.map((n: { seq: number }) => n.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(data.auditEvents.totalCount).toBeGreaterThan(15);
    const next = await api.run(
      `query($after: String) { auditEvents(first: 3, after: $after) { nodes { seq } } }`,
      { after: data.auditEvents.pageInfo.endCursor },
      supervisor.AUDITOR,
    );
    expect(next.data.auditEvents.nodes[0].seq).toBe(seqs[2] - 1);
  });

  it("filters by report and action", async () => {
    const { data } = await api.run(
      `query($f: AuditEventFilter) { auditEvents(filter: $f) { totalCount nodes { action } } }`,
      { f: { reportId, action: "report.workflow.publish" } },
      team.AUDITOR,
    );
    expect(data.auditEvents.totalCount).toBe(1);
  });

  it("keeps a sub-agency's auditor out of the supervising office's records, and refuses non-auditors", async () => {
    const { data } = await api.run(`{ auditEvents(first: 100) { nodes { agencyId } } }`, {}, team.AUDITOR);
    const provinceId = toGlobalId("Agency", supervisor.AUDITOR.agencyId);
    expect(data.auditEvents.nodes.some((n: { agencyId: string }) => n.agencyId === provinceId)).toBe(false);
    const refused = await api.run(`{ auditEvents { totalCount } }`, {}, team.DRAFTER);
    expect(refused.errors?.[0].extensions.code).toBe("FORBIDDEN");
    const anonymous = await api.run(`{ auditVerify { ok } }`, {}, { kind: "anonymous" });
    expect(anonymous.errors?.[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  it("verifies the chain for an auditor", async () => {
    const { data } = await api.run(`{ auditVerify(full: true) { ok total headSeq brokenAt } }`, {}, team.AUDITOR);
    expect(data.auditVerify).toMatchObject({ ok: true, brokenAt: null });
  });

  it("lists revisions, diffs them against the draft, and shows that the published content is what was signed", async () => {
    const { data } = await api.run(
      `query($id: ID!) { report(id: $id) { revisions { id kind revision contentHash } signature { signedHash publishedHash matches } } }`,
      { id: reportId },
      team.AUDITOR,
    );
    expect(data.report.revisions.map((r: { kind: string }) => r.kind)).toEqual(["SUBMITTED", "SIGNED", "PUBLISHED"]);
    expect(data.report.signature.matches).toBe(true);
    expect(data.report.signature.signedHash).toBe(data.report.revisions[2].contentHash);

    await walk(api.services, team, draftId, [["CORRECT", "DRAFTER"]], "更正");
    await api.services.reports.setCells(team.DRAFTER, { reportId: draftId, cells: [{ key: "active.art20_6/active.penalty/col.decisions", value: "589" }] });
    const diff = await api.run(
      `query($r: ID!, $from: ID!) { reportDiff(reportId: $r, from: $from) { cells { key before after } sections { sectionId } } }`,
      { r: reportId, from: data.report.revisions[2].id },
      team.AUDITOR,
    );
    expect(diff.data.reportDiff).toEqual({
      cells: [{ key: "active.art20_6/active.penalty/col.decisions", before: "588", after: "589" }],
      sections: [],
    });
  });
});

describe("a report's history", () => {
  it("is closed to auditors of other agencies, even once the report is published", async () => {
    const api = await openTestApi();
    try {
      const team = await createTeam(api.services, "own");
      const stranger = await createTeam(api.services, "stranger");
      const draft = await createValidDraft(api.services, team);
      await walk(api.services, team, draft.id, HAPPY_PATH);
      const query = `query($id: ID!) { report(id: $id) { title history { seq } } }`;
      const result = await api.run(query, { id: toGlobalId("Report", draft.id) }, stranger.AUDITOR);
      expect(result.errors?.[0].extensions.code).toBe("NOT_FOUND");
      expect((await api.run(query, { id: toGlobalId("Report", draft.id) }, team.AUDITOR)).data.report.history.length).toBeGreaterThan(5);
    } finally {
      await api.close();
    }
  });
});
