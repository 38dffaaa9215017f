import fs from "node:fs";
import path from "node:path";
import { ReportEntity, ReportRevisionEntity } from "../../src/entities";
import { getFormat } from "../../src/formats";
import type { Format, SumRuleDef } from "../../src/formats";
import type { JsonExport } from "../../src/publication/exports";
import { CSV_COLUMNS } from "../../src/publication/exports";
import type { Services } from "../../src/services";
import { canonicalContent, contentHash } from "../../src/services/content-hash";
import { loadContents } from "../../src/services/report-store";
import type { ReportContent } from "../../src/services/report-store";
import { validateReport } from "../../src/validation";
import { SHARED, openTestServices } from "../support/test-services";
import { HAPPY_PATH, walk } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";
import { attr, findAll, importInto, pageCells, parseHtml, publishSeed, startPublicServer, textOf } from "./publication-fixture";

const SAMPLES = fs
  .readdirSync(path.join(SHARED, "samples"))
  .filter(name => name.endsWith(".txt"))
  .sort();

let services: Services;
let server: Awaited<ReturnType<typeof startPublicServer>>;

beforeAll(async () => {
  services = await openTestServices();
  server = await startPublicServer(services);
});

afterAll(async () => {
  await server.close();
  await services.db.close();
});

async function get(url: string) {
  const response = await fetch(server.base + url);
  const bytes = Buffer.from(await response.arrayBuffer());
  // Note: decoded by hand, because TextDecoder (response.text()) drops a byte-order mark.
  return { status: response.status, type: response.headers.get("content-type"), text: bytes.toString("utf8") };
}

/**
 * Fetches the page, the JSON and the CSV of a published report and proves they
 * show the same revision: every cell of the format on the page exactly once,
 * equal to the JSON (blank ↔ null), the CSV equal to the JSON, the chart's
 * numbers, the section texts, the revision and the content hash.
 */
async function expectPageEqualsJson(code: string, year: number): Promise<JsonExport> {
  const page = await get(`/reports/${code}/${year}`);
  const json = await get(`/reports/${code}/${year}.json`);
  const csv = await get(`/reports/${code}/${year}.csv`);
  expect([page.status, json.status, csv.status]).toEqual([200, 200, 200]);
  const data = JSON.parse(json.text) as JsonExport;
  const document = parseHtml(page.text);

  // Every data cell exactly once, and nothing else carries data-cell.
  const cellElements = findAll(document, element => attr(element, "data-cell") !== undefined);
  const onPage = pageCells(document);
  expect(cellElements).toHaveLength(Object.keys(data.cells).length);
  expect(Object.keys(onPage).sort()).toEqual(Object.keys(data.cells).sort());
  const expected = Object.fromEntries(Object.entries(data.cells).map(([key, value]) => [key, value ?? ""]));
  expect(onPage).toEqual(expected);

  // The same revision: hash and revision number on the page equal the JSON's.
  const article = findAll(document, element => element.tagName === "article")[0];
  expect(attr(article, "data-content-hash")).toBe(data.contentHash);
  expect(Number(attr(article, "data-revision"))).toBe(data.revision);
  expect(textOf(findAll(document, element => attr(element, "id") === "content-hash")[0])).toBe(data.contentHash);

  // The chart: one bar per channel, with the count as visible text.
  const bars = findAll(document, element => attr(element, "class") === "bar");
  expect(
    bars.map(bar => ({
      label: attr(bar, "data-channel"),
      count: Number(attr(bar, "data-count")),
      shown: textOf(findAll(bar, e => attr(e, "class") === "value")[0]),
    })),
  ).toEqual(data.channels.map(channel => ({ ...channel, shown: String(channel.count) })));

  // The narrative sections, line by line.
  for (const section of data.sections.filter(s => s.body !== null)) {
    const element = findAll(document, e => attr(e, "data-section") === section.id)[0];
    const shown = findAll(element, e => e.tagName === "p").map(p => textOf(p));
    expect(shown).toEqual(
      section
        .body!.split(/\r?\n/)
        .map(line => line.trim())
        .filter(Boolean),
    );
  }

  // The CSV: BOM, one line per cell, same values.
  expect(csv.text.startsWith("\uFEFF")).toBe(true);
  const lines = csv.text.slice(1).trimEnd().split("\r\n");
  expect(lines[0]).toBe(CSV_COLUMNS.join(","));
  const csvValues = Object.fromEntries(lines.slice(1).map(line => [line.split(",")[3], line.slice(line.lastIndexOf(",") + 1)]));
  expect(csvValues).toEqual(expected);
  return data;
}

/** The cells of a report's revision content, for comparing with what was imported. */
function cellsOf(content: ReportContent): Record<string, string | null> {
  return Object.fromEntries(content.format.cellKeys.map(key => [key, content.cells[key] ?? null]));
}

interface Repair {
  key: string;
  before: string | null;
  after: string;
  why: string;
}

/**
 * The least the workflow needs to publish a real report that does not pass
 * the rules as printed: a total that disagrees with its own parts is set to
 * their sum (洪泽区 2023 prints 总计 0 beside 10 + 1; 上海市科委 2024 lost one
 * 总计 in conversion), and then a blank or lost required cell is set to 0.
 */
function repairsFor(format: Format, imported: Record<string, string | null>): Repair[] {
  const cells = { ...imported };
  const repairs: Repair[] = [];
  for (let pass = 0; pass < 20; pass++) {
    // Note: empty sections (rules without cells) are filled apart, in publishThroughWorkflow.
    const errors = validateReport({ format, year: 0, cells, sections: {} }).filter(v => v.severity === "ERROR" && v.cells.length > 0);
    if (!errors.length) return repairs;
    const sum = errors
      .map(violation => format.def.rules.find(rule => rule.id === violation.ruleId))
      .find((rule): rule is SumRuleDef => !!rule && rule.type === undefined && rule.lhs.length === 1);
    if (sum) {
      const total = sum.rhs.reduce((acc, key) => acc + Number(cells[key] ?? 0), 0);
      repairs.push({ key: sum.lhs[0], before: cells[sum.lhs[0]], after: String(total), why: `${sum.id}: total set to the sum of its parts` });
      cells[sum.lhs[0]] = String(total);
      continue;
    }
    const blanks = errors.filter(v => v.ruleId === "required.cell").flatMap(v => v.cells.filter(cell => cell.value === null));
    if (!blanks.length) throw new Error(`cannot repair: ${errors.map(v => v.message).join("; ")}`);
    for (const cell of blanks) {
      repairs.push({ key: cell.key, before: null, after: "0", why: "required.cell: blank or lost cell set to 0" });
      cells[cell.key] = "0";
    }
  }
  throw new Error("repairs did not converge");
}

async function importedContent(reportId: number): Promise<{ report: ReportEntity; content: ReportContent }> {
  return services.db.read(async manager => {
    const report = await manager.findOneByOrFail(ReportEntity, { id: reportId });
    return { report, content: (await loadContents(manager, [report])).get(report.id)! };
  });
}

/** Publishes through the whole workflow, after the minimal repairs (listed in the test output) and any missing section. */
async function publishThroughWorkflow(team: Team, reportId: number) {
  const { content } = await importedContent(reportId);
  const repairs = repairsFor(content.format, cellsOf(content));
  if (repairs.length) {
    await services.reports.setCells(team.DRAFTER, { reportId, cells: repairs.map(({ key, after }) => ({ key, value: after })) });
  }
  for (const section of content.format.def.sections.filter(s => s.kind === "text" && !(content.sections[s.id] ?? "").trim())) {
    await services.reports.updateSection(team.DRAFTER, { reportId, sectionId: section.id, body: "（原报告未载此部分。）" });
  }
  await walk(services, team, reportId, HAPPY_PATH);
  return { imported: cellsOf(content), repairs };
}

/**
 * Records the draft's content, exactly as imported, as its published revision —
 * what the workflow would store at PUBLISH — without the workflow, which
 * rightly refuses content with rule errors. The report stays a draft with a
 * public revision, like a report under correction.
 */
async function publishAsImported(team: Team, reportId: number) {
  await services.db.transaction(async manager => {
    const report = await manager.findOneByOrFail(ReportEntity, { id: reportId });
    const content = (await loadContents(manager, [report])).get(report.id)!;
    await manager.insert(ReportRevisionEntity, {
      reportId,
      revision: 1,
      kind: "published",
      content: canonicalContent(report.title, content),
      contentHash: contentHash(report.title, content),
      createdBy: team.PUBLISHER.userId,
      correctionReason: null,
    });
    await manager.update(ReportEntity, { id: reportId }, { publishedAt: new Date() });
  });
}

describe("the page, the JSON and the CSV show the same published revision", () => {
  it("for the seed report (越秀区应急管理局 2020), published through the workflow", async () => {
    await publishSeed(services, "seed");
    const data = await expectPageEqualsJson("seed", 2020);
    expect(data.cells["active.art20_6/active.penalty/col.decisions"]).toBe("588");
    expect(data.cells["active.art20_9/active.procurement/col.procurement_amount"]).toBe("27.37");
    expect(data.channels).toEqual([
      { label: "越秀区政府门户网站", count: 59 },
      { label: "南方+", count: 830 },
      { label: "微博", count: 204 },
      { label: "市应急局信息网", count: 5 },
      { label: "市级以上媒体", count: 54 },
    ]);
  });

  describe.each(SAMPLES)("for the sample %s", name => {
    const text = () => fs.readFileSync(path.join(SHARED, "samples", name), "utf8");
    const expectedFile = () => JSON.parse(fs.readFileSync(path.join(SHARED, "samples", name.replace(/\.txt$/, ".expected.json")), "utf8"));
    const slug = name.replace(/\.txt$/, "").replace(/_/g, "-");

    it("published exactly as imported (blanks and lost cells stay blank)", async () => {
      const { team, reportId } = await importInto(services, `asis-${slug}`, text());
      const { content } = await importedContent(reportId);
      await publishAsImported(team, reportId);
      const data = await expectPageEqualsJson(`asis-${slug}`, content.year);
      expect(data.cells).toEqual(cellsOf(content));
      // The published numbers are the ones a careful human read from the document.
      for (const [key, value] of Object.entries(expectedFile().cells as Record<string, number | null>)) {
        expect([key, data.cells[key] === null ? null : Number(data.cells[key])]).toEqual([key, value]);
      }
    });

    it("published through the workflow after the least repairs the rules require", async () => {
      const { team, reportId } = await importInto(services, `wf-${slug}`, text());
      const { imported, repairs } = await publishThroughWorkflow(team, reportId);
      const year = (await importedContent(reportId)).report.year;
      const data = await expectPageEqualsJson(`wf-${slug}`, year);
      const repaired = Object.fromEntries(repairs.map(repair => [repair.key, repair.after]));
      expect(data.cells).toEqual({ ...imported, ...repaired });
      if (repairs.length) {
        process.stdout.write(`${name}: ${repairs.length} repairs: ${JSON.stringify(repairs.slice(0, 4))}${repairs.length > 4 ? " …" : ""}\n`);
      }
    });
  });
});

describe("format fidelity", () => {
  it("renders both formats' every table label exactly as in formats.json", async () => {
    for (const code of ["seed", `wf-${SAMPLES[0].replace(/\.txt$/, "").replace(/_/g, "-")}`]) {
      const json = JSON.parse((await get(`/reports/${code}/${code === "seed" ? 2020 : 2023}.json`)).text) as JsonExport;
      const page = parseHtml((await get(`/reports/${code}/${json.year}`)).text);
      const headers = new Set(findAll(page, e => e.tagName === "th").map(th => textOf(th).replace(/（万元）$/, "")));
      const format = getFormat(json.format);
      for (const table of format.def.tables) {
        for (const label of [...table.columns.map(c => c.label), ...table.rows.map(r => r.label)].filter((l): l is string => !!l)) {
          expect([table.id, label, headers.has(label)]).toEqual([table.id, label, true]);
        }
      }
    }
  });
});
