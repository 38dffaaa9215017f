export * from "./approval.types";
export { EVENT_LABELS, ROLE_LABELS, STATE_LABELS } from "./approval.labels";
export { approvalMachine, MACHINE_VERSION } from "./approval.machine";
export type { ApprovalMachine } from "./approval.machine";
export { STEP_POLICIES } from "./approval.policy";
export type { GuardName, StepPolicy } from "./approval.policy";
export { explain, viewerActions } from "./approval.rules";
export type { ApprovalSnapshot, Explanation, ViewerAction } from "./approval.rules";
export { applyEvent, checkedSnapshot, publicWorkflow, restoreWorkflow, startWorkflow } from "./apply";
export type { ApplyResult, PersistedWorkflow, WorkflowEffect } from "./apply";
export { workflowDefinition } from "./definition";
export type * from "./definition";
export {
  AGENCY_KINDS,
  AGENCY_LEVELS,
  DEADLINE_RULES,
  DEFAULT_AGENCY_CLASS,
  chineseDueDate,
  deadlineInstant,
  deadlineRule,
  dueDate,
  inferAgencyKind,
  isOverdue,
  publishedLate,
  shanghaiDate,
} from "./deadline";
export type { AgencyClass, AgencyKind, AgencyLevel, DeadlineProgress, DeadlineRule } from "./deadline";
export { WorkflowSnapshotError } from "./workflow-snapshot.error";
export type { WorkflowSnapshotErrorCode } from "./workflow-snapshot.error";
export { REVISION_KIND_OF_STEP, revisionKindOf } from "./revision-kinds";
export type { RevisionKind } from "./revision-kinds";
export { EDITABLE_STATES, PUBLIC_STATES, isEditable, isPublic, statesTagged } from "./state-tags";
export type { StateTag } from "./state-tags";
