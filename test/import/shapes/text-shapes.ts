/**
 * The text shapes a report reaches the importer in, made from its public
 * page, and the perturbations real copies show. Each shape is a function of
 * the page's browser text (rows on lines, cells split by TAB) and a seeded
 * random source, so a failing case can be replayed from its seed.
 */
import type { Rng } from "../../../src/demo/generate-rng";
import { htmlToText } from "../../../src/import/html-text";
import type { GeneratedReport } from "./generated-report";

export type Perturb = (lines: string[], rng: Rng, report: GeneratedReport) => string[];

const NOISE_TOP = ["首页 > 政务公开 > 政府信息公开年报", "【字体：大 中 小】 打印本页", "来源：本网    发布时间：2024-01-20"];
const NOISE_BOTTOM = ["扫一扫在手机打开当前页", "关闭窗口", "主办单位：人民政府办公室  网站标识码"];

function isNumber(cell: string): boolean {
  return /^[-+]?[\d０-９]+(?:[.．][\d０-９]+)?$/.test(cell.trim());
}

/** The browser's copy of the page (innerText): one line per table row, TAB between cells. */
export function browserText(html: string): string[] {
  return htmlToText(html).split("\n");
}

/** One cell per line: every field of a table row on its own line, empty fields dropped. */
export function cellPerLine(lines: string[]): string[] {
  return lines.flatMap(line => (line.includes("\t") ? line.split("\t").filter(cell => cell.trim() !== "") : [line]));
}

/** Markdown-like pipe rows. */
export function pipeTable(lines: string[]): string[] {
  return lines.map(line => (line.includes("\t") ? `| ${line.split("\t").join(" | ")} |` : line));
}

/** Label variants the formats list: 规范性文件, 1、 numbering, the 历史累计 note, half-width brackets. */
export const labelVariants: Perturb = (lines, rng) =>
  lines.map(line => {
    let out = line;
    if (rng.chance(0.5)) out = out.replace(/行政规范性文件/g, "规范性文件");
    if (rng.chance(0.5)) out = out.replace(/(^|\t)(\d)\.(?=\D)/g, "$1$2、");
    if (rng.chance(0.5)) out = out.replace(/现行有效件数/g, "现行有效件数（历史累计）");
    if (rng.chance(0.3)) out = out.replace(/（/g, "(").replace(/）/g, ")");
    return out;
  });

/** Letter-spaced short labels and spaces around cells. */
export const spacing: Perturb = (lines, rng) =>
  lines.map(line =>
    line
      .split("\t")
      .map(cell => (cell.length <= 4 && !isNumber(cell) && rng.chance(0.5) ? cell.split("").join(" ") : rng.chance(0.2) ? ` ${cell} ` : cell))
      .join("\t"),
  );

/** Some digits printed full width (０-９). */
export const fullWidth: Perturb = (lines, rng) =>
  lines.map(line => (rng.chance(0.3) ? line.replace(/\d/g, d => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) : line));

/** Site navigation above and below, page numbers ("- 3 -", "第 2 页") between any two lines. */
export const noise: Perturb = (lines, rng) => {
  const out = [...NOISE_TOP.filter(() => rng.chance(0.7))];
  let page = 1;
  for (const line of lines) {
    out.push(line);
    if (rng.chance(0.04)) out.push(rng.chance(0.5) ? `- ${++page} -` : `第 ${++page} 页`);
  }
  return [...out, ...NOISE_BOTTOM.filter(() => rng.chance(0.7))];
};

/** The title split over lines, or repeated above itself, or without its year (the body gives it). */
export const titleShape: Perturb = (lines, rng, report) => {
  const title = `${report.agency}${report.year}年政府信息公开工作年度报告`;
  const at = lines.findIndex(line => line.trim() === title);
  if (at < 0) return lines;
  const choice = rng.int(0, 2);
  const replacement =
    choice === 0
      ? [report.agency, `${report.year}年`, "政府信息公开工作年度报告"]
      : choice === 1
        ? [title, "", title]
        : [`${report.agency}政府信息公开工作年度报告`, `本报告统计期限自${report.year}年1月1日起至${report.year}年12月31日止。`];
  return [...lines.slice(0, at), ...replacement, ...lines.slice(at + 1)];
};

/** A section heading run together with what follows it on one line. */
export const runTogether: Perturb = (lines, rng) => {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const next = lines[i + 1];
    if (/^[二五六]、/.test(lines[i]) && next !== undefined && next.trim() === "" && lines[i + 2] && !lines[i + 2].includes("\t") && rng.chance(0.5)) {
      out.push(lines[i] + lines[i + 2]);
      i += 2;
    } else {
      out.push(lines[i]);
    }
  }
  return out;
};

/** In one-cell-per-line text, a number of two or more digits broken over two lines ("1" / "62"), in table 三 or 四. */
export function splitNumber(lines: string[], rng: Rng): string[] {
  // Only in the tables whose sum rules decide (三 and 四); a split elsewhere is flagged uncertain (see split-numbers.test.ts).
  const applyStart = lines.findIndex(line => line.trim().startsWith("三、收到和处理政府信息公开申请情况"));
  const candidates = lines.map((line, i) => (i > applyStart && /^\d{2,}$/.test(line.trim()) ? i : -1)).filter(i => i >= 0);
  if (candidates.length === 0) return lines;
  const at = rng.pick(candidates);
  const digits = lines[at].trim();
  const cut = rng.int(1, digits.length - 1);
  return [...lines.slice(0, at), digits.slice(0, cut), digits.slice(cut), ...lines.slice(at + 1)];
}

/** A browser copy of cells with a line break inside (long labels, merged headers over several lines). */
export const wrappedCells: Perturb = (lines, rng) =>
  lines.flatMap(line => {
    if (!line.includes("\t") || !rng.chance(0.3)) return [line];
    const cells = line.split("\t");
    const at = cells.findIndex(cell => cell.trim().length >= 8 && !isNumber(cell));
    if (at < 0) return [line];
    const cut = rng.int(3, cells[at].trim().length - 3);
    const cell = cells[at].trim();
    cells[at] = `${cell.slice(0, cut)}\n${cell.slice(cut)}`;
    return cells.join("\t").split("\n");
  });
