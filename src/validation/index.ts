export { describeRules } from "./describe-rules";
export { carryOverPairs } from "./cross-year";
export type { CarryOverPair } from "./cross-year";
export { DOMAIN_RULE_IDS } from "./domain-checks";
export type { DomainRuleId } from "./domain-checks";
export { hasErrors } from "./severity";
export { validateReport } from "./validate-report";
export type * from "./violation.types";
