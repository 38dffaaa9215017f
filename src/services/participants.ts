import type { EntityManager } from "typeorm";
import { placeholder } from "../db/placeholder";

/** Who has taken part in the revision under work of one report (user ids as text, as the machine sees them). */
export interface Participants {
  editorIds: string[];
  submitterIds: string[];
  secrecyReviewerIds: string[];
}

/** Audit actions that change a report's content (cells, sections, channels, title, an import). */
export const CONTENT_ACTIONS = ["report.create", "report.import", "report.cells.set", "report.section.update", "report.channels.set"];
const SUBMIT = "report.workflow.submit";
const CLEAR_SECRECY = "report.workflow.clear_secrecy";
/** The step that opens a new revision; what happened before it belongs to an earlier revision. */
const CORRECT = "report.workflow.correct";

export const NO_PARTICIPANTS: Participants = { editorIds: [], submitterIds: [], secrecyReviewerIds: [] };

/**
 * The users who edited, submitted or cleared each report's revision under work
 * since it was opened — read from the audit trail, which records every change
 * in the change's own transaction, so no edit escapes it. Edits by the CLI or
 * the system are not people and are left out. Two queries for any number of
 * reports, both on the (report, seq) index.
 */
export async function loadParticipants(manager: EntityManager, reportIds: number[]): Promise<Map<number, Participants>> {
  const result = new Map<number, Participants>(reportIds.map(id => [id, { editorIds: [], submitterIds: [], secrecyReviewerIds: [] }]));
  if (reportIds.length === 0) return result;
  const ids = reportIds.map((_id, i) => placeholder(manager, i + 1)).join(", ");
  const opened: Array<{ report_id: number | string; seq: number | string }> = await manager.query(
    `SELECT report_id, MAX(seq) AS seq FROM audit_event WHERE report_id IN (${ids}) AND action = ${placeholder(manager, reportIds.length + 1)}
     GROUP BY report_id`,
    [...reportIds, CORRECT],
  );
  const since = new Map(opened.map(row => [Number(row.report_id), Number(row.seq)]));
  const actions = [...CONTENT_ACTIONS, SUBMIT, CLEAR_SECRECY];
  const actionList = actions.map((_a, i) => placeholder(manager, reportIds.length + i + 1)).join(", ");
  const rows: Array<{ report_id: number | string; actor_id: number | string; action: string; seq: number | string }> = await manager.query(
    `SELECT report_id, actor_id, action, MAX(seq) AS seq FROM audit_event
     WHERE report_id IN (${ids}) AND action IN (${actionList}) AND actor_kind = 'user' AND actor_id IS NOT NULL
     GROUP BY report_id, actor_id, action`,
    [...reportIds, ...actions],
  );
  for (const row of rows) {
    const reportId = Number(row.report_id);
    // Note: MAX(seq) per (actor, action): a later act in this revision counts even if an earlier one did not.
    if (Number(row.seq) <= (since.get(reportId) ?? 0)) continue;
    const into = result.get(reportId)!;
    const list = row.action === SUBMIT ? into.submitterIds : row.action === CLEAR_SECRECY ? into.secrecyReviewerIds : into.editorIds;
    const actor = String(row.actor_id);
    if (!list.includes(actor)) list.push(actor);
  }
  return result;
}
