import { WORKFLOW_EDGES } from "./approval.edges";
import { EVENT_LABELS, STATE_LABELS } from "./approval.labels";
import { approvalMachine } from "./approval.machine";
import { STEP_POLICIES } from "./approval.policy";
import { APPROVAL_STATES, WORKFLOW_EVENT_TYPES } from "./approval.types";
import type { ApprovalState, Role, WorkflowEventType } from "./approval.types";

export interface WorkflowStateDefinition {
  id: ApprovalState;
  /** Chinese name, e.g. 保密审查. */
  label: string;
  initial: boolean;
  final: boolean;
}

/** One step from one state; REJECT has two, with different roles. */
export interface WorkflowTransitionDefinition {
  from: ApprovalState;
  to: ApprovalState;
  /** The actor needs one of these roles (empty: no role is checked). */
  roles: Role[];
  /** Only the user who submitted may take the step. */
  submitterOnly: boolean;
}

export interface WorkflowEventDefinition {
  id: WorkflowEventType;
  label: string;
  from: ApprovalState[];
  to: ApprovalState;
  /** Roles allowed in any `from` state; see `transitions` for each state's roles. */
  roles: Role[];
  reasonRequired: boolean;
  transitions: WorkflowTransitionDefinition[];
}

export interface WorkflowDefinition {
  states: WorkflowStateDefinition[];
  events: WorkflowEventDefinition[];
}

function eventDefinition(id: WorkflowEventType): WorkflowEventDefinition {
  const transitions = WORKFLOW_EDGES.filter(e => e.event === id).map(e => ({
    from: e.from,
    to: e.to,
    roles: [...STEP_POLICIES[e.guard].roles],
    submitterOnly: STEP_POLICIES[e.guard].submitterOnly,
    guard: e.guard,
  }));
  return {
    id,
    label: EVENT_LABELS[id],
    from: transitions.map(t => t.from),
    // Note: every event of this machine leads to one state, whatever the source.
    to: transitions[0].to,
    roles: [...new Set(transitions.flatMap(t => t.roles))],
    reasonRequired: transitions.some(t => STEP_POLICIES[t.guard].reasonRequired),
    transitions: transitions.map(({ guard: _guard, ...t }) => t),
  };
}

/**
 * Returns the approval process as data, read from the machine config and the
 * step policies, so a client can draw it.
 */
export function workflowDefinition(): WorkflowDefinition {
  const states = APPROVAL_STATES.map(id => ({
    id,
    label: STATE_LABELS[id],
    initial: approvalMachine.config.initial === id,
    final: approvalMachine.states[id].type === "final",
  }));
  return { states, events: WORKFLOW_EVENT_TYPES.map(eventDefinition) };
}
