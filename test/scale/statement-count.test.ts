import fs from "node:fs";
import type { ApolloServer } from "@apollo/server";
import type { GraphQLContext } from "../../src/resolvers";
import { createRequestContext } from "../../src/resolvers/request-context";
import { createApolloServer } from "../../src/server/apollo";
import { CLI_ACTOR, createServices } from "../../src/services";
import type { Services } from "../../src/services";
import { CELL_QUERY_REPORTS } from "../../src/services/report-store";
import { SEED_EXPECTED, openTestDatabase } from "../support/test-services";

const LIST = `query($first: Int!) { reports(first: $first) { totalCount nodes {
  id title year state agency { name code }
  sections { id body }
  tables { id rows { id values } }
  validation { valid errorCount violations { ruleId } }
  workflow { state version overdue availableActions { action allowed } }
} } }`;

describe("listing reports costs a constant number of SQL statements", () => {
  const statements: string[] = [];
  let services: Services;
  let apollo: ApolloServer<GraphQLContext>;

  beforeAll(async () => {
    services = createServices(await openTestDatabase({ onQuery: sql => statements.push(sql) }));
    apollo = createApolloServer({ introspection: false });
    await apollo.start();
    const cells = Object.entries(JSON.parse(fs.readFileSync(SEED_EXPECTED, "utf8")).cells as Record<string, number>).map(([key, value]) => ({
      key,
      value: String(value),
    }));
    for (let i = 0; i < 60; i++) {
      const agency = await services.agencies.create(CLI_ACTOR, { code: `a${i}`, name: `机关${i}` });
      for (const year of [2019, 2020]) {
        const report = await services.reports.create(CLI_ACTOR, { agencyId: agency.id, year });
        await services.reports.setCells(CLI_ACTOR, { reportId: report.id, cells });
        await services.reports.updateSection(CLI_ACTOR, { reportId: report.id, sectionId: "sec.overview", body: "总体情况。" });
      }
    }
  }, 120_000);

  afterAll(async () => {
    await apollo.stop();
    await services.db.close();
  });

  async function countFor(first: number): Promise<number> {
    statements.length = 0;
    const response = await apollo.executeOperation({ query: LIST, variables: { first } }, { contextValue: createRequestContext(services, CLI_ACTOR, "count") });
    if (response.body.kind !== "single") throw new Error("single result expected");
    expect(response.body.singleResult.errors).toBeUndefined();
    expect((response.body.singleResult.data as any).reports.nodes).toHaveLength(first);
    return statements.filter(sql => !/^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i.test(sql.trim())).length;
  }

  it("is the same for 10 and for 100 reports with sections, cells, validation and workflow, but one cell query per 25 reports", async () => {
    // Note: the first read of an agency reads every agency, once per process; not what a page costs.
    await countFor(1);
    const ten = await countFor(10);
    const hundred = await countFor(100);
    console.log(`SQL statements: page of 10 → ${ten}, page of 100 → ${hundred}`);
    // Note: cells are read 25 reports a query, with a turn of the event loop between (bounded blocking).
    expect(hundred - ten).toBe(Math.ceil(100 / CELL_QUERY_REPORTS) - Math.ceil(10 / CELL_QUERY_REPORTS));
    expect(hundred).toBeLessThanOrEqual(15);
  });

  it("answers workflow { state } from the report rows: no cells read, nothing validated", async () => {
    // Note: a fresh process cache, so that cells would have to be read if the workflow needed the content.
    const fresh = createServices(services.db);
    statements.length = 0;
    const query = `{ reports(first: 100) { nodes { state workflow { state version revision overdue dueDate } } } }`;
    const response = await apollo.executeOperation({ query }, { contextValue: createRequestContext(fresh, CLI_ACTOR, "state") });
    if (response.body.kind !== "single") throw new Error("single result expected");
    expect(response.body.singleResult.errors).toBeUndefined();
    const nodes = (response.body.singleResult.data as any).reports.nodes as Array<{ state: string; workflow: { state: string; revision: number } }>;
    expect(nodes).toHaveLength(100);
    for (const node of nodes) expect(node.workflow).toMatchObject({ state: node.state, revision: 1 });
    expect(statements.filter(sql => /report_cell/i.test(sql))).toEqual([]);
  });
});
