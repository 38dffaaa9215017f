import { toGlobalId } from "../../src/schema/node-id";
import { ANONYMOUS } from "../../src/services";
import type { Actor } from "../../src/services";
import { openTestApi } from "../support/test-services";
import type { TestApi } from "../support/test-services";
import { CORRECTED_VALUE, OUTSIDERS, PUBLISHED_VALUE, SECRET, buildAccessWorld, outsider } from "./access-fixture";
import type { AccessWorld } from "./access-fixture";

/** Issue 9 §1: the reproductions from the issue, lists and their counts, reportDiff and statistics. */
let api: TestApi;
let world: AccessWorld;

beforeAll(async () => {
  api = await openTestApi();
  world = await buildAccessWorld(api.services);
});

afterAll(() => api.close());

const LIST = `query($state: ReportState) { reports(filter: { year: 2020, state: $state }, first: 100) { totalCount nodes { id state version } } }`;

async function list(actor: Actor, state?: string) {
  const result = await api.run(LIST, { state: state ?? null }, actor);
  expect(result.errors).toBeUndefined();
  return result.data.reports as { totalCount: number; nodes: Array<{ id: string; state: string; version: number }> };
}

const idOf = (report: { id: number }) => toGlobalId("Report", report.id);

describe("the issue's reproductions, anonymous", () => {
  it("workflowHistory of a published report names nobody and no reason", async () => {
    const result = await api.run(`{ report(id:"${idOf(world.published)}") { workflowHistory { action actor { name } role reason } } }`, {}, ANONYMOUS);
    expect(result.errors).toBeUndefined();
    expect(result.data.report.workflowHistory).toEqual([]);
  });

  it("during a correction: state PUBLISHED, the published version, revision 1, no internal reason", async () => {
    const result = await api.run(`{ report(id:"${idOf(world.correction)}") { workflow { state version revision correctionReason } } }`, {}, ANONYMOUS);
    expect(result.data.report.workflow).toEqual({ state: "PUBLISHED", version: world.correctionPublishedVersion, revision: 1, correctionReason: null });
  });

  it("reports(state: PUBLISHED) still lists the report under correction; reports(state: DRAFT) does not", async () => {
    const published = await list(ANONYMOUS, "PUBLISHED");
    expect(published.nodes.map(node => node.id).sort()).toEqual([idOf(world.published), idOf(world.correction)].sort());
    expect(published.totalCount).toBe(2);
    expect(published.nodes.find(node => node.id === idOf(world.correction))).toEqual({
      id: idOf(world.correction),
      state: "PUBLISHED",
      version: world.correctionPublishedVersion,
    });
    expect(await list(ANONYMOUS, "DRAFT")).toEqual({ totalCount: 0, nodes: [] });
  });
});

describe.each(OUTSIDERS)("lists, for %s", name => {
  it("filter and count by what the reader sees", async () => {
    const actor = outsider(world, name);
    const all = await list(actor);
    expect(all.totalCount).toBe(2);
    expect(all.nodes.map(node => node.state)).toEqual(["PUBLISHED", "PUBLISHED"]);
    expect((await list(actor, "PUBLISHED")).totalCount).toBe(2);
    for (const state of ["DRAFT", "SECRECY_REVIEW", "LEADERSHIP_SIGN_OFF", "APPROVED"]) {
      expect(await list(actor, state)).toEqual({ totalCount: 0, nodes: [] });
    }
    expect(JSON.stringify(await api.run(`{ agencies { nodes { code report(year: 2020) { state title } } } }`, {}, actor))).not.toContain(SECRET);
  });
});

describe("lists, for insiders", () => {
  it("show their own reports live and others' as published", async () => {
    const drafter = world.correctionTeam.DRAFTER;
    expect((await list(drafter, "DRAFT")).nodes.map(node => node.id)).toEqual([idOf(world.correction)]);
    expect((await list(drafter, "DRAFT")).totalCount).toBe(1);
    expect((await list(drafter, "PUBLISHED")).nodes.map(node => node.id)).toEqual([idOf(world.published)]);
    expect((await list(drafter)).totalCount).toBe(2);
  });

  it("show the supervising office's AUDITOR every report under it, live", async () => {
    const drafts = await list(world.office.AUDITOR, "DRAFT");
    expect(drafts.nodes.map(node => node.id).sort()).toEqual([idOf(world.draft), idOf(world.correction)].sort());
    expect(drafts.totalCount).toBe(2);
    expect((await list(world.office.AUDITOR)).totalCount).toBe(3);
  });
});

describe("reportDiff", () => {
  const DIFF = `query($report: ID!, $from: ID!, $to: ID) { reportDiff(reportId: $report, from: $from, to: $to) { cells { key before after } sections { sectionId } } }`;
  const REVISIONS = `query($id: ID!) { report(id: $id) { revisions { id kind } } }`;

  async function revisionIds(actor: Actor, report: { id: number }) {
    return (await api.run(REVISIONS, { id: idOf(report) }, actor)).data.report.revisions as Array<{ id: string; kind: string }>;
  }

  it("compares the published revision with the current draft for insiders", async () => {
    const [first] = await revisionIds(world.correctionTeam.DRAFTER, world.correction);
    const published = (await revisionIds(world.correctionTeam.DRAFTER, world.correction)).find(r => r.kind === "PUBLISHED")!;
    const result = await api.run(DIFF, { report: idOf(world.correction), from: published.id }, world.correctionTeam.DRAFTER);
    expect(result.data.reportDiff.cells).toContainEqual({ key: "apply/apply.new/col.natural", before: PUBLISHED_VALUE, after: CORRECTED_VALUE });
    expect(first.kind).toBe("SUBMITTED");
  });

  it.each(OUTSIDERS)("for %s, compares published revisions only and never shows the draft", async name => {
    const actor = outsider(world, name);
    const [published] = await revisionIds(actor, world.correction);
    const result = await api.run(DIFF, { report: idOf(world.correction), from: published.id }, actor);
    expect(result.data.reportDiff).toEqual({ cells: [], sections: [] });
    const submitted = (await revisionIds(world.correctionTeam.DRAFTER, world.correction)).find(r => r.kind === "SUBMITTED")!;
    const refused = await api.run(DIFF, { report: idOf(world.correction), from: submitted.id, to: published.id }, actor);
    expect(refused.errors?.[0].extensions.code).toBe("NOT_FOUND");
    const draft = await api.run(DIFF, { report: idOf(world.draft), from: submitted.id }, actor);
    expect(draft.errors?.[0].extensions.code).toBe("NOT_FOUND");
    expect(JSON.stringify([result, refused, draft])).not.toContain(SECRET);
  });
});

describe("statistics", () => {
  const STATS = `query($agency: ID!) { statistics(year: 2020, agencyId: $agency) { summedReports tables { id rows { id values } } byState { state count } } }`;

  it("sums a report under correction as published (its published revision), for the supervising office's AUDITOR", async () => {
    const result = await api.run(STATS, { agency: toGlobalId("Agency", world.office.AUDITOR.agencyId) }, world.office.AUDITOR);
    expect(result.errors).toBeUndefined();
    const stats = result.data.statistics;
    expect(stats.summedReports).toBe(2);
    const applyNew = stats.tables.find((t: { id: string }) => t.id === "apply").rows.find((r: { id: string }) => r.id === "apply.new").values[0];
    expect(applyNew).toBe(String(2 * Number(PUBLISHED_VALUE)));
  });

  it.each(OUTSIDERS)("are refused to %s, who sees no count of anything unpublished", async name => {
    const result = await api.run(STATS, { agency: toGlobalId("Agency", world.office.AUDITOR.agencyId) }, outsider(world, name));
    expect(result.data?.statistics ?? null).toBeNull();
    expect(result.errors?.[0].extensions.code).toMatch(/UNAUTHENTICATED|FORBIDDEN|NOT_FOUND/);
  });
});

describe("refusals to outsiders", () => {
  const STEP = (name: string) => `mutation($input: ReportWorkflowInput!) { ${name}(input: $input) { report { id } userErrors { code message } } }`;

  it.each(["reportSubmit", "reportPublish", "reportCorrect", "reportReject"])(
    "%s on a report under correction says nothing of its live state or version",
    async mutation => {
      for (const actor of [world.other.DRAFTER, world.other.PUBLISHER, world.office.DRAFTER]) {
        for (const expectedVersion of [world.correctionPublishedVersion, world.correction.version]) {
          const input = { reportId: idOf(world.correction), expectedVersion, reason: "x" };
          const result = await api.run(STEP(mutation), { input }, actor);
          expect(result.data[mutation].userErrors.map((e: { code: string }) => e.code)).toEqual(["FORBIDDEN"]);
          const text = JSON.stringify(result);
          expect(text).not.toMatch(/draft|草稿|version \d/i);
          expect(text).not.toContain(String(world.correction.version));
        }
      }
    },
  );

  it("a workflow step on another agency's never-published draft answers NOT_FOUND", async () => {
    const input = { reportId: idOf(world.draft), expectedVersion: world.draft.version };
    const result = await api.run(STEP("reportSubmit"), { input }, world.other.DRAFTER);
    expect(result.data.reportSubmit.userErrors.map((e: { code: string }) => e.code)).toEqual(["NOT_FOUND"]);
  });
});
