import type { CrossYearRuleDef } from "../formats";
import { balance, equationCells, isBalanced, readTerm } from "./equation";
import type { Equation, TermSource } from "./equation";
import { equationMessage } from "./rule-messages";
import { parseRef } from "./rule-refs";
import { severityOf } from "./severity";
import type { ReportContent, Violation } from "./violation.types";

/**
 * Checks this year's report against last year's (same agency). The rules come
 * from this year's format; a rule is skipped when a referenced cell does not
 * exist in the format of the report it reads (2020 is gb2019, 2021 is gb2021)
 * or is absent there. Blanks count as 0.
 */
export function checkCrossYear(report: ReportContent, previous: ReportContent): Violation[] {
  const violations: Violation[] = [];
  for (const rule of report.format.def.cross_year_rules) {
    const equation = evaluate(rule, report, previous);
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

function evaluate(rule: CrossYearRuleDef, report: ReportContent, previous: ReportContent): Equation | undefined {
  const current: TermSource = { format: report.format, cells: report.cells };
  const last: TermSource = { format: previous.format, cells: previous.cells, year: previous.year };
  const read = (ref: string) => {
    const parsed = parseRef(ref);
    return readTerm(parsed.period === "Y-1" ? last : current, parsed.key, parsed.negated);
  };
  return balance(rule.lhs.map(read), rule.rhs.map(read));
}
