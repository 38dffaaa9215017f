import {
  applyEvent,
  restoreWorkflow,
  startWorkflow,
  type ApprovalSnapshot,
  type ApprovalState,
  type PersistedWorkflow,
  type Role,
  type WorkflowActor,
  type WorkflowEvent,
  type WorkflowEventBody,
  type WorkflowEventType,
  type WorkflowFacts,
} from "../../src/workflow";

const actor = (userId: string, ...roles: Role[]): WorkflowActor => ({ userId, roles });

export const USERS = {
  drafter: actor("u-drafter", "DRAFTER"),
  editor: actor("u-editor", "DRAFTER"),
  reviewer: actor("u-reviewer", "SECRECY_REVIEWER"),
  drafterReviewer: actor("u-drafter-reviewer", "DRAFTER", "SECRECY_REVIEWER"),
  leader: actor("u-leader", "LEADER"),
  drafterLeader: actor("u-drafter-leader", "DRAFTER", "LEADER"),
  publisher: actor("u-publisher", "PUBLISHER"),
  auditor: actor("u-auditor", "AUDITOR"),
  admin: actor("u-admin", "ADMIN"),
} as const;

export const HASH = "sha256:report-v1";
export const AT = "2025-01-20T02:00:00.000Z";

export const FACTS: WorkflowFacts = {
  errorCount: 0,
  emptySections: [],
  editorIds: [USERS.editor.userId],
  submitterIds: [],
  secrecyReviewerIds: [],
  contentHash: HASH,
};

interface EventOverrides extends Partial<Omit<WorkflowEventBody, "facts">> {
  facts?: Partial<WorkflowFacts>;
}

/** Builds an event with valid facts, overriding what a test is about. */
export function ev(type: WorkflowEventType, who: WorkflowActor, over: EventOverrides = {}): WorkflowEvent {
  const { facts, ...rest } = over;
  return { type, actor: who, at: AT, ...rest, facts: { ...FACTS, ...facts } };
}

/** The events that take a new report, submitted by the drafter, to each next state. */
export const HAPPY_PATH: readonly WorkflowEvent[] = [
  ev("SUBMIT", USERS.drafter),
  ev("CLEAR_SECRECY", USERS.reviewer),
  ev("SIGN_OFF", USERS.leader),
  ev("PUBLISH", USERS.publisher),
];

const DEPTH: Record<ApprovalState, number> = {
  draft: 0,
  secrecyReview: 1,
  leadershipSignOff: 2,
  approved: 3,
  published: 4,
};

/** Given events, returns the persisted snapshot after them; fails on a refusal. */
export function replay(events: readonly WorkflowEvent[], from = startWorkflow()): PersistedWorkflow {
  return events.reduce((persisted, event) => {
    const result = applyEvent(persisted, event);
    if (!result.ok) {
      throw new Error(`${event.type} refused: ${result.reasons.map(r => r.code).join(", ")}`);
    }
    return result.snapshot;
  }, from);
}

/** The persisted snapshot of a first-revision report in `state`, reached by the happy path. */
export function persistedIn(state: ApprovalState): PersistedWorkflow {
  return replay(HAPPY_PATH.slice(0, DEPTH[state]));
}

export function snapshotIn(state: ApprovalState): ApprovalSnapshot {
  return restoreWorkflow(persistedIn(state));
}
