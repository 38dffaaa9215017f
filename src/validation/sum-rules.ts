import { unbalanced } from "./check-equations";
import { readTerm } from "./equation";
import type { TermSource } from "./equation";
import { parseRef, sumRules } from "./rule-refs";
import type { ReportToCheck, Violation } from "./violation.types";

/**
 * Checks every 勾稽关系 of the report's format. Blanks count as 0; a rule that
 * touches an absent cell is skipped, since its total cannot be known (the
 * required-cell check reports the absence instead).
 */
export function checkSumRules(report: ReportToCheck): Violation[] {
  const source: TermSource = { format: report.format, cells: report.cells };
  return unbalanced(sumRules(report.format.def.rules), ref => {
    const parsed = parseRef(ref);
    return readTerm(source, parsed.key, parsed.negated);
  });
}
