import type { RuleKind } from "../formats";
import { balance, equationCells, isBalanced, showTotal } from "./equation";
import type { Equation, Term } from "./equation";
import { equationMessage } from "./rule-messages";
import { severityOf } from "./severity";
import type { Violation } from "./violation.types";

interface EquationRule {
  id: string;
  kind: RuleKind;
  lhs: string[];
  rhs: string[];
}

/**
 * Given rules of the form sum(lhs) = sum(rhs) and a way to read each reference,
 * returns a violation for every rule that does not balance. A rule with a term
 * that cannot be read (an absent cell) is skipped.
 */
export function unbalanced(rules: readonly EquationRule[], read: (ref: string) => Term | undefined): Violation[] {
  const violations: Violation[] = [];
  for (const rule of rules) {
    const equation = balance(rule.lhs.map(read), rule.rhs.map(read));
    if (equation && !isBalanced(equation)) {
      violations.push({
        ruleId: rule.id,
        kind: rule.kind,
        severity: severityOf(rule.kind),
        message: equationMessage(rule.id, equation),
        cells: equationCells(equation),
        ...impliedSum(equation),
      });
    }
  }
  return violations;
}

/** When one side is a single cell of this year's report and the other a sum of several, the value that balances the rule. */
function impliedSum(equation: Equation): { suggestion?: { key: string; value: string } } {
  const sides: Array<[Term[], Term[], bigint]> = [
    [equation.lhs, equation.rhs, equation.rhsTotal],
    [equation.rhs, equation.lhs, equation.lhsTotal],
  ];
  for (const [single, sum, total] of sides) {
    const [only] = single;
    if (single.length === 1 && sum.length > 1 && !only.negated && only.year === undefined && total >= 0n) {
      return { suggestion: { key: only.def.key, value: showTotal(total) } };
    }
  }
  return {};
}
