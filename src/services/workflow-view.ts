import type { AgencyEntity, ReportEntity } from "../entities";
import type { Violation } from "../validation";
import { checkedSnapshot, DEFAULT_AGENCY_CLASS, dueDate, isOverdue, publishedLate, restoreWorkflow, viewerActions } from "../workflow";
import type { ApprovalState, ViewerAction } from "../workflow";
import { rolesIn } from "./access";
import type { Actor } from "./actor";
import type { Participants } from "./participants";
import type { ReportContent } from "./report-store";
import { factsFrom } from "./workflow-facts";
import { persistedOf } from "./workflow.service";

export interface WorkflowView {
  state: ApprovalState;
  version: number;
  revision: number;
  publishedRevision: number | null;
  dueDate: string;
  overdue: boolean;
  publishedLate: boolean;
  correctionReason: string | null;
  /** When the approved report will be published by itself; null when no schedule stands (always, for outsiders). */
  scheduledPublishAt: Date | null;
  /** Id of the publisher who scheduled it. */
  scheduledById: number | null;
  availableActions: ViewerAction[];
}

/** What the report row alone tells: everything of the view but the viewer's available actions. */
export type WorkflowBasics = Omit<WorkflowView, "availableActions">;

/**
 * The workflow's state, revision, deadline and schedule from the report row (as this reader sees it), at `now`.
 * Note: no machine snapshot is resolved and no action evaluated — a list page asks `workflow { state }` of 100
 * reports, and the actions need the content, its validation and the four-eyes facts.
 */
export function workflowBasics(report: ReportEntity, now: Date, agency?: Pick<AgencyEntity, "kind" | "level"> | null): WorkflowBasics {
  const agencyClass = agency ?? DEFAULT_AGENCY_CLASS;
  const { value, context } = checkedSnapshot(persistedOf(report));
  return {
    state: report.state,
    version: report.version,
    revision: context.revision,
    publishedRevision: context.publishedRevision,
    dueDate: dueDate(report.year, agencyClass),
    overdue: isOverdue(report.year, { state: value, publishedRevision: context.publishedRevision }, now, agencyClass),
    publishedLate: context.firstPublishedAt ? publishedLate(report.year, context.firstPublishedAt, agencyClass) : false,
    correctionReason: context.correctionReason,
    scheduledPublishAt: context.scheduledPublishAt ? new Date(context.scheduledPublishAt) : null,
    scheduledById: context.scheduledBy ? Number(context.scheduledBy) : null,
  };
}

/** What this viewer may do with the report now, and why not. */
export function workflowActions(
  report: ReportEntity,
  actor: Actor,
  content: ReportContent,
  violations: Violation[],
  participants: Participants,
  now: Date,
): ViewerAction[] {
  const snapshot = restoreWorkflow(persistedOf(report));
  const user = actor.kind === "user" ? actor : null;
  return viewerActions(snapshot, {
    actor: { userId: user ? String(user.userId) : "", roles: rolesIn(user, report.agencyId) },
    facts: factsFrom(report, content, violations, participants),
    at: now.toISOString(),
  });
}

/** The report's workflow as one viewer sees it: what they may do now, and why not. */
export function workflowView(
  report: ReportEntity,
  actor: Actor,
  content: ReportContent,
  violations: Violation[],
  participants: Participants,
  now: Date,
  agency?: Pick<AgencyEntity, "kind" | "level"> | null,
): WorkflowView {
  return { ...workflowBasics(report, now, agency), availableActions: workflowActions(report, actor, content, violations, participants, now) };
}
