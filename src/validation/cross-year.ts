import { unbalanced } from "./check-equations";
import { readTerm } from "./equation";
import type { TermSource } from "./equation";
import { parseRef } from "./rule-refs";
import type { ReportToCheck, Violation } from "./violation.types";

/**
 * Checks this year's report against last year's (same agency). The rules come
 * from this year's format; a rule is skipped when a referenced cell does not
 * exist in the format of the report it reads (2020 is gb2019, 2021 is gb2021)
 * or is absent there. Blanks count as 0.
 */
export function checkCrossYear(report: ReportToCheck, previous: ReportToCheck): Violation[] {
  const current: TermSource = { format: report.format, cells: report.cells };
  const last: TermSource = { format: previous.format, cells: previous.cells, year: previous.year };
  return unbalanced(report.format.def.cross_year_rules, ref => {
    const parsed = parseRef(ref);
    return readTerm(parsed.period === "Y-1" ? last : current, parsed.key, parsed.negated);
  });
}

/** A cell that must equal a cell of last year's report (a cross-year rule with one cell a side). */
export interface CarryOverPair {
  key: string;
  previousKey: string;
}

/** The cross-year rules of a format read as pairs: this year's 上年结转 cell ← last year's 结转下年度 cell. */
export function carryOverPairs(rules: ReadonlyArray<{ lhs: string[]; rhs: string[] }>): CarryOverPair[] {
  return rules.flatMap(rule => {
    if (rule.lhs.length !== 1 || rule.rhs.length !== 1) return [];
    const [left, right] = [parseRef(rule.lhs[0]), parseRef(rule.rhs[0])];
    if (left.negated || right.negated) return [];
    if (left.period === "Y" && right.period === "Y-1") return [{ key: left.key, previousKey: right.key }];
    if (left.period === "Y-1" && right.period === "Y") return [{ key: right.key, previousKey: left.key }];
    return [];
  });
}
