import { ReportRevisionEntity } from "../../src/entities";
import type { JsonExport } from "../../src/publication/exports";
import { toGlobalId } from "../../src/schema/node-id";
import { ANONYMOUS } from "../../src/services";
import { openTestApi } from "../support/test-services";
import type { TestApi } from "../support/test-services";
import { HAPPY_PATH, createTeam, createValidDraft, walk } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";
import { attr, findAll, pageCells, parseHtml, publishSeed, startPublicServer, textOf } from "./publication-fixture";

const PENALTY = "active.art20_6/active.penalty/col.decisions";

let api: TestApi;
let server: Awaited<ReturnType<typeof startPublicServer>>;
let seed: { team: Team; reportId: number };

beforeAll(async () => {
  api = await openTestApi();
  await createTeam(api.services, "district");
  const published = await publishSeed(api.services, "seed-office", "district");
  seed = { team: published.team, reportId: published.report.id };
  server = await startPublicServer(api.services);
});

afterAll(async () => {
  await server.close();
  await api.close();
});

async function get(url: string) {
  const response = await fetch(server.base + url);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe("what is never served", () => {
  it("answers a draft, an unknown agency, a year without a report and an unpublished revision alike: 404", async () => {
    const team = await createTeam(api.services, "drafting-office");
    const draft = await createValidDraft(api.services, team, 2020);
    await walk(api.services, team, draft.id, HAPPY_PATH.slice(0, 3)); // approved, not published: a revision exists, but no published one
    const answers = await Promise.all(
      [
        "/reports/drafting-office/2020",
        "/reports/drafting-office/2020.json",
        "/reports/drafting-office/2020.csv",
        "/reports/drafting-office/2020/revisions/1",
        "/reports/no-such-office/2020",
        "/reports/seed-office/2019",
        "/reports/seed-office/2020/revisions/2",
        "/reports/seed-office/twenty",
      ].map(async url => [url, (await get(url)).status]),
    );
    expect(answers.filter(([, status]) => status !== 404)).toEqual([]);
    const [draftPage, unknownPage] = await Promise.all([get("/reports/drafting-office/2020"), get("/reports/no-such-office/2020")]);
    expect(draftPage.text).toBe(unknownPage.text);
    const listing = await get("/reports");
    expect(listing.text).not.toContain("drafting-office");
  });

  it("escapes section text, so it cannot inject markup", async () => {
    const team = await createTeam(api.services, "injection-office");
    const draft = await createValidDraft(api.services, team);
    const evil = `<script>alert(1)</script>"><img src=x onerror=alert(2)>&amp; 'quoted'`;
    await api.services.reports.updateSection(team.DRAFTER, { reportId: draft.id, sectionId: "sec.other", body: evil });
    await api.services.reports.setChannels(team.DRAFTER, { reportId: draft.id, channels: [{ label: `<b onclick="x">网站</b>`, count: 3 }] });
    await walk(api.services, team, draft.id, HAPPY_PATH);
    const page = await get("/reports/injection-office/2020");
    expect(page.text).not.toMatch(/<script|<img|<b /);
    const document = parseHtml(page.text);
    const other = findAll(document, e => attr(e, "data-section") === "sec.other")[0];
    expect(findAll(other, e => e.tagName === "p").map(textOf)).toEqual([evil]);
    expect(findAll(document, e => e.tagName === "text" && attr(e, "class") === "label").map(textOf)).toEqual([`<b onclick="x">网站</b>`]);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
  });
});

describe("a corrected report", () => {
  it("keeps serving the published revision while the correction is a draft, then shows the correction notice linking to the revision it replaces", async () => {
    const { team, reportId } = seed;
    const before = await get("/reports/seed-office/2020.json");
    const first = JSON.parse(before.text) as JsonExport;
    await walk(api.services, team, reportId, [["CORRECT", "DRAFTER"]], "行政处罚决定数量填报有误");
    const draft = (await api.services.reports.findById(reportId))!;
    await api.services.reports.setCells(team.DRAFTER, { reportId, cells: [{ key: PENALTY, value: "589" }], expectedVersion: draft.version });

    // During the correction the public still sees revision 1, from the revision, not the live tables.
    const during = parseHtml((await get("/reports/seed-office/2020")).text);
    expect(pageCells(during)[PENALTY]).toBe("588");
    expect(JSON.parse((await get("/reports/seed-office/2020.json")).text)).toEqual(first);

    await walk(api.services, team, reportId, HAPPY_PATH);
    const after = await get("/reports/seed-office/2020");
    const document = parseHtml(after.text);
    expect(pageCells(document)[PENALTY]).toBe("589");
    const notice = findAll(document, e => attr(e, "id") === "correction")[0];
    expect(textOf(notice)).toContain("更正原因：行政处罚决定数量填报有误");
    expect(textOf(notice)).toMatch(/本报告于\d{4}年\d{1,2}月\d{1,2}日更正发布（第 2 版）/);
    expect(findAll(notice, e => e.tagName === "a").map(a => attr(a, "href"))).toEqual(["/reports/seed-office/2020/revisions/1"]);

    const json = JSON.parse((await get("/reports/seed-office/2020.json")).text) as JsonExport;
    expect(json).toMatchObject({ revision: 2, correction: { reason: "行政处罚决定数量填报有误", replacesRevision: 1 }, publishedAt: first.publishedAt });
    const stored = await api.services.db.read(m => m.findBy(ReportRevisionEntity, { reportId, kind: "published" }));
    expect(json.contentHash).toBe(stored.find(r => r.revision === 2)!.contentHash);

    // Revision 1 stays at its stable URL, marked as replaced.
    const old = parseHtml((await get("/reports/seed-office/2020/revisions/1")).text);
    expect(pageCells(old)[PENALTY]).toBe("588");
    expect(textOf(findAll(old, e => attr(e, "id") === "superseded")[0])).toContain("现行版本见 第 2 版");
    const oldJson = JSON.parse((await get("/reports/seed-office/2020/revisions/1.json")).text) as JsonExport;
    expect(oldJson).toMatchObject({ revision: 1, contentHash: first.contentHash, latestRevision: 2 });
    expect(oldJson.cells[PENALTY]).toBe("588");
  });
});

describe("the index", () => {
  it("lists published reports by agency (with its sub-agencies) and year, with the date and the deadline", async () => {
    const all = parseHtml((await get("/reports")).text);
    const rows = findAll(all, e => e.tagName === "tr" && attr(e, "data-agency") !== undefined);
    expect(rows.map(row => attr(row, "data-agency"))).toContain("seed-office");
    const district = parseHtml((await get("/reports?agency=district")).text);
    expect(findAll(district, e => e.tagName === "tr" && attr(e, "data-agency") !== undefined).map(row => attr(row, "data-agency"))).toEqual(["seed-office"]);
    const seedRow = findAll(district, e => attr(e, "data-agency") === "seed-office")[0];
    // Published now, long after 31 January 2021: late.
    expect(findAll(seedRow, e => attr(e, "data-on-time") !== undefined).map(e => [attr(e, "data-on-time"), textOf(e)])).toEqual([["false", "逾期"]]);
    const otherYear = parseHtml((await get("/reports?agency=district&year=2021")).text);
    expect(findAll(otherYear, e => attr(e, "data-agency") !== undefined)).toHaveLength(0);
    expect((await get("/reports?year=20x1")).status).toBe(400);
    expect((await get("/reports?agency=unknown")).status).toBe(200);
  });
});

describe("report.channels over GraphQL", () => {
  it("shows the public the published revision's chart while a correction changes it", async () => {
    const query = `query($id: ID!) { report(id: $id) { channels { label count } } }`;
    const id = toGlobalId("Report", seed.reportId);
    const published = (await api.run(query, { id }, ANONYMOUS)).data.report.channels;
    expect(published).toHaveLength(5);
    const { team, reportId } = seed;
    await walk(api.services, team, reportId, [["CORRECT", "DRAFTER"]], "图表更新");
    const version = (await api.services.reports.findById(reportId))!.version;
    const result = await api.run(
      `mutation($input: ReportChannelsSetInput!) { reportChannelsSet(input: $input) { report { version channels { label count } } userErrors { code field message } } }`,
      { input: { reportId: id, expectedVersion: version, channels: [{ label: "门户网站", count: 1 }] } },
      team.DRAFTER,
    );
    expect(result.data.reportChannelsSet).toEqual({ report: { version: version + 1, channels: [{ label: "门户网站", count: 1 }] }, userErrors: [] });
    expect((await api.run(query, { id }, ANONYMOUS)).data.report.channels).toEqual(published);
    expect((await api.run(query, { id }, team.DRAFTER)).data.report.channels).toEqual([{ label: "门户网站", count: 1 }]);
  });
});
