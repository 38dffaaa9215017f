import { approvalMachine } from "./approval.machine";
import { APPROVAL_STATES } from "./approval.types";
import type { ApprovalState } from "./approval.types";

/** Tags the machine puts on its states: `editable` — content may change; `public` — the live state is published. */
export type StateTag = "editable" | "public";

/**
 * The states carrying a tag, read from the machine's own configuration, for code that holds a stored state
 * name rather than a snapshot (SQL filters, entity rows). With a snapshot, ask `snapshot.hasTag(tag)`.
 */
export function statesTagged(tag: StateTag): ApprovalState[] {
  return APPROVAL_STATES.filter(state => approvalMachine.states[state].tags.includes(tag));
}

export const EDITABLE_STATES: readonly ApprovalState[] = statesTagged("editable");
export const PUBLIC_STATES: readonly ApprovalState[] = statesTagged("public");

/** Whether a report in this stored state may have its content changed. */
export function isEditable(state: ApprovalState): boolean {
  return EDITABLE_STATES.includes(state);
}

/** Whether a report in this stored state is, as it stands, its published revision. */
export function isPublic(state: ApprovalState): boolean {
  return PUBLIC_STATES.includes(state);
}
