import { createHash } from "node:crypto";
import type { Violation } from "./violation.types";

/**
 * A stable id of one violation: its rule, message and cells. The same warning
 * on unchanged content has the same fingerprint; a changed figure gives a new
 * one, so an acknowledgement covers exactly what the reviewer saw.
 */
export function violationFingerprint(violation: Violation): string {
  const cells = violation.cells.map(cell => `${cell.year ?? ""}:${cell.key}=${cell.value ?? ""}`).join(",");
  return createHash("sha256").update(`${violation.ruleId}\n${violation.message}\n${cells}`).digest("hex").slice(0, 16);
}
