import { initialTransition, transition } from "xstate";
import { approvalMachine, MACHINE_VERSION } from "./approval.machine";
import { explain } from "./approval.rules";
import type { ApprovalSnapshot } from "./approval.rules";
import { APPROVAL_STATES } from "./approval.types";
import type { ApprovalContext, ApprovalInput, ApprovalState, WorkflowEvent, WorkflowRefusal } from "./approval.types";
import { WorkflowSnapshotError } from "./workflow-snapshot.error";

/** What the service stores: plain JSON, tagged with the machine version that wrote it. */
export interface PersistedWorkflow {
  machineVersion: number;
  /** XState's persisted snapshot (`value`, `context`, `status`, …). */
  snapshot: { value: ApprovalState; context: ApprovalContext; status: string };
}

/** An effect the service should run after committing (none yet: actions only assign). */
export interface WorkflowEffect {
  type: string;
  params: unknown;
}

export type ApplyResult =
  { ok: true; state: ApprovalState; snapshot: PersistedWorkflow; actions: WorkflowEffect[] } | { ok: false; reasons: WorkflowRefusal[] };

function persist(snapshot: ApprovalSnapshot): PersistedWorkflow {
  const persisted = approvalMachine.getPersistedSnapshot(snapshot);
  // Note: the round trip drops `undefined` fields, so what we return equals what a
  // database hands back later.
  return JSON.parse(JSON.stringify({ machineVersion: MACHINE_VERSION, snapshot: persisted })) as PersistedWorkflow;
}

/** Given the machine input, returns the persisted snapshot of a new report (草稿). */
export function startWorkflow(input: ApprovalInput = {}): PersistedWorkflow {
  const [snapshot] = initialTransition(approvalMachine, input);
  return persist(snapshot);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Given stored JSON, returns the machine snapshot it describes. Throws
 * WorkflowSnapshotError when the JSON is not a snapshot of this machine version.
 */
export function restoreWorkflow(persisted: unknown): ApprovalSnapshot {
  const { value, context } = checkedSnapshot(persisted);
  return approvalMachine.resolveState({ value, context });
}

/**
 * Given stored JSON, the state and context it records, checked as restoreWorkflow checks them but without
 * resolving a machine snapshot: what reading the state, revision or dates needs (no transition is asked).
 */
export function checkedSnapshot(persisted: unknown): { value: ApprovalState; context: ApprovalContext } {
  if (!isObject(persisted) || !isObject(persisted.snapshot)) {
    throw new WorkflowSnapshotError("INVALID_SNAPSHOT", "Workflow snapshot is not an object.");
  }
  if (persisted.machineVersion !== MACHINE_VERSION) {
    throw new WorkflowSnapshotError(
      "VERSION_MISMATCH",
      `Workflow snapshot was written by approval machine version ` +
        `${String(persisted.machineVersion)}, but this is version ${MACHINE_VERSION}; ` +
        "migrate stored snapshots before using them.",
    );
  }
  const { value, context } = persisted.snapshot;
  if (!APPROVAL_STATES.includes(value as ApprovalState) || !isObject(context)) {
    throw new WorkflowSnapshotError("INVALID_SNAPSHOT", `Workflow snapshot has an unknown state ${JSON.stringify(value)} or no context.`);
  }
  return { value: value as ApprovalState, context: context as unknown as ApprovalContext };
}

/**
 * Given stored JSON and an event, returns the next persisted snapshot and the
 * effects to run, or the reasons the event is refused. Pure: runs nothing.
 */
export function applyEvent(persisted: unknown, event: WorkflowEvent): ApplyResult {
  const snapshot = restoreWorkflow(persisted);
  const explanation = explain(snapshot, event);
  if (explanation.allowed !== snapshot.can(event)) {
    throw new Error(`approval.rules disagrees with the machine on ${event.type}`);
  }
  if (!explanation.allowed) {
    return { ok: false, reasons: explanation.reasons };
  }
  const [next, actions] = transition(approvalMachine, snapshot, event);
  return {
    ok: true,
    state: next.value,
    snapshot: persist(next),
    actions: actions.map(a => ({ type: a.type, params: a.params })),
  };
}

/**
 * Given a report's persisted workflow (with a published revision) and the
 * public correction notice of that revision, returns the workflow as a reader
 * outside the agency sees it: published, at the published revision, with the
 * publication dates — and nothing of the work inside the agency (who submitted,
 * cleared, signed or rejected, a correction in progress and its reason).
 */
export function publicWorkflow(persisted: unknown, correctionNotice: string | null): PersistedWorkflow {
  const { context } = restoreWorkflow(persisted);
  const [blank] = initialTransition(approvalMachine, { revision: context.publishedRevision ?? context.revision });
  const published = approvalMachine.resolveState({
    value: "published",
    context: {
      ...blank.context,
      publishedRevision: context.publishedRevision ?? context.revision,
      publishedContentHash: context.publishedContentHash,
      publishedAt: context.publishedAt,
      firstPublishedAt: context.firstPublishedAt,
      correctionReason: correctionNotice,
    },
  });
  return persist(published);
}
