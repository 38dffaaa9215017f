import type { Severity, Violation, ViolationKind } from "./violation.types";

/** Heuristic rules only warn (revisions and re-counts break them legitimately); all others block. */
export function severityOf(kind: ViolationKind): Severity {
  return kind === "heuristic" ? "WARNING" : "ERROR";
}

/** True when any violation blocks the report (the CLI's exit 1). */
export function hasErrors(violations: readonly Violation[]): boolean {
  return violations.some(violation => violation.severity === "ERROR");
}
