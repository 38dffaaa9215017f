import type { ApolloServer } from "@apollo/server";
import { READ_REPORT } from "../../bench/queries";
import type { GraphQLContext } from "../../src/resolvers";
import { createRequestContext } from "../../src/resolvers/request-context";
import { toGlobalId } from "../../src/schema/node-id";
import { createApolloServer } from "../../src/server/apollo";
import { CLI_ACTOR, createLoaders, createServices } from "../../src/services";
import type { Actor, Services, StoredReports } from "../../src/services";
import { ReadScope } from "../../src/services/access";
import { ContentCache } from "../../src/services/content-cache";
import { dataVersion } from "../../src/services/data-version";
import { loadContents } from "../../src/services/report-store";
import { openTestDatabase } from "../support/test-services";
import { HAPPY_PATH, createTeam, createValidDraft, walk } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";

/** What one full read of a report costs in SQL once its content is cached, and that the caches behind it stay right. */
describe("a full report read", () => {
  const statements: string[] = [];
  let services: Services;
  let apollo: ApolloServer<GraphQLContext>;
  let top: Team;
  let team: Team;
  let outsider: Team;
  let previousId: number;
  let reportId: number;

  beforeAll(async () => {
    services = createServices(await openTestDatabase({ onQuery: sql => statements.push(sql) }));
    apollo = createApolloServer({ introspection: false });
    await apollo.start();
    top = await createTeam(services, "top");
    team = await createTeam(services, "a", "top");
    outsider = await createTeam(services, "b");
    previousId = (await walk(services, team, (await createValidDraft(services, team, 2019)).id, HAPPY_PATH)).id;
    reportId = (await createValidDraft(services, team, 2020)).id;
  }, 60_000);

  afterAll(async () => {
    await apollo.stop();
    await services.db.close();
  });

  /** `head`: the audit chain's head the request read first, as the server's fast path passes it on. */
  async function read(actor: Actor, id = reportId, head?: number, stored?: StoredReports) {
    statements.length = 0;
    const response = await apollo.executeOperation(
      { query: READ_REPORT, variables: { id: toGlobalId("Report", id) } },
      { contextValue: createRequestContext(services, actor, "read", null, head, stored) },
    );
    if (response.body.kind !== "single") throw new Error("single result expected");
    expect(response.body.singleResult.errors).toBeUndefined();
    return { report: (response.body.singleResult.data as any).report, sql: statements.filter(sql => !/^(BEGIN|COMMIT|ROLLBACK)/i.test(sql.trim())) };
  }

  it("costs two statements once cached: the report with last year's row in one, and the agency tree's freshness check", async () => {
    await read(top.AUDITOR);
    const { sql, report } = await read(top.AUDITOR);
    expect(report.id).toBe(toGlobalId("Report", reportId));
    expect(sql).toHaveLength(2);
    expect(sql.filter(s => /FROM ("\w+"\.)?"?report"?\s/.test(s))).toHaveLength(1);
  });

  it("skips the agency tree's check when the request read the chain head first and it is the one the tree was checked at", async () => {
    const head = (await dataVersion(services.db)).version;
    await read(top.AUDITOR, reportId, head);
    const { sql } = await read(top.AUDITOR, reportId, head);
    expect(sql).toHaveLength(1);
    expect(sql.filter(s => /FROM ("\w+"\.)?"?report"?\s/.test(s))).toHaveLength(1);
    expect((await read(top.AUDITOR, reportId, head + 1)).sql.filter(s => /MAX\(id\) AS newest FROM agency/.test(s))).toHaveLength(1);
  });

  it("reads no report row when the request read them with the data version (the fast path's one statement)", async () => {
    const before = await read(top.AUDITOR);
    const { version, agencies, reports } = await dataVersion(services.db, [reportId], true);
    expect(agencies).toEqual([team.DRAFTER.agencyId]);
    expect(reports.map(found => found.id).sort()).toEqual([previousId, reportId].sort());
    // Note: a request answered from a kept answer reads the head and the agencies only.
    expect(await dataVersion(services.db, [reportId])).toEqual({ version, agencies, reports: [], contents: new Map() });
    await read(top.AUDITOR, reportId, version);
    const { sql, report } = await read(top.AUDITOR, reportId, version, { ids: [reportId], rows: reports });
    expect(sql).toEqual([]);
    expect(report).toEqual(before.report);
  });

  it("reads no content either when the data version's statement brought it (as when no answer is kept)", async () => {
    await services.reports.updateSection(team.DRAFTER, { reportId, sectionId: "sec.overview", body: "一条语句带来的内容。" });
    const { version, reports, contents } = await dataVersion(services.db, [reportId], true);
    expect([...contents.keys()].sort()).toEqual([previousId, reportId].sort());
    expect(contents).toEqual(await services.db.read(manager => loadContents(manager, reports)));
    const { sql, report } = await read(top.AUDITOR, reportId, version, { ids: [reportId], rows: reports, contents });
    expect(sql.filter(s => /\breport(_cell|_section|_channel)?\b/.test(s))).toEqual([]);
    expect(report.sections.find((section: { id: string }) => section.id === "sec.overview").body).toBe("一条语句带来的内容。");
  });

  it("reads every agency at the first one a process needs, and none for the next agencies", async () => {
    const cache = new ContentCache();
    const loaders = () => createLoaders(services.db, new ReadScope(work => services.db.read(work), CLI_ACTOR), cache);
    statements.length = 0;
    expect((await loaders().agency.load(team.DRAFTER.agencyId))?.code).toBe("a");
    expect(statements.filter(sql => /\bagency\b/.test(sql))).toHaveLength(1);
    statements.length = 0;
    expect((await loaders().agency.load(outsider.DRAFTER.agencyId))?.code).toBe("b");
    expect(statements.filter(sql => /\bagency\b/.test(sql))).toEqual([]);
    // Note: one unknown to the process is looked up by id (an agency added since, in another process).
    expect(await loaders().agency.load(987_654)).toBeNull();
    expect(statements.filter(sql => /\bagency\b/.test(sql))).toHaveLength(1);
  });

  it("says a named report that does not exist has no agency, and the read answers null without reading it again", async () => {
    const { version, agencies, reports } = await dataVersion(services.db, [reportId, 987_654], true);
    expect(agencies).toBeNull();
    expect(reports.map(found => found.id).sort()).toEqual([previousId, reportId].sort());
    const missing = await dataVersion(services.db, [987_654], true);
    expect(missing).toEqual({ version, agencies: null, reports: [], contents: new Map() });
    const { sql, report } = await read(top.AUDITOR, 987_654, version, { ids: [987_654], rows: [] });
    expect(report).toBeNull();
    expect(sql.filter(s => /FROM ("\w+"\.)?"?report"?\s/.test(s))).toEqual([]);
  });

  it("gives a supervising AUDITOR an agency added under it at once: adding it moved the chain head", async () => {
    const head = (await dataVersion(services.db)).version;
    expect((await read(top.AUDITOR, reportId, head)).report).not.toBeNull();
    const late = await createTeam(services, "late", "top");
    const draft = await services.reports.create(late.DRAFTER, { agencyId: late.DRAFTER.agencyId, year: 2020 });
    const now = (await dataVersion(services.db)).version;
    expect(now).toBeGreaterThan(head);
    const { report } = await read(top.AUDITOR, draft.id, now);
    expect(report).toMatchObject({ id: toGlobalId("Report", draft.id), state: "DRAFT" });
  });

  it("validates again when last year's report changes, though this year's did not", async () => {
    const before = (await read(team.DRAFTER)).report.validation;
    expect((await read(team.DRAFTER)).report.validation).toEqual(before);
    expect(before.violations.map((v: { ruleId: string }) => v.ruleId)).not.toContain("xyear.carry.col.natural");
    await walk(services, team, previousId, [["CORRECT", "DRAFTER"]], "更正结转数");
    await services.reports.setCells(team.DRAFTER, { reportId: previousId, cells: [{ key: "apply/apply.carry_forward/col.natural", value: "777" }] });
    const after = (await read(team.DRAFTER)).report.validation;
    expect(after.violations.map((v: { ruleId: string }) => v.ruleId)).toContain("xyear.carry.col.natural");
  }, 60_000);

  it("never gives an outsider the draft an insider's read cached", async () => {
    await read(team.DRAFTER);
    statements.length = 0;
    const response = await apollo.executeOperation(
      { query: READ_REPORT, variables: { id: toGlobalId("Report", reportId) } },
      { contextValue: createRequestContext(services, outsider.DRAFTER, "outsider") },
    );
    expect(response.body.kind === "single" && response.body.singleResult.data?.report).toBeNull();
    // Last year's report, under correction since the test before: insiders read the draft (777), outsiders the published revision.
    const carried = (report: any) => report.tables.find((t: any) => t.id === "apply").rows.find((r: any) => r.id === "apply.carry_forward").values[0];
    const inside = await read(team.DRAFTER, previousId);
    const outside = await read(outsider.DRAFTER, previousId);
    expect(carried(inside.report)).toBe("777");
    expect(carried(outside.report)).not.toBe("777");
    expect(carried((await read(team.DRAFTER, previousId)).report)).toBe("777");
  });
});
