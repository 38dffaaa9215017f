import type { RuleDef, SumRuleDef } from "../formats";

/** A parsed cell reference of a rule: `-Y-1:apply/apply.carry_forward/col.total`. */
export interface RuleRef {
  key: string;
  negated: boolean;
  /** "Y" reads this year's report, "Y-1" last year's; plain refs are this year's. */
  period: "Y" | "Y-1";
}

const REF_PATTERN = /^(-)?(?:(Y|Y-1):)?(.+)$/;

export function parseRef(ref: string): RuleRef {
  const match = REF_PATTERN.exec(ref.trim());
  if (!match) {
    return { key: ref, negated: false, period: "Y" };
  }
  const [, minus, period, key] = match;
  return { key, negated: minus === "-", period: period === "Y-1" ? "Y-1" : "Y" };
}

/** The rules of a format that are equations (formats.json also holds the domain rule). */
export function sumRules(rules: RuleDef[]): SumRuleDef[] {
  return rules.filter((rule): rule is SumRuleDef => rule.type === undefined && Array.isArray(rule.lhs));
}
