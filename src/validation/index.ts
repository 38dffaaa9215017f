export { describeRules } from "./describe-rules";
export { DOMAIN_RULE_IDS } from "./domain-checks";
export type { DomainRuleId } from "./domain-checks";
export { violationFingerprint } from "./fingerprint";
export { hasErrors } from "./severity";
export { validateReport } from "./validate-report";
export { printedTitle } from "./narrative";
export type * from "./violation.types";
