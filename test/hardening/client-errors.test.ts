import type { TokenConfig } from "../../src/auth/token-config";
import { issueToken } from "../../src/auth/tokens";
import { ReportSectionEntity } from "../../src/entities";
import { toGlobalId } from "../../src/schema/node-id";
import { startServer } from "../../src/server/server";
import type { RunningServer } from "../../src/server/server";
import { CLI_ACTOR } from "../../src/services";
import type { Services } from "../../src/services";
import { openTestServices, testEngine } from "../support/test-services";
import { createTeam } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";

const TOKENS: TokenConfig = { kind: "hs256", secret: new TextEncoder().encode("client-errors-secret-of-32-characters") };

/** Issue 9, point 4: bad input gets a 4xx with a code and a message a client can act on — never a 500. */
describe(`errors a client can act on (${testEngine})`, () => {
  let services: Services;
  let server: RunningServer;
  let team: Team;
  let drafter: string;
  let reportId: string;

  beforeAll(async () => {
    services = await openTestServices();
    server = await startServer(services, { port: 0, host: "127.0.0.1", tokens: TOKENS });
    team = await createTeam(services, "errs");
    const report = await services.reports.create(team.DRAFTER, { agencyId: team.DRAFTER.agencyId, year: 2020 });
    reportId = toGlobalId("Report", report.id);
    drafter = await issueToken(TOKENS, { sub: String(team.DRAFTER.userId), name: "errs-drafter", agency: "errs", roles: ["DRAFTER"] });
    await services.users.create(CLI_ACTOR, { name: "errs-boss", agencyCode: "errs", roles: ["AUDITOR"] });
  });

  afterAll(async () => {
    await server.close();
    await services.db.close();
  });

  async function post(body: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
    return { status: response.status, json: (await response.json()) as any };
  }

  it.each(["application/json", "application/graphql-response+json"])("a parse error is 400 GRAPHQL_PARSE_FAILED (accept %s)", async accept => {
    const { status, json } = await post({ query: "{" }, { accept });
    expect(status).toBe(400);
    expect(json.errors[0].extensions.code).toBe("GRAPHQL_PARSE_FAILED");
  });

  it("a persisted query whose hash does not match its text is 400 BAD_REQUEST saying so, not an internal error", async () => {
    const { status, json } = await post({ query: "{ formats { id } }", extensions: { persistedQuery: { version: 1, sha256Hash: "0" } } });
    expect(status).toBe(400);
    expect(json.errors[0].extensions).toEqual({ code: "BAD_REQUEST" });
    expect(json.errors[0].message).toMatch(/sha256Hash/);
  });

  it.each([
    ["Aliases", `{ ${"a: formats { id } ".repeat(20)} }`, /Aliases limit of 15 exceeded, found 20/],
    ["Directives", `{ formats { id ${"@include(if: true) ".repeat(60)} } }`, /Directives limit of 50 exceeded, found 60/],
    [
      "Query depth",
      `{ formats { tables { rows { children { children { children { children { children { children { children { id } } } } } } } } } } }`,
      /depth limit of 10 exceeded/,
    ],
    ["Tokens", `{ formats { ${"id ".repeat(6000)} } }`, /more than 5000 tokens/],
  ])("a query over the %s limit is 400 with a message naming the limit", async (limit, query, message) => {
    for (const accept of ["application/json", "application/graphql-response+json"]) {
      const { status, json } = await post({ query }, { accept });
      expect(status).toBe(400);
      expect(json.errors[0].message).toMatch(message);
      expect(json.errors[0].extensions).toMatchObject({ limit });
      expect(json.errors[0].extensions.code).toMatch(/^GRAPHQL_(PARSE|VALIDATION)_FAILED$/);
    }
  });

  it.each([
    ["NUL", "正文\u0000尾"],
    ["a bell", "正文\u0007"],
    ["DEL", "正文\u007f"],
    ["a C1 control", "正文\u0085"],
    ["a lone high surrogate", "正文\ud800尾"],
    ["a lone low surrogate", "\udc00正文"],
  ])("text with %s is INVALID_VALUE (400), and nothing is stored", async (_case, body) => {
    const mutation = `mutation($input: ReportSectionUpdateInput!) { reportSectionUpdate(input: $input) { changed } }`;
    const { status, json } = await post(
      { query: mutation, variables: { input: { reportId, sectionId: "sec.other", body } } },
      { authorization: `Bearer ${drafter}` },
    );
    expect(status).toBe(400);
    expect(json.errors[0].extensions).toMatchObject({ code: "INVALID_VALUE", field: ["variables", "input", "body"] });
    expect(await services.db.read(m => m.count(ReportSectionEntity))).toBe(0);
  });

  it("accepts tabs, line breaks and paired surrogates (𠀀) in text", async () => {
    const mutation = `mutation($input: ReportSectionUpdateInput!) { reportSectionUpdate(input: $input) { changed userErrors { code } } }`;
    const body = "第一行\t表格\r\n第二行 𠀀\n";
    const { status, json } = await post(
      { query: mutation, variables: { input: { reportId, sectionId: "sec.other", body } } },
      { authorization: `Bearer ${drafter}` },
    );
    expect(status).toBe(200);
    expect(json.data.reportSectionUpdate).toEqual({ changed: true, userErrors: [] });
  });

  it("a NUL in a query literal or a lookup argument is INVALID_VALUE, not a database error", async () => {
    const literal = await post({ query: `{ agency(code: "a\\u0000b") { name } }` });
    expect(literal.status).toBe(400);
    expect(literal.json.errors[0].extensions.code).toBe("INVALID_VALUE");
    const variable = await post({ query: `query($code: String!) { agency(code: $code) { name } }`, variables: { code: "\u0000" } });
    expect(variable.status).toBe(400);
    expect(variable.json.errors[0].extensions.code).toBe("INVALID_VALUE");
  });

  it("public pages answer 404 or 400 for an impossible agency code, never 500", async () => {
    const base = server.url.replace("/graphql", "");
    expect((await fetch(`${base}/reports/%00/2020`)).status).toBe(404);
    expect((await fetch(`${base}/reports/%00/2020.json`)).status).toBe(404);
    expect((await fetch(`${base}/reports/a%01b/2020/revisions/1`)).status).toBe(404);
    expect((await fetch(`${base}/reports?agency=%00`)).status).toBe(400);
    expect((await fetch(`${base}/reports?agency=%ED%A0%80`)).status).toBe(400);
    expect((await fetch(`${base}/reports/%ED%A0%80/2020`)).status).toBeLessThan(500);
  });

  it("statistics for a year no report can have is INVALID_INPUT", async () => {
    const auditor = await services.users.findByName("errs-boss");
    const token = await issueToken(TOKENS, { sub: String(auditor!.id), name: "errs-boss", agency: "errs", roles: ["AUDITOR"] });
    for (const year of [9999, 1999, -1]) {
      const { json } = await post(
        {
          query: `query($year: Int!, $agency: ID!) { statistics(year: $year, agencyId: $agency) { year } }`,
          variables: { year, agency: toGlobalId("Agency", team.DRAFTER.agencyId) },
        },
        { authorization: `Bearer ${token}` },
      );
      expect([year, json.errors[0].extensions.code]).toEqual([year, "INVALID_INPUT"]);
    }
  });
});
