import { toGlobalId } from "../../src/schema/node-id";
import { OUTSIDERS, buildAccessWorld, insiders, outsider } from "../access/access-fixture";
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

const USER = `query($id: ID!) { user(id: $id) { id name roles active } node(id: $id) { __typename id } }`;
const HISTORY = `query($id: ID!) { report(id: $id) { workflowHistory { action role actor { id name roles } } } }`;
const AUDIT = `query($filter: AuditEventFilter) { auditEvents(filter: $filter, first: 100) {
  totalCount nodes { actorKind actorName actor { id name } at } } }`;

describe("User as a Node", () => {
  const drafterOf = () => world.draftTeam.DRAFTER;

  it.each(["own", "office AUDITOR"])("shows a user, by id, to %s", async who => {
    const drafter = drafterOf();
    const id = toGlobalId("User", drafter.userId);
    const viewer = who === "own" ? world.draftTeam.LEADER : world.office.AUDITOR;
    const result = await api.run(USER, { id }, viewer);
    expect(result.errors).toBeUndefined();
    expect(result.data.user).toEqual({ id, name: drafter.name, roles: ["DRAFTER"], active: true });
    expect(result.data.node).toEqual({ __typename: "User", id });
  });

  it.each(OUTSIDERS)("hides a user from %s, like a user that does not exist", async name => {
    const id = toGlobalId("User", drafterOf().userId);
    const result = await api.run(USER, { id }, outsider(world, name));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ user: null, node: null });
    const missing = await api.run(USER, { id: toGlobalId("User", 999999) }, world.office.AUDITOR);
    expect(missing.data).toEqual({ user: null, node: null });
  });

  it("answers null, not a server error, for a user id past the id column's range", async () => {
    const result = await api.run(USER, { id: toGlobalId("User", 2 ** 40) }, world.office.AUDITOR);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ user: null, node: null });
  });

  it("names each workflow step's actor as a User object, for every insider", async () => {
    const team = world.publishedTeam;
    for (const [, viewer] of insiders(world, team)) {
      const result = await api.run(HISTORY, { id: toGlobalId("Report", world.published.id) }, viewer);
      expect(result.errors).toBeUndefined();
      const steps = result.data.report.workflowHistory as Array<{
        role: string;
        actor: { id: string; name: string; roles: string[] };
      }>;
      expect(steps.length).toBeGreaterThan(0);
      for (const step of steps) {
        const actor = team[step.role as keyof typeof team];
        expect(step.actor).toEqual({ id: toGlobalId("User", actor.userId), name: actor.name, roles: [step.role] });
      }
    }
  });

  it("gives audit records their actor and filters them by a user's global id", async () => {
    const drafter = world.publishedTeam.DRAFTER;
    const id = toGlobalId("User", drafter.userId);
    const result = await api.run(AUDIT, { filter: { actorId: id } }, world.office.AUDITOR);
    expect(result.errors).toBeUndefined();
    const { totalCount, nodes } = result.data.auditEvents;
    expect(totalCount).toBeGreaterThan(0);
    for (const event of nodes) {
      expect(event).toMatchObject({ actorKind: "USER", actorName: drafter.name, actor: { id, name: drafter.name } });
      expect(new Date(event.at).toISOString()).toBe(event.at);
    }
  });

  it("refuses a filter actorId that is not a user's id, naming the field", async () => {
    const result = await api.run(AUDIT, { filter: { actorId: toGlobalId("Report", 1) } }, world.office.AUDITOR);
    expect(result.errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND", field: ["filter", "actorId"] });
  });
});
