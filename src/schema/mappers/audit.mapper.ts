import type { AuditEventEntity } from "../../entities";
import type { WorkflowStepView } from "../../services/report-reads";
import { AuditEvent } from "../audit.type";
import type { ActorKind } from "../enums";
import { toGlobalId } from "../node-id";
import { WorkflowStep } from "../workflow.type";
import type { Role, WorkflowAction } from "../workflow.type";

/** A class instance, so that the Node interface resolves it (node, nodes); the global id wraps the chain's seq. */
export function toAuditEvent(row: AuditEventEntity): AuditEvent {
  const seq = Number(row.seq);
  return Object.assign(new AuditEvent(), {
    ...row,
    id: toGlobalId("AuditEvent", seq),
    seq,
    at: new Date(row.at),
    actorUserId: row.actorId === null ? null : Number(row.actorId),
    actorKind: row.actorKind as ActorKind,
    agencyId: row.agencyId === null ? null : toGlobalId("Agency", Number(row.agencyId)),
    reportId: row.reportId === null ? null : toGlobalId("Report", Number(row.reportId)),
  });
}

/** A class instance, so that the Node interface resolves it (node, nodes). */
export function toWorkflowStep(step: WorkflowStepView): WorkflowStep {
  return Object.assign(new WorkflowStep(), {
    id: toGlobalId("WorkflowStep", step.id),
    action: step.event as WorkflowAction,
    fromState: step.fromState,
    toState: step.toState,
    actorUserId: step.actorUserId,
    role: step.role as Role,
    reason: step.reason,
    contentHash: step.contentHash,
    version: step.version,
    at: step.at,
  });
}
