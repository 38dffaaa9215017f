import type { Format } from "../formats";
import type { Violation } from "./violation.types";

/**
 * Errors first, then in the order an author reads the form (table, row,
 * column of this year's cells); ties by rule id. Violations without cells
 * (missing text sections) come after the tables of their severity, in the
 * order they were produced. Array.prototype.sort is stable, which keeps that.
 */
export function orderViolations(violations: Violation[], format: Format): Violation[] {
  const index = new Map(format.cellKeys.map((key, position) => [key, position]));
  const position = (violation: Violation) =>
    Math.min(...violation.cells.filter(cell => cell.year === undefined).map(cell => index.get(cell.key) ?? Infinity), Infinity);
  return [...violations].sort(
    (a, b) => severityRank(a) - severityRank(b) || position(a) - position(b) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

function severityRank(violation: Violation): number {
  return violation.severity === "ERROR" ? 0 : 1;
}
