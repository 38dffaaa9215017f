import { balance, equationCells, isBalanced, readTerm } from "./equation";
import type { TermSource } from "./equation";
import { equationMessage } from "./rule-messages";
import { parseRef, sumRules } from "./rule-refs";
import { severityOf } from "./severity";
import type { ReportContent, Violation } from "./violation.types";

/**
 * Checks every 勾稽关系 of the report's format. Blanks count as 0; a rule that
 * touches an absent cell is skipped, since its total cannot be known (the
 * required-cell check reports the absence instead).
 */
export function checkSumRules(report: ReportContent): Violation[] {
  const source: TermSource = { format: report.format, cells: report.cells };
  const violations: Violation[] = [];
  for (const rule of sumRules(report.format.def.rules)) {
    const read = (ref: string) => {
      const parsed = parseRef(ref);
      return readTerm(source, parsed.key, parsed.negated);
    };
    const equation = balance(rule.lhs.map(read), rule.rhs.map(read));
    if (equation && !isBalanced(equation)) {
      violations.push({
        ruleId: rule.id,
        kind: rule.kind,
        severity: severityOf(rule.kind),
        message: equationMessage(rule.id, equation),
        cells: equationCells(equation),
      });
    }
  }
  return violations;
}
