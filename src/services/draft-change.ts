import type { EntityManager } from "typeorm";
import { appendAudit } from "../audit/append";
import type { ReportEntity } from "../entities";
import { assertCanEdit } from "./access";
import type { Actor } from "./actor";
import { assertEditable, bumpVersion, loadReportOrFail, staleVersion } from "./report-store";

/** The report after a content change, and whether anything changed (false: same values, nothing written). */
export interface ReportEdit {
  report: ReportEntity;
  changed: boolean;
}

/** Which report a content change is for, and the version its author last saw (none: no version check). */
export interface DraftTarget {
  reportId: number;
  expectedVersion?: number | null;
}

/** What one content change does to a draft, as its caller works it out from the loaded report. */
export interface DraftChange {
  /** The audit record's action, e.g. "report.cells.set". */
  action: string;
  /** The audit record's diff besides the new version: what was there before and what is there after. */
  diff: Record<string, unknown>;
  /** Writes the change; the version is bumped after it. */
  write(): Promise<void>;
}

/**
 * The one way content changes, in the caller's transaction: loads the report (row lock first), checks that the
 * actor may edit it and that it is editable (the machine's `editable` state tag); `decide` checks the input
 * against it and says what changes, or null when nothing would; then the expected version is checked, the change
 * written, the version bumped (compare-and-set) and the audit record appended.
 *
 * A write that changes nothing changes nothing: no new version, no last editor, no audit record. A stale
 * expectedVersion is still a CONFLICT, so a client learns its view is old whether or not its values differ.
 */
export async function changeDraft(
  manager: EntityManager,
  actor: Actor,
  target: DraftTarget,
  decide: (report: ReportEntity) => Promise<DraftChange | null>,
): Promise<ReportEdit> {
  const report = await loadReportOrFail(manager, target.reportId);
  await assertCanEdit(manager, actor, report);
  assertEditable(report);
  const change = await decide(report);
  const expected = target.expectedVersion;
  if (expected !== null && expected !== undefined && expected !== report.version) {
    throw staleVersion(expected, report);
  }
  if (!change) {
    return { report, changed: false };
  }
  await change.write();
  await bumpVersion(manager, report, expected, actor.kind === "user" ? actor.userId : undefined);
  await appendAudit(manager, actor, {
    action: change.action,
    agencyId: report.agencyId,
    reportId: report.id,
    diff: { version: report.version, ...change.diff },
  });
  return { report, changed: true };
}
