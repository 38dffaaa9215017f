import type { SnapshotFrom } from "xstate";
import { edgesFrom, statesAccepting } from "./approval.edges";
import type { ApprovalMachine } from "./approval.machine";
import { refusalsFor, STEP_POLICIES } from "./approval.policy";
import { WORKFLOW_EVENT_TYPES } from "./approval.types";
import type { WorkflowEvent, WorkflowEventBody, WorkflowEventType, WorkflowRefusal } from "./approval.types";
import { refuse } from "./refusals";

export type ApprovalSnapshot = SnapshotFrom<ApprovalMachine>;

export interface Explanation {
  allowed: boolean;
  /** Empty when allowed; otherwise every reason, so the viewer can fix them all at once. */
  reasons: WorkflowRefusal[];
}

/**
 * Given a snapshot and an event, returns whether the machine would take the event
 * and, if not, why. Agrees with `snapshot.can(event)` by construction: both run
 * the same policies on the same transitions.
 */
export function explain(snapshot: ApprovalSnapshot, event: WorkflowEvent): Explanation {
  const state = snapshot.value;
  const edges = edgesFrom(state, event.type);
  if (edges.length === 0) {
    return {
      allowed: false,
      reasons: [refuse.wrongState(event.type, state, statesAccepting(event.type))],
    };
  }
  const refusals = edges.map(e => refusalsFor(e.guard, snapshot.context, event));
  const allowed = refusals.some(r => r.length === 0);
  return { allowed, reasons: allowed ? [] : refusals[0] };
}

export interface ViewerAction extends Explanation {
  event: WorkflowEventType;
  /** The viewer must give a reason when sending this event. */
  reasonRequired: boolean;
}

/**
 * Given a snapshot and what the service loaded for a viewer (actor, facts, time),
 * returns every event with whether the viewer may send it now and why not
 * (GraphQL `viewerCan…` / `viewerCannot…Reasons`).
 *
 * Note: a missing reason (or time to publish) is not held against the viewer here,
 * since they type it when they act; `reasonRequired` tells the client to ask for one.
 */
export function viewerActions(snapshot: ApprovalSnapshot, body: WorkflowEventBody): ViewerAction[] {
  return WORKFLOW_EVENT_TYPES.map(type => {
    const { reasons } = explain(snapshot, { ...body, type });
    const rest = reasons.filter(r => r.code !== "REASON_REQUIRED" && r.code !== "PUBLISH_AT_INVALID");
    const reasonRequired = edgesFrom(snapshot.value, type).some(e => STEP_POLICIES[e.guard].reasonRequired);
    return { event: type, allowed: rest.length === 0, reasons: rest, reasonRequired };
  });
}
