import { parseDecimal } from "../../formats";
import { cellLabel } from "../cell-labels";
import { violationCell } from "../equation";
import type { ReportToCheck, Violation } from "../violation.types";
import { compact, narrativeOf, warning } from "./text";

/**
 * amount.magnitude: a 万元 amount of 表二 that differs from last year's by
 * `factor` or more (a figure in 元 entered as 万元 is 10,000 times too big).
 * Both years must hold a non-zero value in the same cell.
 */
export function checkAmountJumps(report: ReportToCheck, previous: ReportToCheck): Violation[] {
  const factor = narrativeOf(report.format).amount_jump.factor;
  const violations: Violation[] = [];
  for (const def of report.format.cells.values()) {
    if (def.column.unit !== "万元" || !previous.format.cells.has(def.key)) continue;
    const now = amount(report.cells[def.key]);
    const before = amount(previous.cells[def.key]);
    if (!now || !before) continue;
    const ratio = Math.max(now / before, before / now);
    if (ratio >= factor) {
      violations.push(
        warning(
          report.format,
          "amount.magnitude",
          { cell: cellLabel(def), value: report.cells[def.key]!, prevYear: previous.year, previous: previous.cells[def.key]!, factor: Math.round(ratio) },
          [violationCell(def, report.cells[def.key] ?? null), violationCell(def, previous.cells[def.key] ?? null, previous.year)],
        ),
      );
    }
  }
  return violations;
}

function amount(value: string | null | undefined): number {
  const parsed = value ? parseDecimal(value) : undefined;
  return parsed ? Math.abs(Number(parsed.micros) / 1e6) : 0;
}

/** Sentences of a section, with figures blanked: a copied sentence with this year's numbers is still a copy. */
function sentences(text: string, minChars: number): string[] {
  return compact(text)
    .replace(/\d+(?:\.\d+)?/g, "#")
    .split(/[。；;！!？?]/)
    .filter(sentence => sentence.length >= minChars);
}

/**
 * The share of last year's section (by characters of its sentences) that this
 * year's same section repeats sentence for sentence.
 */
export function repeatedShare(current: string, previous: string, minChars: number): number {
  const last = sentences(previous, minChars);
  const total = last.reduce((sum, sentence) => sum + sentence.length, 0);
  if (total === 0) return 0;
  const now = new Set(sentences(current, minChars));
  const repeated = last.filter(sentence => now.has(sentence)).reduce((sum, sentence) => sum + sentence.length, 0);
  return repeated / total;
}

/** text.repeated: a narrative section repeating more than `share` of last year's same section. */
export function checkRepetition(report: ReportToCheck, previous: ReportToCheck): Violation[] {
  const rule = narrativeOf(report.format).repetition;
  return rule.sections.flatMap(sectionId => {
    const share = repeatedShare(report.sections[sectionId] ?? "", previous.sections[sectionId] ?? "", rule.min_chars);
    if (share <= rule.share) return [];
    const section = report.format.def.sections.find(candidate => candidate.id === sectionId);
    const name = section ? `${section.no}、${section.title}` : sectionId;
    return [warning(report.format, "text.repeated", { section: name, share: Math.round(share * 100), prevYear: previous.year })];
  });
}
