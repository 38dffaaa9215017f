import { generateDemoData } from "../../src/demo/generate";
import type { GenerateSummary } from "../../src/demo/generate";
import { AgencyEntity } from "../../src/entities";
import { toGlobalId } from "../../src/schema/node-id";
import { shanghaiDate } from "../../src/workflow";
import { openTestApi } from "../support/test-services";
import type { TestApi } from "../support/test-services";

// In February 2023: the 2022 reports a government published are clamped to this side of now (in February, before
// its 31 March deadline); seed 2 also gives a department's 2021 report published late in February 2022.
const NOW = new Date("2023-02-20T08:00:00Z");
const YEARS = [2021, 2022];

interface PublishedReport {
  id: string;
  year: number;
  agency: { kind: "GOVERNMENT" | "DEPARTMENT" };
  workflow: { dueDate: string; publishedLate: boolean };
  workflowHistory: Array<{ action: string; at: string }>;
}

const STATISTICS = `query($year: Int!, $agency: ID!) { statistics(year: $year, agencyId: $agency) { publishedLate { id } } }`;
const REPORT = `query($id: ID!) { report(id: $id) { id year agency { kind } workflow { dueDate publishedLate } workflowHistory { action at } } }`;

describe("demo-data generator: lateness by each agency's own 第四十九条 deadline", () => {
  let api: TestApi;
  let summary: GenerateSummary;
  /** Report ids the statistics list as published late, over the generated years. */
  const listedLate = new Set<string>();
  const published: PublishedReport[] = [];

  beforeAll(async () => {
    api = await openTestApi();
    summary = await generateDemoData(api.services, { agencies: 40, fromYear: 2021, toYear: 2022, brokenShare: 0, seed: 2, now: NOW });
    const top = await api.services.db.read(m => m.findOneByOrFail(AgencyEntity, { code: summary.topAgencyCode }));
    for (const year of YEARS) {
      const { data, errors } = await api.run(STATISTICS, { year, agency: toGlobalId("Agency", top.id) });
      expect(errors).toBeUndefined();
      for (const report of data.statistics.publishedLate) listedLate.add(report.id);
    }
    for (const report of summary.reports.filter(r => r.state === "published")) {
      const { data, errors } = await api.run(REPORT, { id: toGlobalId("Report", report.id) });
      expect(errors).toBeUndefined();
      published.push(data.report);
    }
  }, 120_000);

  afterAll(() => api.close());

  /** The Beijing date of the report's first publication, as its workflow history shows it. */
  const firstPublished = (report: PublishedReport) => shanghaiDate(report.workflowHistory.find(step => step.action === "PUBLISH")!.at);
  const inFebruary = (report: PublishedReport) => firstPublished(report) >= `${report.year + 1}-02-01` && firstPublished(report) <= `${report.year + 1}-02-29`;

  it("reports as published late exactly as many reports as the statistics list", () => {
    expect(listedLate.size).toBeGreaterThan(0);
    expect(summary.publishedLate).toBe(listedLate.size);
  });

  it("does not call a government's report published in February late: its deadline is 31 March", () => {
    const february = published.filter(report => report.agency.kind === "GOVERNMENT" && inFebruary(report));
    expect(february.length).toBeGreaterThan(0);
    for (const report of february) {
      expect(report.workflow).toEqual({ dueDate: `${report.year + 1}-03-31`, publishedLate: false });
      expect(listedLate.has(report.id)).toBe(false);
    }
  });

  it("calls a department's report published in February late: its deadline is 31 January", () => {
    const february = published.filter(report => report.agency.kind === "DEPARTMENT" && inFebruary(report));
    expect(february.length).toBeGreaterThan(0);
    for (const report of february) {
      expect(report.workflow).toEqual({ dueDate: `${report.year + 1}-01-31`, publishedLate: true });
      expect(listedLate.has(report.id)).toBe(true);
    }
  });
});
