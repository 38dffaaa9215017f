import type { ReportToCheck, ReportIdentity, Violation } from "../violation.types";
import { checkChannels } from "./channels";
import { checkArticle50, checkFees } from "./contents";
import { checkIdentity } from "./identity";
import { checkAmountJumps, checkRepetition } from "./previous-year";
import { checkStatements } from "./statement-checks";

export { printedTitle } from "./identity";
export { readStatements } from "./statements";
export type { Statement } from "./statements";

/**
 * The careful reviewer's checks: the narrative against the tables, the
 * identity and dates, what 条例 第五十条 requires, fees, and last year's report.
 * All WARNINGs, from the format's `narrative_checks`.
 */
export function checkNarrative(report: ReportToCheck, previous: ReportToCheck | undefined, identity: ReportIdentity): Violation[] {
  return [
    ...checkStatements(report),
    ...checkChannels(report),
    ...checkIdentity(report, identity),
    ...checkArticle50(report, identity),
    ...checkFees(report),
    ...(previous ? [...checkAmountJumps(report, previous), ...checkRepetition(report, previous)] : []),
  ];
}
