import type { ApolloServer } from "@apollo/server";
import type { GraphQLContext } from "../../src/resolvers";
import { createRequestContext } from "../../src/resolvers/request-context";
import { toGlobalId } from "../../src/schema/node-id";
import { createApolloServer } from "../../src/server/apollo";
import { createServices } from "../../src/services";
import type { Actor, Services } from "../../src/services";
import { HistoryCache } from "../../src/services/history-cache";
import { openTestDatabase } from "../support/test-services";
import { createTeam, createValidDraft, walk } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";

const HISTORY = `query($id: ID!) { report(id: $id) { history { seq action actorName diff hash } } }`;

/** A report's history is kept per process and brought up to date with one statement; it must never be stale. */
describe("a report's history, kept between requests", () => {
  const statements: string[] = [];
  let services: Services;
  let apollo: ApolloServer<GraphQLContext>;
  let team: Team;
  let reportId: number;

  beforeAll(async () => {
    services = createServices(await openTestDatabase({ onQuery: sql => statements.push(sql) }));
    apollo = createApolloServer({ introspection: false });
    await apollo.start();
    team = await createTeam(services, "hist");
    reportId = (await createValidDraft(services, team, 2020)).id;
  }, 60_000);

  afterAll(async () => {
    await apollo.stop();
    await services.db.close();
  });

  async function history(actor: Actor, on = services) {
    statements.length = 0;
    const response = await apollo.executeOperation(
      { query: HISTORY, variables: { id: toGlobalId("Report", reportId) } },
      { contextValue: createRequestContext(on, actor, "history") },
    );
    if (response.body.kind !== "single") throw new Error("single result expected");
    expect(response.body.singleResult.errors).toBeUndefined();
    const audit = statements.filter(sql => /FROM ("\w+"\.)?"?audit_event"?/.test(sql));
    return { records: (response.body.singleResult.data as any).report.history as Array<{ seq: number; action: string; hash: string }>, audit };
  }

  /** What a process that kept nothing answers: the records read afresh. */
  async function afresh(actor: Actor) {
    return (await history(actor, { ...services, histories: new HistoryCache() })).records;
  }

  it("reads the audit trail with one statement a request once kept, and answers what a fresh read answers", async () => {
    const first = await history(team.AUDITOR);
    const again = await history(team.AUDITOR);
    expect(again.audit).toHaveLength(1);
    expect(again.records).toEqual(first.records);
    expect(again.records).toEqual(await afresh(team.AUDITOR));
    expect(again.records.map(record => record.action)).toContain("report.create");
  });

  it("shows a change committed after the history was kept, in chain order, at once", async () => {
    const before = (await history(team.AUDITOR)).records;
    await walk(services, team, reportId, [["SUBMIT", "DRAFTER"]]);
    const after = await history(team.AUDITOR);
    expect(after.audit).toHaveLength(1);
    expect(after.records.slice(0, before.length)).toEqual(before);
    expect(after.records.slice(before.length).map(record => record.action)).toEqual(["report.workflow.submit"]);
    expect(after.records).toEqual(await afresh(team.AUDITOR));
  });

  it("keeps the access rule: a DRAFTER of the agency is refused though the history is kept", async () => {
    await history(team.AUDITOR);
    const response = await apollo.executeOperation(
      { query: HISTORY, variables: { id: toGlobalId("Report", reportId) } },
      { contextValue: createRequestContext(services, team.DRAFTER, "drafter") },
    );
    expect(response.body.kind === "single" && response.body.singleResult.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("reads a history again from the start when the kept records are not this database's chain", async () => {
    const other = createServices(await openTestDatabase());
    try {
      const otherTeam = await createTeam(other, "else");
      const otherReport = await createValidDraft(other, otherTeam, 2020);
      await walk(other, otherTeam, otherReport.id, [["SUBMIT", "DRAFTER"]]);
      expect(otherReport.id).toBe(reportId);
      // One cache read against two databases under the same report id: as if the database was recreated under a running process.
      const shared = new HistoryCache();
      const kept = await shared.read(services.db, reportId);
      const theirs = await shared.read(other.db, reportId);
      expect(theirs).toEqual(await new HistoryCache().read(other.db, reportId));
      expect(theirs.map(record => record.hash)).not.toEqual(kept.map(record => record.hash));
    } finally {
      await other.db.close();
    }
  });
});
