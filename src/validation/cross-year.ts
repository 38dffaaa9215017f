import { unbalanced } from "./check-equations";
import { readTerm } from "./equation";
import type { TermSource } from "./equation";
import { parseRef } from "./rule-refs";
import type { ReportContent, Violation } from "./violation.types";

/**
 * Checks this year's report against last year's (same agency). The rules come
 * from this year's format; a rule is skipped when a referenced cell does not
 * exist in the format of the report it reads (2020 is gb2019, 2021 is gb2021)
 * or is absent there. Blanks count as 0.
 */
export function checkCrossYear(report: ReportContent, previous: ReportContent): Violation[] {
  const current: TermSource = { format: report.format, cells: report.cells };
  const last: TermSource = { format: previous.format, cells: previous.cells, year: previous.year };
  return unbalanced(report.format.def.cross_year_rules, ref => {
    const parsed = parseRef(ref);
    return readTerm(parsed.period === "Y-1" ? last : current, parsed.key, parsed.negated);
  });
}
