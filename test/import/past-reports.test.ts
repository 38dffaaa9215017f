/**
 * Past reports as what they were (issue 12): importing a report that was already published records it as
 * published on its original date with its source (RECORD_PUBLISHED, by a PUBLISHER or ADMIN of the agency), so
 * deadlines and 逾期 are judged by that date; refused, it writes nothing. Judged from outside: anonymous readers,
 * the public index, the audit trail.
 */
import fs from "node:fs";
import { AuditEventEntity, ReportEntity, ReportRevisionEntity } from "../../src/entities";
import { ANONYMOUS } from "../../src/services";
import type { Actor } from "../../src/services";
import { attr, findAll, parseHtml, startPublicServer, textOf } from "../publication/publication-fixture";
import { openTestApi, SEED_TEXT } from "../support/test-services";
import type { TestApi } from "../support/test-services";
import { createTeam } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";

const TEXT = fs.readFileSync(SEED_TEXT, "utf8");
const URL_2020 = "https://www.yuexiu.gov.cn/zwgk/zfxxgknb/2020.html";
const IMPORT = `mutation($input: ReportImportInput!) {
  reportImport(input: $input) { report { id state } agency { code } agencyCreated userErrors { code message field } }
}`;
const READ = `query($id: ID!) {
  report(id: $id) {
    state createdAt
    workflow { state overdue publishedLate publishedRevision }
    revisions { kind publishedAt source { url fileName sha256 } }
    workflowHistory { action role }
  }
}`;

describe("importing a report that was already published", () => {
  let api: TestApi;
  let team: Team;
  beforeEach(async () => {
    api = await openTestApi();
    team = await createTeam(api.services, "past");
  });
  afterEach(() => api.close());

  const counts = () =>
    api.services.db.read(async m => ({
      reports: await m.count(ReportEntity),
      audit: await m.count(AuditEventEntity),
      revisions: await m.count(ReportRevisionEntity),
    }));
  const importAs = (actor: Actor, extra: Record<string, unknown>) => api.run(IMPORT, { input: { text: TEXT, ...extra } }, actor);

  it("records it as published on its original date, with its source; anonymous readers see that date and no 逾期", async () => {
    const { data } = await importAs(team.PUBLISHER, { publishedAt: "2021-01-20", sourceUrl: URL_2020 });
    expect(data.reportImport.userErrors).toEqual([]);
    expect(data.reportImport.report.state).toBe("PUBLISHED");
    const id = data.reportImport.report.id;

    const outside = (await api.run(READ, { id }, ANONYMOUS)).data.report;
    expect(outside.state).toBe("PUBLISHED");
    expect(outside.createdAt).toBe("2021-01-19T16:00:00.000Z"); // 2021-01-20 00:00 Beijing: the first publication
    expect(outside.workflow).toEqual({ state: "PUBLISHED", overdue: false, publishedLate: false, publishedRevision: 1 });
    expect(outside.revisions).toEqual([
      {
        kind: "PUBLISHED",
        publishedAt: "2021-01-19T16:00:00.000Z",
        source: { url: URL_2020, fileName: null, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      },
    ]);
    expect(outside.workflowHistory).toEqual([]);
    const inside = (await api.run(READ, { id }, team.AUDITOR)).data.report;
    expect(inside.workflowHistory).toEqual([{ action: "RECORD_PUBLISHED", role: "PUBLISHER" }]);

    const server = await startPublicServer(api.services);
    try {
      const index = parseHtml(await (await fetch(`${server.base}/reports?agency=past`)).text());
      const row = findAll(index, e => attr(e, "data-agency") === "past")[0];
      expect(findAll(row, e => attr(e, "data-on-time") !== undefined).map(e => [attr(e, "data-on-time"), textOf(e)])).toEqual([["true", "按期"]]);
      expect(textOf(row)).toContain("2021年1月20日");
    } finally {
      await server.close();
    }
  });

  it("appends the import and the recorded publication to the audit trail, naming date and source", async () => {
    const { data } = await importAs(team.PUBLISHER, { publishedAt: "2021-01-20T10:30:00+08:00", sourceUrl: URL_2020 });
    const reportId = Number(Buffer.from(data.reportImport.report.id, "base64").toString().split(":")[1]);
    const records = await api.services.db.read(m => m.find(AuditEventEntity, { where: { reportId }, order: { seq: "ASC" } }));
    expect(records.map(r => r.action)).toEqual(["report.import", "report.workflow.record_published"]);
    const diff = JSON.parse(records[1].diff) as Record<string, unknown>;
    expect(diff).toMatchObject({ state: { before: "draft", after: "published" }, publication: { at: "2021-01-20T02:30:00.000Z", source: { url: URL_2020 } } });
    expect(records[1].actorName).toBe("past-publisher");
  });

  it("shows a past report published after its deadline as 逾期 by its own date, never by the import's", async () => {
    const { data } = await importAs(team.ADMIN, { publishedAt: "2021-03-15", sourceUrl: URL_2020 });
    expect(data.reportImport.userErrors).toEqual([]);
    const outside = (await api.run(READ, { id: data.reportImport.report.id }, ANONYMOUS)).data.report;
    expect(outside.workflow).toMatchObject({ overdue: false, publishedLate: true });
  });

  it.each([
    ["a DRAFTER (not PUBLISHER or ADMIN)", "DRAFTER", { publishedAt: "2021-01-20", sourceUrl: URL_2020 }, "FORBIDDEN"],
    ["a SECRECY_REVIEWER", "SECRECY_REVIEWER", { publishedAt: "2021-01-20", sourceUrl: URL_2020 }, "FORBIDDEN"],
    ["a date in the future", "PUBLISHER", { publishedAt: "2999-01-01", sourceUrl: URL_2020 }, "INVALID_INPUT"],
    ["a date before the year ended", "PUBLISHER", { publishedAt: "2020-12-31", sourceUrl: URL_2020 }, "INVALID_INPUT"],
    ["no date but a date-like text", "PUBLISHER", { publishedAt: "2021-02-30", sourceUrl: URL_2020 }, "INVALID_INPUT"],
    ["a text without its URL", "PUBLISHER", { publishedAt: "2021-01-20" }, "INVALID_INPUT"],
    ["a URL that is not http(s)", "PUBLISHER", { publishedAt: "2021-01-20", sourceUrl: "javascript:alert(1)" }, "INVALID_INPUT"],
  ] as const)("refuses %s and writes nothing", async (_name, role, extra, code) => {
    const before = await counts();
    const { data, errors } = await importAs(team[role], extra);
    expect(errors).toBeUndefined();
    expect(data.reportImport.report).toBeNull();
    expect(data.reportImport.userErrors[0].code).toBe(code);
    expect(data.reportImport.userErrors[0].message).toMatch(/\S{10}/);
    expect(await counts()).toEqual(before);
  });

  it("is refused for another agency's PUBLISHER and for anonymous callers", async () => {
    const other = await createTeam(api.services, "other");
    const before = await counts();
    const { data } = await importAs(other.PUBLISHER, { agencyCode: "past", publishedAt: "2021-01-20", sourceUrl: URL_2020 });
    expect(data.reportImport.userErrors[0].code).toMatch(/FORBIDDEN|NOT_FOUND/);
    const anonymous = await importAs(ANONYMOUS, { publishedAt: "2021-01-20", sourceUrl: URL_2020 });
    expect(anonymous.errors?.[0].extensions.code).toBe("UNAUTHENTICATED");
    expect(await counts()).toEqual(before);
  });

  it("records a draft imported earlier as published (reportRecordPublished): the PUBLISHER may, the DRAFTER may not", async () => {
    const imported = (await importAs(team.DRAFTER, {})).data.reportImport.report;
    expect(imported.state).toBe("DRAFT");
    const RECORD = `mutation($input: ReportRecordPublishedInput!) { reportRecordPublished(input: $input) { report { state } userErrors { code message } } }`;
    const version = (await api.services.db.read(m => m.findOneByOrFail(ReportEntity, { year: 2020 }))).version;
    const input = { reportId: imported.id, expectedVersion: version, publishedAt: "2021-01-28", sourceUrl: URL_2020 };
    const refused = (await api.run(RECORD, { input }, team.DRAFTER)).data.reportRecordPublished;
    expect(refused.userErrors.map((e: { code: string }) => e.code)).toEqual(["FORBIDDEN"]);
    expect(refused.userErrors[0].message).toContain("登记已发布");
    const outsider = await createTeam(api.services, "outsider");
    expect((await api.run(RECORD, { input }, outsider.PUBLISHER)).data.reportRecordPublished.userErrors[0].code).toBe("NOT_FOUND");
    const done = (await api.run(RECORD, { input }, team.PUBLISHER)).data.reportRecordPublished;
    expect(done).toEqual({ report: { state: "PUBLISHED" }, userErrors: [] });
    const again = (await api.run(RECORD, { input: { ...input, expectedVersion: version + 1 } }, team.PUBLISHER)).data.reportRecordPublished;
    expect(again.userErrors[0].code).toBe("STEP_NOT_ALLOWED");
  });
});
