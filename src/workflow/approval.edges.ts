import { approvalMachine } from "./approval.machine";
import { isGuardName } from "./approval.policy";
import type { GuardName } from "./approval.policy";
import { APPROVAL_STATES } from "./approval.types";
import type { ApprovalState, WorkflowEventType } from "./approval.types";

/** One guarded transition, read from the machine config. */
export interface WorkflowEdge {
  event: WorkflowEventType;
  from: ApprovalState;
  to: ApprovalState;
  guard: GuardName;
}

function readEdges(): WorkflowEdge[] {
  return APPROVAL_STATES.flatMap(from =>
    [...approvalMachine.states[from].transitions.values()].flat().map(t => {
      const to = t.target?.[0]?.key;
      // Note: every transition of this machine has a policy guard and one target;
      // anything else is a programming error in approval.machine.ts.
      if (!isGuardName(t.guard) || !(APPROVAL_STATES as readonly string[]).includes(to ?? "")) {
        throw new Error(`approval.machine: ${from} on ${t.eventType} needs a guard and a target`);
      }
      const event = t.eventType as WorkflowEventType;
      return { event, from, to: to as ApprovalState, guard: t.guard };
    }),
  );
}

/** Every transition of the machine, in state then config order. */
export const WORKFLOW_EDGES: readonly WorkflowEdge[] = readEdges();

/** Given a state and an event type, returns the transitions that event may take there. */
export function edgesFrom(state: ApprovalState, event: WorkflowEventType): WorkflowEdge[] {
  return WORKFLOW_EDGES.filter(e => e.from === state && e.event === event);
}

/** The states in which an event type has a transition. */
export function statesAccepting(event: WorkflowEventType): ApprovalState[] {
  return APPROVAL_STATES.filter(s => edgesFrom(s, event).length > 0);
}
