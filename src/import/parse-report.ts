/**
 * parseReport: reads the published text of a 政府信息公开工作年度报告 into
 * the cells of its national format, plus its narrative sections.
 *
 * Pure and synchronous. Throws ReportParseError when the text is empty, not
 * text, not a report, has no year, or lacks a whole table; individual cells
 * that cannot be found are left out of `cells` with a warning.
 */
import { formatForYear, getFormat } from "../formats";
import type { Format } from "../formats";
import { readActiveTables } from "./active-tables";
import { readApplyTable } from "./apply-table";
import type { ReadState } from "./cell-values";
import { detectTemplate } from "./detect-format";
import { findHeadings, nextTopHeading, splitRunTogetherHeadings } from "./headings";
import type { HeadingKind } from "./headings";
import { compactText, labelKey, looksBinary, toLines } from "./normalize";
import type { ParsedReport } from "./parsed-report.types";
import { ReportParseError } from "./parsed-report.types";
import { readReviewTable } from "./review-table";
import { readSections } from "./sections";
import { resolvePendingRows } from "./split-numbers";
import { readRows } from "./table-rows";
import { readTitle } from "./title";

export interface ParseOptions {
  /** Overrides the agency read from the title. */
  agency?: string;
  /** Overrides the year read from the title. */
  year?: number;
}

function checkText(text: string): void {
  if (typeof text !== "string" || text.trim() === "") {
    throw new ReportParseError("报告文本为空 (empty text: nothing to import)");
  }
  if (looksBinary(text)) {
    throw new ReportParseError("内容不是文本，可能是二进制文件 (binary content, not report text)");
  }
}

/** An unrelated text has none of the report's table titles. */
function checkIsReport(compact: string, headings: Partial<Record<HeadingKind, number>>): void {
  if (headings.apply === undefined && !compact.includes("第二十条") && !compact.includes("勾稽关系")) {
    throw new ReportParseError("找不到年度报告的表格：第二十条、收到和处理政府信息公开申请情况 (no report tables found: neither 第二十条 nor the apply table)");
  }
}

/** The template the text uses; a mismatch with the year's format is imported as printed, with a warning. */
function chooseFormat(year: number | null, compact: string, warnings: string[]): Format {
  const expected = year === null ? undefined : formatForYear(year);
  const detected = detectTemplate(compact);
  if (detected && expected && detected !== expected.id) {
    warnings.push(
      `${year} 年度报告应使用 ${expected.id} 格式，文本使用的是 ${detected} 模板，按实际模板导入 (report for ${year} uses the ${detected} template instead of ${expected.id}; imported as ${detected})`,
    );
  }
  const id = detected ?? expected?.id;
  if (!id) {
    throw new ReportParseError(`无法确定 ${year} 年度报告的格式 (no report format for year ${year})`);
  }
  return getFormat(id);
}

/** Line ranges of the three table parts, found by headings with fallbacks on table text. */
function tableBounds(lines: readonly string[], headings: Partial<Record<HeadingKind, number>>, format: Format) {
  const firstLine = (from: number, test: (key: string) => boolean) => {
    const index = lines.findIndex((line, i) => i >= from && test(labelKey(line)));
    return index < 0 ? undefined : index;
  };
  const applyStart = headings.apply ?? firstLine(0, key => key.includes("勾稽关系"));
  if (applyStart === undefined) {
    throw new ReportParseError(`找不到表格：${format.tables.get("apply")?.title} (table apply not found)`);
  }
  const reviewStart = headings.review ?? firstLine(applyStart + 1, key => key.includes("行政复议")) ?? lines.length;
  const activeStart = headings.active ?? firstLine(0, key => key.includes("第二十条")) ?? 0;
  return {
    active: { start: activeStart, end: Math.max(applyStart, activeStart) },
    apply: { start: applyStart, end: reviewStart },
    review: { start: reviewStart, end: nextTopHeading(lines, reviewStart) },
  };
}

export function parseReport(text: string, options: ParseOptions = {}): ParsedReport {
  checkText(text);
  const lines = splitRunTogetherHeadings(toLines(text));
  const compact = compactText(lines);
  const headings = findHeadings(lines);
  checkIsReport(compact, headings);
  const title = readTitle(lines);
  const warnings = [...title.warnings];
  const year = options.year ?? title.year ?? null;
  if (year === null) {
    if (!detectTemplate(compact)) {
      throw new ReportParseError("找不到报告年度：标题中没有“XXXX年” (report year not found in the title)");
    }
    // A blank template or a report whose title lost its year still has tables to read and check; importing it needs the year.
    warnings.push("找不到报告年度：标题和正文中都没有“XXXX年”，导入时须指定年度 (report year not found; give the year to import it)");
  }
  const agency = options.agency ?? title.agency ?? "";
  if (agency === "") {
    warnings.push("找不到机关名称 (agency not found in the title)");
  }
  const format = chooseFormat(year, compact, warnings);
  const rows = readRows(lines);
  const bounds = tableBounds(lines, headings, format);
  const state: ReadState = { cells: {}, warnings };
  readActiveTables(state, format, lines, rows, bounds.active);
  readApplyTable(state, format, lines, rows, bounds.apply);
  const reviewEnd = readReviewTable(state, format, rows, bounds.review);
  const uncertainCells = resolvePendingRows(state, format, state.pending ?? []);
  const sections = readSections(lines, reviewEnd);
  warnings.push(...sections.warnings);
  const extras: ParsedReport["extras"] = sections.channelDistribution ? { channelDistribution: sections.channelDistribution } : {};
  return { format: format.id, year, agency, cells: orderCells(format, state.cells), sections: sections.sections, warnings, extras, uncertainCells };
}

/** Cells in the format's order, so output is stable whatever order the text had. */
function orderCells(format: Format, cells: Record<string, string | null>): Record<string, string | null> {
  const ordered: Record<string, string | null> = {};
  for (const key of format.cellKeys) {
    if (key in cells) {
      ordered[key] = cells[key];
    }
  }
  return ordered;
}
