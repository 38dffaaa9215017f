import { CLI_ACTOR } from "../../src/services";
import { OUTSIDERS, buildAccessWorld, outsider } from "../access/access-fixture";
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

/** Audit records are identified by seq, everything else by its global id. */
const page = (key: string) => `edges { cursor node { ${key} } } nodes { ${key} } totalCount
  pageInfo { startCursor endCursor hasPreviousPage hasNextPage }`;

interface Page {
  edges: Array<{ cursor: string; node: Record<string, string | number> }>;
  nodes: Array<Record<string, string | number>>;
  totalCount: number;
  pageInfo: { startCursor: string | null; endCursor: string | null; hasPreviousPage: boolean; hasNextPage: boolean };
}

/** Walks a connection two items a page and checks every page has the one shape. */
async function walk(list: string, args: string, actor = CLI_ACTOR): Promise<{ ids: Array<string | number>; totalCount: number }> {
  const key = list === "auditEvents" ? "seq" : "id";
  const ids: Array<string | number> = [];
  let after: string | null = null;
  let totalCount = 0;
  for (let pages = 0; pages < 50; pages++) {
    const query = `query($after: String) { ${list}(${args}first: 2, after: $after) { ${page(key)} } }`;
    const result = await api.run(query, { after }, actor);
    expect(result.errors).toBeUndefined();
    const answer = result.data[list] as Page;
    expect(answer.edges.map(edge => edge.node)).toEqual(answer.nodes);
    expect(answer.pageInfo.startCursor).toBe(answer.edges[0]?.cursor ?? null);
    expect(answer.pageInfo.endCursor).toBe(answer.edges.at(-1)?.cursor ?? null);
    expect(answer.pageInfo.hasPreviousPage).toBe(after !== null);
    ids.push(...answer.nodes.map(node => node[key]));
    totalCount = answer.totalCount;
    if (!answer.pageInfo.hasNextPage) break;
    after = answer.pageInfo.endCursor;
  }
  return { ids, totalCount };
}

describe("connections", () => {
  it.each([
    ["agencies", ""],
    ["reports", ""],
    ["reports", "filter: { year: 2020 }, "],
    ["auditEvents", ""],
  ])("%s(%s…) pages by cursor through every item once, with edges, nodes, pageInfo and totalCount", async (list, args) => {
    const { ids, totalCount } = await walk(list, args);
    expect(ids.length).toBe(totalCount);
    expect(new Set(ids).size).toBe(ids.length);
    expect(totalCount).toBeGreaterThan(2);
  });

  it("pages an ADMIN's users of their own agency only", async () => {
    const { ids, totalCount } = await walk("users", "", world.draftTeam.ADMIN);
    expect(totalCount).toBe(6);
    expect(ids).toHaveLength(6);
  });

  it("filters reports by agency in filter, blaming filter.agencyId for a wrong id", async () => {
    const agencyId = (await api.run(`{ report(id: "${idOfReport(world.published.id)}") { agency { id } } }`, {}, CLI_ACTOR)).data.report.agency.id;
    const mine = await api.run(`query($a: ID) { reports(filter: { agencyId: $a }) { totalCount nodes { agency { id } } } }`, { a: agencyId }, CLI_ACTOR);
    expect(mine.data.reports.totalCount).toBeGreaterThan(0);
    for (const report of mine.data.reports.nodes) expect(report.agency.id).toBe(agencyId);
    const wrong = await api.run(`{ reports(filter: { agencyId: "nonsense" }) { totalCount } }`, {}, CLI_ACTOR);
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND", field: ["filter", "agencyId"] });
  });

  it("refuses a cursor that is not one of the list's, and a page size out of range, naming the argument", async () => {
    const bad = await api.run(`{ agencies(after: "nonsense") { totalCount } }`, {}, CLI_ACTOR);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: "INVALID_INPUT", field: ["after"] });
    const big = await api.run(`{ agencies(first: 501) { totalCount } }`, {}, CLI_ACTOR);
    expect(big.errors?.[0].extensions).toMatchObject({ code: "INVALID_INPUT", field: ["first"] });
  });

  it.each(OUTSIDERS)("lists agencies (public) to %s, but not users", async name => {
    const actor = outsider(world, name);
    const agencies = await api.run(`{ agencies { totalCount } }`, {}, actor);
    expect(agencies.data.agencies.totalCount).toBeGreaterThan(0);
    const users = await api.run(`{ users { totalCount } }`, {}, actor);
    expect(users.data).toBeNull();
    expect(["UNAUTHENTICATED", "FORBIDDEN"]).toContain(users.errors?.[0].extensions?.code);
  });
});

function idOfReport(id: number): string {
  return Buffer.from(`Report:${id}`).toString("base64url");
}
