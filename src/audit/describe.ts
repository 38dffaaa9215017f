import type { VerifyResult } from "./verify";

/**
 * What a verification checked and what it trusted, in words: the first line
 * starts with OK or BROKEN; the next say what was checked, what was trusted
 * without checking, and which checkpoints were not trusted.
 */
export function describeVerification(result: VerifyResult): string[] {
  const head = result.complete ? `head ${result.headSeq} ${result.headHash}` : `stopped at record ${result.headSeq}, before the head`;
  return [
    result.ok ? `OK: ${result.total} audit records, ${head}.` : `BROKEN${result.brokenAt ? ` at record ${result.brokenAt}` : ""}: ${result.problem}`,
    result.checked ? `Checked: records ${result.checkedFrom}–${result.checkedTo} (${result.checked}).` : "Checked: no records.",
    result.trusted ? `Trusted, not checked: ${result.trusted}.` : "Trusted, not checked: nothing — walked from record 1.",
    ...result.notes,
  ];
}
