/**
 * The three narrative sections (一 总体情况, 五 存在的主要问题及改进情况,
 * 六 其他需要报告的事项) and the channel chart some reports append to 六.
 */
import { findHeadings, nextTopHeading } from "./headings";
import type { HeadingKind } from "./headings";
import { isNumberToken } from "./table-rows";

export interface SectionResult {
  sections: Record<string, string>;
  channelDistribution?: Array<{ label: string; count: number }>;
  warnings: string[];
}

/** Prose lines only: trimmed, without table remnants or Markdown heading marks. */
function prose(lines: readonly string[]): string {
  return lines
    .map(line => line.trim().replace(/^#+\s*/, ""))
    .filter(line => line !== "" && !line.startsWith("|"))
    .join("\n")
    .trim();
}

/**
 * A chart appended after 六: a "…分布" caption or a row of 3+ tab cells.
 * Returns the line where the non-prose part starts.
 */
function chartStart(lines: readonly string[], from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const cells = lines[i].split("\t").filter(cell => cell.trim() !== "");
    if (/数量分布|分布量/.test(lines[i]) || cells.length >= 3) {
      return i;
    }
  }
  return to;
}

/** Channel labels followed by their counts, e.g. "门户网站 南方+ … 59 830 …". */
function readChannels(lines: readonly string[]): Array<{ label: string; count: number }> | undefined {
  const tokens = lines
    .slice(1)
    .flatMap(line => line.split(/\t+/))
    .map(token => token.trim())
    .filter(Boolean);
  const counts = tokens.filter(isNumberToken).map(Number);
  let labels = tokens.filter(token => !isNumberToken(token));
  // A leading caption ("全年信息分布量") has no count of its own.
  labels = labels.slice(Math.max(0, labels.length - counts.length));
  if (counts.length === 0 || labels.length !== counts.length) {
    return undefined;
  }
  return labels.map((label, i) => ({ label, count: counts[i] }));
}

/**
 * Section 一 runs to the next of the six headings, so the sub-headings some
 * reports number like top headings (上海市科委 2024: 二、工作机制保障 …
 * 四、政府信息公开申请情况, all inside its 总体情况) stay in it with their figures.
 */
function overviewEnd(lines: readonly string[], headings: Partial<Record<HeadingKind, number>>): number {
  const start = headings.overview!;
  const later = Object.values(headings).filter((index): index is number => index !== undefined && index > start);
  return later.length ? Math.min(...later) : nextTopHeading(lines, start);
}

/**
 * `reviewEnd` is the last line of the review table: where 五 starts when its
 * heading was lost in conversion.
 */
export function readSections(lines: readonly string[], reviewEnd: number | undefined): SectionResult {
  const headings = findHeadings(lines);
  const warnings: string[] = [];
  const sections: Record<string, string> = {};
  if (headings.overview !== undefined) {
    sections["sec.overview"] = prose(lines.slice(headings.overview + 1, overviewEnd(lines, headings)));
  }
  const otherStart = headings.other ?? lines.length;
  if (headings.problems !== undefined) {
    sections["sec.problems"] = prose(lines.slice(headings.problems + 1, nextTopHeading(lines, headings.problems)));
  } else if (reviewEnd !== undefined && reviewEnd < otherStart) {
    sections["sec.problems"] = prose(lines.slice(reviewEnd + 1, otherStart));
    warnings.push("找不到标题“五、存在的主要问题及改进情况”，取行政复议表格之后的文字 (problems heading not found; text after the review table used)");
  }
  let channelDistribution: SectionResult["channelDistribution"];
  if (headings.other !== undefined) {
    const end = nextTopHeading(lines, headings.other);
    const chart = chartStart(lines, headings.other + 1, end);
    sections["sec.other"] = prose(lines.slice(headings.other + 1, chart));
    if (chart < end) {
      channelDistribution = readChannels(lines.slice(chart, end));
    }
  }
  for (const [id, title] of [
    ["sec.overview", "一、总体情况"],
    ["sec.problems", "五、存在的主要问题及改进情况"],
    ["sec.other", "六、其他需要报告的事项"],
  ]) {
    if (!sections[id]) {
      warnings.push(`找不到章节：${title} (section ${id} not found or empty)`);
      delete sections[id];
    }
  }
  return { sections, channelDistribution, warnings };
}
