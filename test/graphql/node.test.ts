import { toGlobalId } from "../../src/schema/node-id";
import { ANONYMOUS } from "../../src/services";
import type { Actor } from "../../src/services";
import { OUTSIDERS, SECRET, buildAccessWorld, outsider } from "../access/access-fixture";
import type { AccessWorld } from "../access/access-fixture";
import { openTestApi } from "../support/test-services";
import type { TestApi } from "../support/test-services";

let api: TestApi;
let world: AccessWorld;

beforeAll(async () => {
  api = await openTestApi();
  world = await buildAccessWorld(api.services);
});

afterAll(() => api.close());

const NODE = `query($id: ID!) { node(id: $id) { __typename id ... on Report { year } ... on Agency { name } ... on ReportRevision { kind } } }`;
const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`;
const REVISIONS = `query($id: ID!) { report(id: $id) { revisions { id kind } } }`;

async function revisions(actor: Actor, reportId: number) {
  const result = await api.run(REVISIONS, { id: toGlobalId("Report", reportId) }, actor);
  return result.data.report.revisions as Array<{ id: string; kind: string }>;
}

describe("node and nodes", () => {
  it("finds a report, an agency and a revision by their global ids", async () => {
    const drafter = world.correctionTeam.DRAFTER;
    const reportId = toGlobalId("Report", world.correction.id);
    const agencyId = toGlobalId("Agency", world.correction.agencyId);
    const [revision] = await revisions(drafter, world.correction.id);
    const result = await api.run(NODES, { ids: [reportId, agencyId, revision.id] }, drafter);
    expect(result.errors).toBeUndefined();
    expect(result.data.nodes).toEqual([
      { __typename: "Report", id: reportId },
      { __typename: "Agency", id: agencyId },
      { __typename: "ReportRevision", id: revision.id },
    ]);
    const single = await api.run(NODE, { id: reportId }, drafter);
    expect(single.data.node).toEqual({ __typename: "Report", id: reportId, year: 2020 });
  });

  it("answers null for an id that is malformed, unknown or of a type without node support", async () => {
    const ids = ["nonsense", toGlobalId("Report", 999999), Buffer.from("Report:0x3").toString("base64url")];
    const result = await api.run(NODES, { ids }, world.office.AUDITOR);
    expect(result.errors).toBeUndefined();
    expect(result.data.nodes).toEqual([null, null, null]);
  });

  it.each(OUTSIDERS)("shows %s neither a draft nor an unpublished revision", async name => {
    const actor = outsider(world, name);
    const draft = await api.run(NODE, { id: toGlobalId("Report", world.draft.id) }, actor);
    expect(draft.data.node).toBeNull();
    const all = await revisions(world.correctionTeam.DRAFTER, world.correction.id);
    const hidden = all.filter(revision => revision.kind !== "PUBLISHED");
    expect(hidden.length).toBeGreaterThan(0);
    const answer = await api.run(NODES, { ids: hidden.map(revision => revision.id) }, actor);
    expect(answer.data.nodes).toEqual(hidden.map(() => null));
    const published = all.find(revision => revision.kind === "PUBLISHED")!;
    expect((await api.run(NODE, { id: published.id }, actor)).data.node).toMatchObject({ kind: "PUBLISHED" });
    expect(JSON.stringify([draft, answer])).not.toContain(SECRET);
  });

  it("refuses more than 100 ids with a typed error naming the argument", async () => {
    const result = await api.run(NODES, { ids: Array.from({ length: 101 }, (_, i) => String(i)) }, ANONYMOUS);
    expect(result.errors?.[0].extensions).toMatchObject({ code: "INVALID_INPUT", field: ["ids"] });
  });
});

describe("error paths of plain query arguments", () => {
  it("blames reportId (not input.reportId) when reportDiff names no visible report", async () => {
    const [revision] = await revisions(world.correctionTeam.DRAFTER, world.correction.id);
    const query = `query($r: ID!, $from: ID!) { reportDiff(reportId: $r, from: $from) { cells { key } } }`;
    const result = await api.run(query, { r: toGlobalId("Report", world.draft.id), from: revision.id }, ANONYMOUS);
    expect(result.errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND", field: ["reportId"] });
  });
});

describe("AuditEvent references", () => {
  it("gives the agency and the report beside their raw ids", async () => {
    const history = `query($id: ID!) { report(id: $id) { history { agencyId reportId agency { id name } report { id year } } } }`;
    const reportId = toGlobalId("Report", world.correction.id);
    const result = await api.run(history, { id: reportId }, world.correctionTeam.AUDITOR);
    expect(result.errors).toBeUndefined();
    const events = result.data.report.history as Array<{
      agencyId: string;
      reportId: string;
      agency: { id: string };
      report: { id: string; year: number };
    }>;
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      expect(event.agency.id).toBe(event.agencyId);
      expect(event.report).toEqual({ id: reportId, year: 2020 });
    }
  });
});
