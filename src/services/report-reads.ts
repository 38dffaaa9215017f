import type { Database } from "../db";
import { UserEntity, WorkflowEventEntity } from "../entities";
import type { AuditEventEntity, ReportRevisionEntity } from "../entities";
import type { ApprovalState, ViewerAction } from "../workflow";
import type { ReadScope } from "./access";
import { reportNotFound } from "./access";
import type { Actor } from "./actor";
import { reportHistory } from "./audit-query";
import type { HistoryCache } from "./history-cache";
import type { Loaders } from "./loaders";
import { NO_PARTICIPANTS } from "./participants";
import { checkSignature, diffContents, listRevisions, loadRevision } from "./revisions";
import type { ContentDiff } from "./revisions";
import { workflowActions, workflowBasics } from "./workflow-view";
import type { WorkflowBasics } from "./workflow-view";

/**
 * The read side of a report's fields, each as the request's reader sees it
 * (ReadScope): resolvers only translate what these return. A report the reader
 * may not see at all answers NOT_FOUND, like one that does not exist.
 */

/** States in which the four-eyes facts are read by a guard (clearing and signing off). */
const REVIEW_STATES = new Set(["secrecyReview", "leadershipSignOff"]);

/** The workflow's state, deadline and schedule for this reader, from the report row: for outsiders the published revision's (see publicView). */
export async function workflowStatus(loaders: Loaders, reportId: number, now: Date): Promise<WorkflowBasics> {
  const report = await loaders.report.load(reportId);
  if (!report) throw reportNotFound();
  return workflowBasics(report, now, await loaders.agency.load(report.agencyId));
}

/** What this reader may do with the report at `now`: needs its content, validation and, in review, the four-eyes facts. */
export async function workflowAvailableActions(loaders: Loaders, actor: Actor, reportId: number, now: Date): Promise<ViewerAction[]> {
  const [report, content, violations] = await Promise.all([loaders.report.load(reportId), loaders.content.load(reportId), loaders.validation.load(reportId)]);
  if (!report) throw reportNotFound();
  const participants = REVIEW_STATES.has(report.state) ? await loaders.participants.load(reportId) : NO_PARTICIPANTS;
  return workflowActions(report, actor, content, violations, participants, now);
}

/** The name of the user who scheduled a publication (workflow.scheduledBy), read only when a schedule stands. */
export async function userName(db: Database, userId: number | null): Promise<string | null> {
  if (userId === null) return null;
  const user = await db.read(manager => manager.findOneBy(UserEntity, { id: userId }));
  return user?.name ?? null;
}

export interface WorkflowStepView {
  /** The workflow_event row's id (WorkflowStep's global id wraps it). */
  id: number;
  event: string;
  fromState: ApprovalState;
  toState: ApprovalState;
  actorUserId: number;
  role: string;
  reason: string | null;
  contentHash: string;
  version: number;
  at: Date;
}

/** Every workflow step, oldest first — for insiders; outsiders see none (names, roles and reasons are internal). */
export async function workflowHistory(db: Database, scope: ReadScope, loaders: Loaders, reportId: number): Promise<WorkflowStepView[]> {
  const report = await loaders.report.load(reportId);
  if (!report) throw reportNotFound();
  if (!(await scope.canReadDraft(report))) return [];
  return db.read(async manager => {
    const events = await manager.find(WorkflowEventEntity, { where: { reportId }, order: { id: "ASC" } });
    if (events.length === 0) return [];
    return events.map(toStepView);
  });
}

/** One workflow step, by its id, under the same rule as workflowHistory: null when absent or not for this reader. */
export async function workflowStep(db: Database, scope: ReadScope, loaders: Loaders, id: number): Promise<WorkflowStepView | null> {
  const event = await db.read(manager => manager.findOneBy(WorkflowEventEntity, { id }));
  const report = event ? await loaders.report.load(event.reportId) : null;
  if (!event || !report || !(await scope.canReadDraft(report))) return null;
  return toStepView(event);
}

function toStepView(e: WorkflowEventEntity): WorkflowStepView {
  return {
    id: e.id,
    event: e.event,
    fromState: e.fromState,
    toState: e.toState,
    actorUserId: e.actorId,
    role: e.actorRole,
    reason: e.reason,
    contentHash: e.contentHash,
    version: e.version,
    at: e.createdAt,
  };
}

/** Revision snapshots: all for insiders; only the published ones (with their public correction notices) for outsiders. */
export async function reportRevisions(db: Database, scope: ReadScope, loaders: Loaders, reportId: number): Promise<ReportRevisionEntity[]> {
  const report = await loaders.report.load(reportId);
  if (!report) throw reportNotFound();
  const rows = await db.read(manager => listRevisions(manager, reportId));
  return (await scope.canReadDraft(report)) ? rows : rows.filter(row => row.kind === "published");
}

/** The leader's signature checked against the latest published revision: public, like that revision. */
export async function reportSignature(db: Database, loaders: Loaders, reportId: number) {
  if (!(await loaders.report.load(reportId))) throw reportNotFound();
  return db.read(manager => checkSignature(manager, reportId));
}

/** An AUDITOR's view of every change to a report of an agency they audit. */
export async function reportAuditHistory(
  db: Database,
  scope: ReadScope,
  loaders: Loaders,
  reportId: number,
  histories: HistoryCache,
): Promise<readonly AuditEventEntity[]> {
  const report = await loaders.report.load(reportId);
  if (!report || !(await scope.canReadDraft(report))) throw reportNotFound();
  return reportHistory(db, scope.actor, reportId, histories);
}

/**
 * Differences between two revisions, or a revision and the content this reader
 * sees now. Outsiders may compare published revisions only (and, with `to`
 * omitted, the latest published one): any other revision is NOT_FOUND to them.
 */
export async function reportDiff(
  db: Database,
  scope: ReadScope,
  loaders: Loaders,
  reportId: number,
  fromId: number,
  toId: number | null,
): Promise<ContentDiff> {
  const report = await loaders.report.load(reportId);
  // reportDiff takes reportId as a plain argument, not inside an input object.
  if (!report) throw reportNotFound(["reportId"]);
  const publishedOnly = !(await scope.canReadDraft(report));
  // Note: one read at a time; the loader takes its own turn on the SQLite queue.
  const before = await db.read(manager => loadRevision(manager, reportId, fromId, { publishedOnly, field: "from" }));
  const after = toId ? await db.read(manager => loadRevision(manager, reportId, toId, { publishedOnly, field: "to" })) : await loaders.content.load(reportId);
  return diffContents(before, after);
}
