import type { RuleDef, SumRuleDef } from "../formats";

/** A parsed cell reference of a rule: `-Y-1:apply/apply.carry_forward/col.total`. */
export interface RuleRef {
  key: string;
  negated: boolean;
  /** "Y" reads this year's report, "Y-1" last year's; plain refs are this year's. */
  period: "Y" | "Y-1";
}

const REF_PATTERN = /^(-)?(?:(Y|Y-1):)?(.+)$/;

/**
 * Every reference parsed, by its text: the refs are the formats' (a few thousand at most), and a cold read
 * validates each of a report's rules — parsing them anew was a tenth of a validation (measured).
 */
const parsedRefs = new Map<string, Readonly<RuleRef>>();

/** The reference parsed (shared between callers: read-only). */
export function parseRef(ref: string): Readonly<RuleRef> {
  let parsed = parsedRefs.get(ref);
  if (!parsed) {
    parsed = Object.freeze(readRef(ref));
    parsedRefs.set(ref, parsed);
  }
  return parsed;
}

function readRef(ref: string): RuleRef {
  const match = REF_PATTERN.exec(ref.trim());
  if (!match) {
    return { key: ref, negated: false, period: "Y" };
  }
  const [, minus, period, key] = match;
  return { key, negated: minus === "-", period: period === "Y-1" ? "Y-1" : "Y" };
}

const equations = new WeakMap<RuleDef[], SumRuleDef[]>();

/** The rules of a format that are equations (formats.json also holds the domain rule); kept per rules list. */
export function sumRules(rules: RuleDef[]): SumRuleDef[] {
  let found = equations.get(rules);
  if (!found) {
    found = rules.filter((rule): rule is SumRuleDef => rule.type === undefined && Array.isArray(rule.lhs));
    equations.set(rules, found);
  }
  return found;
}
