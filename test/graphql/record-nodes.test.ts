import { fromGlobalId, toGlobalId } from "../../src/schema/node-id";
import { CLI_ACTOR } from "../../src/services";
import type { Actor } from "../../src/services";
import { ROLES } from "../../src/workflow";
import { OUTSIDERS, SECRET, buildAccessWorld, insiders, outsider } from "../access/access-fixture";
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

const AUDIT_LIST = `query($filter: AuditEventFilter) { auditEvents(filter: $filter, first: 500) { nodes { id seq action } } }`;
const STEPS = `query($id: ID!) { report(id: $id) { workflowHistory { id action reason version } } }`;
const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id
  ... on AuditEvent { seq auditAction: action } ... on WorkflowStep { action reason version } } }`;
const NODE = `query($id: ID!) { node(id: $id) { __typename id } }`;

type Reader = [string, (world: AccessWorld) => Actor];

/** Every reader the tests ask: each role of the draft's agency, the office's AUDITOR, the outsiders. */
const READERS: Reader[] = [
  ...ROLES.map((role): Reader => [`own ${role}`, w => w.draftTeam[role]]),
  ["the supervising office's AUDITOR", w => w.office.AUDITOR],
  ...OUTSIDERS.map((name): Reader => [name, w => outsider(w, name)]),
];

/** The audit records this reader can list (none when auditEvents refuses them). */
async function listedEvents(actor: Actor, reportId: number): Promise<Array<{ id: string; seq: number; action: string }>> {
  const result = await api.run(AUDIT_LIST, { filter: { reportId: toGlobalId("Report", reportId) } }, actor);
  return result.data?.auditEvents?.nodes ?? [];
}

describe("AuditEvent as a Node", () => {
  it("has a global id of its own beside the chain's seq", async () => {
    const events = await listedEvents(CLI_ACTOR, world.draft.id);
    expect(events.length).toBeGreaterThan(3);
    for (const event of events) {
      expect(event.id).not.toBe(String(event.seq));
      expect(fromGlobalId("AuditEvent", event.id)).toBe(event.seq);
    }
  });

  it.each(READERS)("gives %s by id exactly the records it can list", async (_name, readerOf) => {
    const actor = readerOf(world);
    const all = await listedEvents(CLI_ACTOR, world.draft.id);
    const listed = new Set((await listedEvents(actor, world.draft.id)).map(event => event.id));
    const result = await api.run(NODES, { ids: all.map(event => event.id) }, actor);
    expect(result.errors).toBeUndefined();
    expect(result.data!.nodes).toEqual(
      all.map(event => (listed.has(event.id) ? { __typename: "AuditEvent", id: event.id, seq: event.seq, auditAction: event.action } : null)),
    );
  });

  it("shows the draft's records to its agency's AUDITOR and the office's, and to nobody else of the agency or outside", async () => {
    const [event] = await listedEvents(CLI_ACTOR, world.draft.id);
    const seen = async (actor: Actor) => (await api.run(NODE, { id: event.id }, actor)).data!.node !== null;
    expect(await seen(world.draftTeam.AUDITOR)).toBe(true);
    expect(await seen(world.office.AUDITOR)).toBe(true);
    for (const role of ROLES.filter(role => role !== "AUDITOR")) expect(await seen(world.draftTeam[role])).toBe(false);
    for (const name of OUTSIDERS) expect(await seen(outsider(world, name))).toBe(false);
  });
});

describe("WorkflowStep as a Node", () => {
  async function steps(actor: Actor, reportId: number) {
    const result = await api.run(STEPS, { id: toGlobalId("Report", reportId) }, actor);
    return (result.data?.report?.workflowHistory ?? []) as Array<{ id: string; action: string; reason: string | null; version: number }>;
  }

  it.each(["draft", "published"] as const)("gives each insider every step of the %s report by id, as workflowHistory lists it", async which => {
    const report = world[which];
    const team = which === "draft" ? world.draftTeam : world.publishedTeam;
    for (const [, actor] of insiders(world, team)) {
      const listed = await steps(actor, report.id);
      expect(listed.length).toBeGreaterThan(0);
      const result = await api.run(NODES, { ids: listed.map(step => step.id) }, actor);
      expect(result.errors).toBeUndefined();
      expect(result.data!.nodes).toEqual(listed.map(step => ({ __typename: "WorkflowStep", ...step })));
    }
  });

  it.each(OUTSIDERS)("gives %s no step, of a draft or of a published report, like workflowHistory", async name => {
    const actor = outsider(world, name);
    const ids = [...(await steps(world.draftTeam.DRAFTER, world.draft.id)), ...(await steps(world.publishedTeam.DRAFTER, world.published.id))].map(
      step => step.id,
    );
    expect(await steps(actor, world.published.id)).toEqual([]);
    const result = await api.run(NODES, { ids }, actor);
    expect(result.errors).toBeUndefined();
    expect(result.data!.nodes).toEqual(ids.map(() => null));
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it("answers null for a step id that names no step, even beyond the id column's range", async () => {
    const ids = [toGlobalId("WorkflowStep", 999_999), toGlobalId("WorkflowStep", 2 ** 40), toGlobalId("AuditEvent", 2 ** 40)];
    const result = await api.run(NODES, { ids }, CLI_ACTOR);
    expect(result.errors).toBeUndefined();
    expect(result.data!.nodes).toEqual([null, null, null]);
  });
});
