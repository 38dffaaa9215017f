import type { AgencyEntity, ReportEntity } from "../entities";
import type { Violation } from "../validation";
import { DEFAULT_AGENCY_CLASS, dueDate, isOverdue, publishedLate, restoreWorkflow, viewerActions } from "../workflow";
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
  const agencyClass = agency ?? DEFAULT_AGENCY_CLASS;
  const snapshot = restoreWorkflow(persistedOf(report));
  const context = snapshot.context;
  const user = actor.kind === "user" ? actor : null;
  const roles = rolesIn(user, report.agencyId);
  const availableActions = viewerActions(snapshot, {
    actor: { userId: user ? String(user.userId) : "", roles },
    facts: factsFrom(report, content, violations, participants),
    at: now.toISOString(),
  });
  return {
    state: report.state,
    version: report.version,
    revision: context.revision,
    publishedRevision: context.publishedRevision,
    dueDate: dueDate(report.year, agencyClass),
    overdue: isOverdue(report.year, { state: snapshot.value, publishedRevision: context.publishedRevision }, now, agencyClass),
    publishedLate: context.firstPublishedAt ? publishedLate(report.year, context.firstPublishedAt, agencyClass) : false,
    correctionReason: context.correctionReason,
    scheduledPublishAt: context.scheduledPublishAt ? new Date(context.scheduledPublishAt) : null,
    scheduledById: context.scheduledBy ? Number(context.scheduledBy) : null,
    availableActions,
  };
}
