import { checkCrossYear } from "./cross-year";
import { checkDomain } from "./domain-checks";
import { checkNarrative } from "./narrative";
import { orderViolations } from "./order-violations";
import { checkRequiredCells, checkRequiredSections } from "./required-checks";
import { checkSumRules } from "./sum-rules";
import type { ReportToCheck, ReportIdentity, Violation } from "./violation.types";

/**
 * Given a report (and last year's report of the same agency, when there is
 * one), returns every violation: sum rules, per-cell domain checks, required
 * cells and sections, cross-year rules, and the narrative, identity and
 * contents checks (WARNINGs; `identity` names the agency and title when known),
 * errors first in form order.
 * Pure: it reads only its arguments.
 */
export function validateReport(report: ReportToCheck, previous?: ReportToCheck, identity: ReportIdentity = {}): Violation[] {
  const violations = [
    ...checkSumRules(report),
    ...checkDomain(report),
    ...checkRequiredCells(report),
    ...checkRequiredSections(report),
    ...(previous ? checkCrossYear(report, previous) : []),
    ...checkNarrative(report, previous, identity),
  ];
  return orderViolations(violations, report.format);
}
