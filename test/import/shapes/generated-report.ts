/**
 * A random valid report (the demo generator's content) and its public page,
 * rendered by the same code that publishes reports (src/publication).
 */
import { generateContent } from "../../../src/demo/generate-content";
import { Rng } from "../../../src/demo/generate-rng";
import { getFormat } from "../../../src/formats";
import type { Format, FormatId } from "../../../src/formats";
import type { PublicReport } from "../../../src/publication/public-report.types";
import { renderReportPage } from "../../../src/publication/report-page";
import { inferAgencyKind } from "../../../src/workflow";

const CITIES = ["淮安市", "宿迁市", "南通市", "广州市", "杭州市", "成都市", "西宁市"];
const DISTRICTS = ["洪泽区", "沭阳县", "越秀区", "天元区", "大通县", ""];
const BODIES = ["人民政府", "人民政府办公室", "应急管理局", "发展和改革委员会", "司法局", "自然资源和规划局", "市场监督管理局"];

export interface GeneratedReport {
  format: Format;
  year: number;
  agency: string;
  cells: Record<string, string | null>;
  sections: Record<string, string>;
}

export function generateReport(seed: number, formatId: FormatId): GeneratedReport {
  const rng = new Rng(seed);
  const format = getFormat(formatId);
  const year = formatId === "gb2019" ? rng.pick([2019, 2020]) : rng.int(2021, 2025);
  const agency = rng.pick(CITIES) + rng.pick(DISTRICTS) + rng.pick(BODIES);
  const content = generateContent(format, year, { name: agency, scale: rng.pick([0.3, 1, 4, 30]) }, undefined, rng, null);
  return { format, year, agency, cells: content.cells, sections: content.sections };
}

/** The report's public page, as the platform publishes it. */
export function publicPage(report: GeneratedReport): string {
  const published = new Date(Date.UTC(report.year + 1, 0, 20));
  const revision = { revision: 1, contentHash: "0".repeat(64), correctionReason: null, publishedAt: published };
  const page: PublicReport = {
    agency: { code: "generated", name: report.agency, kind: inferAgencyKind(report.agency), level: null },
    year: report.year,
    firstPublishedAt: published,
    shown: revision,
    revisions: [revision],
    title: `${report.agency}${report.year}年政府信息公开工作年度报告`,
    content: { format: report.format, year: report.year, cells: report.cells, sections: report.sections },
  };
  return renderReportPage(page);
}
