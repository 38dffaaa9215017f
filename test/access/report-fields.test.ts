import { toGlobalId } from "../../src/schema/node-id";
import type { Actor } from "../../src/services";
import { openTestApi } from "../support/test-services";
import type { TestApi } from "../support/test-services";
import { CORRECTED_VALUE, OUTSIDERS, PUBLISHED_VALUE, REPORT, SECRET, applyNew, buildAccessWorld, insiders, outsider } from "./access-fixture";
import type { AccessWorld } from "./access-fixture";

/**
 * Issue 9 §1: every field of Report, for a never-published draft, a published
 * report and a report under correction, as anonymous, other agencies, each
 * role of the own agency and the supervising office's AUDITOR see it.
 */
let api: TestApi;
let world: AccessWorld;

beforeAll(async () => {
  api = await openTestApi();
  world = await buildAccessWorld(api.services);
});

afterAll(() => api.close());

async function read(reportId: number, actor: Actor) {
  const result = await api.run(REPORT, { id: toGlobalId("Report", reportId) }, actor);
  expect(result.errors).toBeUndefined();
  return { report: result.data.report, text: JSON.stringify(result.data) };
}

/** Nothing of the internal workflow: no staff name, no internal word, no refusal but "not in this state" or "not your agency". */
function expectNothingInternal(world: AccessWorld, report: any, text: string) {
  expect(text).not.toContain(SECRET);
  for (const name of world.staffNames) expect(text).not.toContain(`"${name}"`);
  expect(report.workflowHistory).toEqual([]);
  expect(report.revisions.map((r: { kind: string }) => r.kind)).toEqual(["PUBLISHED"]);
  for (const action of report.workflow.availableActions) {
    expect(action.allowed).toBe(false);
    for (const reason of action.reasons) expect(["WRONG_STATE", "MISSING_ROLE"]).toContain(reason.code);
    // Note: WRONG_STATE names the state the reader sees, which is published.
    if (action.reasons[0]?.code === "WRONG_STATE") expect(action.reasons[0].message).toContain("while the report is published");
  }
}

describe.each(OUTSIDERS)("%s", name => {
  const who = () => [name, outsider(world, name)] as const;

  it("does not see a never-published draft at all, by id or through its agency", async () => {
    const [, actor] = who();
    expect((await read(world.draft.id, actor)).report).toBeNull();
    const byAgency = await api.run(`{ agency(code: "d") { report(year: 2020) { id } } }`, {}, actor);
    expect(byAgency.data.agency.report).toBeNull();
  });

  it("sees a published report as published, with its content, and nothing of its workflow", async () => {
    const [, actor] = who();
    const { report, text } = await read(world.published.id, actor);
    expect(report).toMatchObject({ state: "PUBLISHED", version: world.published.version, title: world.published.title });
    expect(report.workflow).toMatchObject({ state: "PUBLISHED", revision: 1, publishedRevision: 1, correctionReason: null, overdue: false });
    expect(applyNew(report)).toBe(PUBLISHED_VALUE);
    expect(report.channels).toEqual([{ label: "政府网站", count: 5 }]);
    expect(report.signature).toMatchObject({ revision: 1, matches: true });
    expect(new Date(report.createdAt).getTime()).toBe(world.published.publishedAt!.getTime());
    expectNothingInternal(world, report, text);
  });

  it("sees a report under correction as its published revision 1: state, version, content, dates", async () => {
    const [, actor] = who();
    const { report, text } = await read(world.correction.id, actor);
    expect(report).toMatchObject({ state: "PUBLISHED", version: world.correctionPublishedVersion });
    expect(world.correction.version).toBeGreaterThan(world.correctionPublishedVersion);
    expect(report.workflow).toMatchObject({
      state: "PUBLISHED",
      version: world.correctionPublishedVersion,
      revision: 1,
      publishedRevision: 1,
      correctionReason: null,
    });
    expect(applyNew(report)).toBe(PUBLISHED_VALUE);
    expect(report.tables.find((t: { id: string }) => t.id === "apply").rows.find((r: { id: string }) => r.id === "apply.new").values[0]).toBe(PUBLISHED_VALUE);
    expect(report.sections.find((s: { id: string }) => s.id === "sec.other").body).toBe("sec.other 的内容。");
    expect(report.channels).toEqual([{ label: "政府网站", count: 5 }]);
    expect(report.validation).toMatchObject({ valid: true, errorCount: 0 });
    expect(new Date(report.updatedAt).getTime()).toBe(world.correction.publishedAt!.getTime());
    expectNothingInternal(world, report, text);
  });

  it("may not read a report's audit history", async () => {
    const [, actor] = who();
    const result = await api.run(`query($id: ID!) { report(id: $id) { history { seq } } }`, { id: toGlobalId("Report", world.published.id) }, actor);
    // Note: answered like a report that does not exist, as before (test/audit/auditor-queries.test.ts).
    expect(result.errors?.map(error => error.extensions.code)).toEqual(["NOT_FOUND"]);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });
});

describe.each(["draft", "published", "correction"] as const)("insiders of the %s report", kind => {
  const own = () => ({ draft: world.draftTeam, published: world.publishedTeam, correction: world.correctionTeam })[kind];

  it("see it live, with its workflow, for every role of the agency and the supervising office's AUDITOR", async () => {
    for (const [name, actor] of insiders(world, own())) {
      const entity = world[kind];
      const { report } = await read(entity.id, actor);
      expect({ name, state: report.state, version: report.version }).toEqual({
        name,
        state: kind === "published" ? "PUBLISHED" : "DRAFT",
        version: entity.version,
      });
      expect(report.workflowHistory.length).toBeGreaterThan(0);
      expect(report.workflowHistory.every((step: { actor: { name: string } }) => world.staffNames.includes(step.actor.name))).toBe(true);
      if (kind !== "published") expect(JSON.stringify(report)).toContain(SECRET);
      if (kind === "correction") {
        expect(report.workflow).toMatchObject({ state: "DRAFT", revision: 2, publishedRevision: 1, correctionReason: `更正原因 ${SECRET}` });
        expect(applyNew(report)).toBe(CORRECTED_VALUE);
      }
      if (kind === "published") {
        expect(report.revisions.map((r: { kind: string }) => r.kind)).toEqual(["SUBMITTED", "SUBMITTED", "SIGNED", "PUBLISHED"]);
      }
    }
  });

  it("read its audit history as AUDITOR (own agency or the office), and only then", async () => {
    const query = `query($id: ID!) { report(id: $id) { history { seq action } } }`;
    for (const [name, actor] of insiders(world, own())) {
      const result = await api.run(query, { id: toGlobalId("Report", world[kind].id) }, actor);
      const auditor = name.includes("AUDITOR");
      expect({ name, ok: !result.errors && result.data.report.history.length > 0 }).toEqual({ name, ok: auditor });
    }
  });
});
