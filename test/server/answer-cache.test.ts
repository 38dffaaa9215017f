import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { TokenConfig } from "../../src/auth/token-config";
import { TokenVerifier, issueToken } from "../../src/auth/tokens";
import { Database, databaseConfigFromUrl } from "../../src/db";
import { buildGongkaiSchema } from "../../src/server/build-schema";
import { CacheableOperations } from "../../src/server/cacheable-operation";
import { GraphqlFastPath } from "../../src/server/graphql-fast-path";
import { startServer } from "../../src/server/server";
import type { RunningServer } from "../../src/server/server";
import { CLI_ACTOR, createServices } from "../../src/services";
import type { Services, UserActor } from "../../src/services";
import { childDatabaseUrl, dropChildDatabase } from "../support/test-services";
import { HAPPY_PATH, createTeam, createValidDraft, walk } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";

const TOKENS: TokenConfig = { kind: "hs256", secret: new TextEncoder().encode("an-answer-cache-test-secret-32-chars!") };

const READ = `query Read($id: ID!) {
  report(id: $id) { id title state version sections { id body } validation { valid errorCount } workflow { state overdue availableActions { action allowed } } }
}`;

const globalId = (id: number) => Buffer.from(`Report:${id}`).toString("base64url");

/** What a request answered, and every SQL statement the serving instance sent while it was answered. */
interface Answer {
  status: number;
  contentType: string | null;
  text: string;
  statements: string[];
}

/** The statement a kept answer still costs besides the reader's: the audit chain's head (is it current). */
const HEAD = /FROM audit_event ORDER BY seq DESC LIMIT 1/;
/** Statements that read a report's content or rows (the instance's background writers never do). */
const REPORT_READS = /FROM report_(cell|section)\b|FROM report r\b/;

describe("GraphQL answers kept per process while the data is unchanged", () => {
  let dir: string;
  let url: string;
  let services: Services;
  /** Another instance on the same database (another worker, another server): it only writes. */
  let other: Services;
  let kept: RunningServer;
  let plain: RunningServer;
  let team: Team;
  let outsider: Team;
  let draftId: number;
  let publishedId: number;
  let statements: string[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-answer-cache-"));
    url = childDatabaseUrl(dir);
    services = createServices(await Database.open(databaseConfigFromUrl(url), { onQuery: sql => void statements.push(sql) }));
    other = createServices(await Database.open(databaseConfigFromUrl(url), { migrate: false }));
    team = await createTeam(services, "kept");
    outsider = await createTeam(services, "elsewhere");
    draftId = (await createValidDraft(services, team, 2020)).id;
    publishedId = (await walk(services, team, (await createValidDraft(services, team, 2019)).id, HAPPY_PATH)).id;
    kept = await startServer(services, { port: 0, host: "127.0.0.1", tokens: TOKENS, scheduler: false });
    plain = await startServer(services, { port: 0, host: "127.0.0.1", tokens: TOKENS, scheduler: false, answerCache: false });
  });

  afterAll(async () => {
    await kept.close();
    await plain.close();
    await services.db.close();
    await other.db.close();
    await dropChildDatabase(url);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const bearer = async (user: UserActor) =>
    `Bearer ${await issueToken(TOKENS, { sub: String(user.userId), name: user.name, agency: "kept", roles: [...user.roles] }, "1h")}`;

  async function ask(server: RunningServer, body: unknown, authorization?: string): Promise<Answer> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (authorization) headers.authorization = authorization;
    statements = [];
    const response = await fetch(server.url, { method: "POST", headers, body: JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get("content-type"), text, statements };
  }
  const read = (id: number, authorization?: string, server = kept) => ask(server, { query: READ, variables: { id: globalId(id) } }, authorization);
  const data = (answer: Answer) => JSON.parse(answer.text).data;
  /** Whether the request was answered from a kept answer (the server's count of those went up by one). */
  async function fromKept(request: Promise<Answer>): Promise<boolean> {
    const before = kept.keptAnswers().hits;
    await request;
    return kept.keptAnswers().hits === before + 1;
  }

  it("answers a repeated read from what it kept — the same bytes Apollo sends — with only the freshness checks", async () => {
    const auditor = await bearer(team.AUDITOR);
    const first = await read(draftId, auditor);
    // Note: Apollo Client sends its name and version with every operation; the answer is the same.
    const asConsole = { query: READ, variables: { id: globalId(draftId) }, extensions: { clientLibrary: { name: "@apollo/client", version: "4" } } };
    expect(await fromKept(ask(kept, asConsole, auditor))).toBe(true);
    expect(await fromKept(ask(kept, { ...asConsole, extensions: { persistedQuery: { version: 1, sha256Hash: "0" } } }, auditor))).toBe(false);
    const before = kept.keptAnswers().hits;
    const again = await read(draftId, auditor);
    expect(kept.keptAnswers().hits).toBe(before + 1);
    const uncached = await read(draftId, auditor, plain);
    expect(first.statements.filter(sql => REPORT_READS.test(sql)).length).toBeGreaterThan(0);
    expect(again.statements.filter(sql => REPORT_READS.test(sql))).toEqual([]);
    expect(again.statements.some(sql => HEAD.test(sql))).toBe(true);
    expect(again).toMatchObject({ status: 200, contentType: uncached.contentType, text: uncached.text });
    expect(first.text).toBe(uncached.text);
    expect(data(again).report).toMatchObject({ state: "DRAFT", validation: { valid: true } });
  });

  it("checks an AUDITOR's agency tree once per chain head: the head the request read first is passed on", async () => {
    const auditor = await bearer(team.AUDITOR);
    const TREE_CHECK = /MAX\(id\) AS newest FROM agency/;
    await services.reports.updateSection(team.DRAFTER, { reportId: draftId, sectionId: "sec.overview", body: "树的检查。" });
    const first = await read(draftId, auditor);
    const hits = kept.keptAnswers().hits;
    const second = await read(publishedId, auditor);
    expect(data(first).report.state).toBe("DRAFT");
    expect(data(second).report.state).toBe("PUBLISHED");
    expect(first.statements.filter(sql => TREE_CHECK.test(sql))).toHaveLength(1);
    // Note: computed, not sent from a kept answer (its report rows come with the head's statement now).
    expect(kept.keptAnswers().hits).toBe(hits);
    expect(second.statements.filter(sql => TREE_CHECK.test(sql))).toEqual([]);
  });

  it("shows a change from the next request, whether this instance or another one made it", async () => {
    const auditor = await bearer(team.AUDITOR);
    await read(draftId, auditor);
    await services.reports.updateSection(team.DRAFTER, { reportId: draftId, sectionId: "sec.overview", body: "本实例的修改。" });
    expect(data(await read(draftId, auditor)).report.sections[0].body).toBe("本实例的修改。");
    await other.reports.updateSection(team.DRAFTER, { reportId: draftId, sectionId: "sec.overview", body: "另一实例的修改。" });
    const changed = await read(draftId, auditor);
    expect(data(changed).report.sections[0].body).toBe("另一实例的修改。");
    expect(changed.text).toBe((await read(draftId, auditor, plain)).text);
  });

  it("keeps each reader's own answer: another agency and the public never get an insider's", async () => {
    const insider = await read(draftId, await bearer(team.AUDITOR));
    expect(data(insider).report.state).toBe("DRAFT");
    expect(data(await read(draftId, await bearer(outsider.AUDITOR))).report).toBeNull();
    expect(data(await read(draftId)).report).toBeNull();
    const published = await read(publishedId);
    expect(data(published).report).toMatchObject({ state: "PUBLISHED", workflow: { availableActions: expect.any(Array) } });
    expect(data(published).report.workflow.availableActions.every((action: { allowed: boolean }) => !action.allowed)).toBe(true);
    const asDrafter = data(await read(publishedId, await bearer(team.DRAFTER))).report.workflow.availableActions;
    expect(asDrafter.find((action: { action: string }) => action.action === "CORRECT").allowed).toBe(true);
  });

  it("refuses a kept answer's reader once deactivated, from the next request on", async () => {
    const user = (await services.users.create(CLI_ACTOR, { name: "kept-second-auditor", agencyCode: "kept", roles: ["AUDITOR"] })).id;
    const token = await bearer({ kind: "user", userId: user, name: "kept-second-auditor", agencyId: team.AUDITOR.agencyId, roles: ["AUDITOR"] });
    expect((await read(draftId, token)).status).toBe(200);
    expect(await fromKept(read(draftId, token))).toBe(true);
    await other.users.setActive(CLI_ACTOR, "kept-second-auditor", false);
    const refused = await read(draftId, token);
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.text).errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  it("never keeps an answer with errors, a mutation's, or one of the inbox", async () => {
    const drafter = await bearer(team.DRAFTER);
    const refused = { query: `{ statistics(agencyId: "${Buffer.from(`Agency:${team.AUDITOR.agencyId}`).toString("base64url")}", year: 2020) { year } }` };
    const inbox = { query: "{ viewer { notifications(first: 5) { totalCount } } }" };
    const mutation = { query: `mutation { reportWithdraw(input: { reportId: "${globalId(draftId)}", expectedVersion: 1 }) { userErrors { code } } }` };
    for (let i = 0; i < 2; i++) {
      expect(await fromKept(ask(kept, refused, drafter))).toBe(false);
      expect(await fromKept(ask(kept, inbox, drafter))).toBe(false);
      expect(await fromKept(ask(kept, mutation, drafter))).toBe(false);
    }
    expect(JSON.parse((await ask(kept, refused, drafter)).text).errors[0].extensions.code).toBe("FORBIDDEN");
    expect(JSON.parse((await ask(kept, inbox, drafter)).text).data.viewer.notifications.totalCount).toEqual(expect.any(Number));
    expect(JSON.parse((await ask(kept, mutation, drafter)).text).data.reportWithdraw.userErrors[0].code).toBe("CONFLICT");
    await read(draftId, drafter);
    expect(await fromKept(read(draftId, drafter))).toBe(true);
  });

  it("computes an answer once for many identical requests arriving together", async () => {
    const auditor = await bearer(team.AUDITOR);
    // Note: the statement that reads a report's sections (SQLite: `report_id IN (…)`, PostgreSQL: one JSON row per
    // report, `report_id = r.id`): once per computation, and by no background writer.
    const rowReads = (list: string[]) => list.filter(sql => /FROM report_section WHERE report_id = r\.(id|value)/.test(sql)).length;
    await services.reports.updateSection(team.DRAFTER, { reportId: draftId, sectionId: "sec.other", body: "一次。" });
    const single = rowReads((await read(draftId, auditor)).statements);
    await services.reports.updateSection(team.DRAFTER, { reportId: draftId, sectionId: "sec.other", body: "二十次。" });
    statements = [];
    const headers = { "content-type": "application/json", authorization: auditor };
    const body = JSON.stringify({ query: READ, variables: { id: globalId(draftId) } });
    const texts = await Promise.all(Array.from({ length: 20 }, () => fetch(kept.url, { method: "POST", headers, body }).then(r => r.text())));
    expect(new Set(texts).size).toBe(1);
    const other = JSON.parse(texts[0]).data.report.sections.find((section: { id: string }) => section.id === "sec.other");
    expect(other.body).toBe("二十次。");
    expect(single).toBeGreaterThan(0);
    expect(rowReads(statements)).toBe(single);
  });

  it("lets one waiter compute when the computing request's client leaves, and still keeps the abandoned answer", async () => {
    const auditor = await bearer(team.AUDITOR);
    const fast = new GraphqlFastPath(services, new TokenVerifier(TOKENS), buildGongkaiSchema());
    // Note: the app behind the fast path answers only when the test says so, and counts what it was asked.
    const held: Array<() => void> = [];
    const app = (_req: http.IncomingMessage, res: http.ServerResponse) => {
      const n = held.length;
      held.push(() => res.writeHead(200, { "content-type": "application/json" }).end(`{"data":{"n":${n}}}\n`));
    };
    const server = http.createServer((req, res) => (fast.accepts(req) ? void fast.serve(req, res, app) : app(req, res)));
    await new Promise<void>(done => server.listen(0, "127.0.0.1", done));
    const address = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const send = (signal?: AbortSignal) =>
      fetch(address, {
        method: "POST",
        signal,
        headers: { "content-type": "application/json", authorization: auditor },
        body: JSON.stringify({ query: READ, variables: { id: globalId(draftId) } }),
      });
    const until = async (test: () => boolean) => {
      while (!test()) await new Promise(resolve => setTimeout(resolve, 5));
    };
    try {
      const leaving = new AbortController();
      const first = send(leaving.signal).catch(() => null);
      await until(() => held.length === 1);
      const waiting = Array.from({ length: 10 }, () => send().then(response => response.text()));
      await new Promise(resolve => setTimeout(resolve, 100));
      leaving.abort();
      await first;
      await until(() => held.length === 2);
      await new Promise(resolve => setTimeout(resolve, 100));
      expect(held).toHaveLength(2);
      held[1]();
      expect(new Set(await Promise.all(waiting))).toEqual(new Set(['{"data":{"n":1}}\n']));
      held[0]();
      await new Promise(resolve => setTimeout(resolve, 50));
      // Note: the answer the abandoned computation completed is kept too (the later one, at the same version).
      expect(await (await send()).text()).toBe('{"data":{"n":0}}\n');
      expect(held).toHaveLength(2);
    } finally {
      server.closeAllConnections();
      await new Promise(done => server.close(done));
    }
  });

  it("computes nothing for a client that left while its chain head was read, and the next same request is answered", async () => {
    const auditor = await bearer(team.AUDITOR);
    // Note: the chain head's read waits for the test (the fast path reads it through services.db).
    let gate: Promise<void> = Promise.resolve();
    let reads = 0;
    const db = Object.assign(Object.create(services.db) as Database, {
      read: async <T>(work: Parameters<Database["read"]>[0]): Promise<T> => {
        reads++;
        await gate;
        return services.db.read(work) as Promise<T>;
      },
    });
    const fast = new GraphqlFastPath({ ...services, db }, new TokenVerifier(TOKENS), buildGongkaiSchema());
    const computed: string[] = [];
    const app = (_req: http.IncomingMessage, res: http.ServerResponse) => {
      computed.push("computed");
      res.writeHead(200, { "content-type": "application/json" }).end('{"data":{"n":1}}\n');
    };
    const server = http.createServer((req, res) => (fast.accepts(req) ? void fast.serve(req, res, app) : app(req, res)));
    await new Promise<void>(done => server.listen(0, "127.0.0.1", done));
    const address = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const body = JSON.stringify({ query: READ, variables: { id: globalId(publishedId) } });
    const send = (signal?: AbortSignal) =>
      fetch(address, { method: "POST", signal, headers: { "content-type": "application/json", authorization: auditor }, body });
    try {
      let open: () => void = () => undefined;
      gate = new Promise(resolve => (open = resolve));
      const leaving = new AbortController();
      const first = send(leaving.signal).catch(() => null);
      while (reads === 0) await new Promise(resolve => setTimeout(resolve, 5));
      leaving.abort();
      await first;
      await new Promise(resolve => setTimeout(resolve, 50));
      open();
      await new Promise(resolve => setTimeout(resolve, 50));
      expect(computed).toEqual([]);
      const next = await Promise.race([send().then(response => response.text()), new Promise(resolve => setTimeout(() => resolve("no answer in 2 s"), 2_000))]);
      expect(next).toBe('{"data":{"n":1}}\n');
      expect(computed).toEqual(["computed"]);
    } finally {
      server.closeAllConnections();
      await new Promise(done => server.close(done));
    }
  });

  it("keeps a report's answer through changes of other agencies, not through its own agency's", async () => {
    const auditor = await bearer(team.AUDITOR);
    const elsewhere = await createValidDraft(services, outsider, 2020);
    const list = { query: "{ reports(first: 50) { totalCount nodes { id version } } }" };
    await read(draftId, auditor);
    await ask(kept, list, auditor);
    await other.reports.updateSection(outsider.DRAFTER, { reportId: elsewhere.id, sectionId: "sec.problems", body: "别处的修改。" });
    expect(await fromKept(read(draftId, auditor))).toBe(true);
    expect(await fromKept(ask(kept, list, auditor))).toBe(false);
    await other.users.create(CLI_ACTOR, { name: "kept-newcomer", agencyCode: "kept", roles: ["DRAFTER"] });
    const after = read(draftId, auditor);
    expect(await fromKept(after)).toBe(false);
    expect((await after).text).toBe((await read(draftId, auditor, plain)).text);
  });

  it("keeps an answer for the day it was computed on, in UTC and in Beijing (due dates turn there)", async () => {
    await read(publishedId);
    expect(await fromKept(read(publishedId))).toBe(true);
    const now = Date.now();
    const tomorrow = jest.spyOn(Date, "now").mockReturnValue(now + 86_400_000);
    try {
      expect(await fromKept(read(publishedId))).toBe(false);
      expect(await fromKept(read(publishedId))).toBe(true);
    } finally {
      tomorrow.mockRestore();
    }
  });
});

describe("which operations' answers may be kept", () => {
  const operations = new CacheableOperations(buildGongkaiSchema());

  it.each([
    ["a report read", '{ report(id: "x") { id title sections { id body } } }', undefined, true],
    ["a list page with a fragment", "query L { ...Page } fragment Page on Query { reports(first: 5) { nodes { id } } }", undefined, true],
    ["statistics and formats together", '{ formats { id } statistics(agencyId: "a", year: 2024) { year } }', undefined, true],
    ["the named one of two operations", "query A { formats { id } } query B { viewer { name } }", "A", true],
    ["the other, reading the viewer", "query A { formats { id } } query B { viewer { name } }", "B", false],
    ["two operations without a name", "query A { formats { id } } query B { formats { id } }", undefined, false],
    ["a mutation", 'mutation { reportSubmit(input: { reportId: "x", expectedVersion: 1 }) { userErrors { code } } }', undefined, false],
    ["a subscription", "subscription { reportChanged { report { id } } }", undefined, false],
    ["the inbox", "{ viewer { notifications(first: 5) { totalCount } } }", undefined, false],
    ["a report's signature check", '{ report(id: "x") { signature { valid } } }', undefined, false],
    ["the chain's verification", "{ auditVerify { ok } }", undefined, false],
    ["webhooks", "{ webhookEndpoints { url } }", undefined, false],
    ["introspection", "{ __schema { types { name } } }", undefined, false],
    ["an unknown directive", "{ formats @live { id } }", undefined, false],
    ["text that does not parse", "{ formats { id }", undefined, false],
  ])("%s", (_what, query, operationName, cacheable) => {
    expect(operations.judge(query, operationName) !== null).toBe(cacheable);
  });

  it.each([
    ["a report by a variable", "query R($id: ID!) { report(id: $id) { id agency { name } workflow { state } } }", [{ variable: "id" }]],
    [
      "two reports written in the query",
      '{ a: report(id: "x") { id } b: report(id: "y") { history { actor { name } } } }',
      [{ literal: "x" }, { literal: "y" }],
    ],
    ["a report with its agency's parent", '{ report(id: "x") { agency { parent { name } } } }', null],
    ["a list page", "{ reports(first: 5) { nodes { id } } }", null],
    ["a report and the formats", '{ report(id: "x") { id } formats { id } }', null],
    ["a report through a fragment", '{ ...R } fragment R on Query { report(id: "x") { id } }', null],
  ])("%s: kept while %s", (_what, query, byAgency) => {
    expect(operations.judge(query, undefined)).toEqual({ byAgency });
  });
});
