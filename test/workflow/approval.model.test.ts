import { createTestModel, getShortestPaths, getSimplePaths } from "xstate/graph";
import {
  APPROVAL_STATES,
  applyEvent,
  approvalMachine,
  explain,
  restoreWorkflow,
  startWorkflow,
  WORKFLOW_EVENT_TYPES,
  type ApprovalSnapshot,
  type PersistedWorkflow,
  type WorkflowEvent,
} from "../../src/workflow";
import { ev, USERS } from "./fixtures";

/** Sample events per type: the ones that should pass and the ones that should not. */
const SAMPLE_EVENTS: WorkflowEvent[] = [
  ev("SUBMIT", USERS.drafter),
  ev("SUBMIT", USERS.drafterReviewer),
  ev("SUBMIT", USERS.drafterLeader),
  ev("SUBMIT", USERS.drafter, { facts: { errorCount: 1 } }),
  ev("WITHDRAW", USERS.drafter),
  ev("CLEAR_SECRECY", USERS.reviewer),
  ev("CLEAR_SECRECY", USERS.drafterReviewer),
  ev("SIGN_OFF", USERS.leader),
  ev("SIGN_OFF", USERS.drafterLeader),
  ev("REJECT", USERS.reviewer, { reason: "涉密" }),
  ev("REJECT", USERS.leader, { reason: "复核" }),
  ev("REJECT", USERS.leader),
  ev("PUBLISH", USERS.publisher),
  ev("PUBLISH", USERS.publisher, { facts: { contentHash: "sha256:edited" } }),
  ev("CORRECT", USERS.drafter, { reason: "更正" }),
  ev("CORRECT", USERS.admin, { reason: "更正" }),
];

/** A vertex is a state and who submitted: enough to tell four-eyes cases apart, and finite. */
const serializeState = (s: ApprovalSnapshot) => JSON.stringify([s.value, s.context.submitterId]);
const TRAVERSAL = { events: SAMPLE_EVENTS, serializeState, input: {} };

function mustApply(persisted: unknown, event: WorkflowEvent): PersistedWorkflow {
  const result = applyEvent(JSON.parse(JSON.stringify(persisted)), event);
  if (!result.ok) {
    throw new Error(`${event.type} refused: ${result.reasons.map(r => r.message).join("; ")}`);
  }
  return result.snapshot;
}

/** Given a path's steps, returns the stored JSON after applying them (skipping xstate.init). */
function mustApplyAll(steps: Array<{ event: { type: string } }>): unknown {
  return steps
    .filter(step => step.event.type !== "xstate.init")
    .reduce<unknown>((p, step) => mustApply(p, step.event as WorkflowEvent), startWorkflow());
}

describe("approval model", () => {
  const shortest = getShortestPaths(approvalMachine, TRAVERSAL);
  const simple = getSimplePaths(approvalMachine, TRAVERSAL);

  it.each([
    ["shortest", shortest],
    ["simple", simple],
  ])("reaches every state by %s paths", (_kind, paths) => {
    const reached = new Set(paths.map(p => p.state.value));

    expect([...reached].sort()).toEqual([...APPROVAL_STATES].sort());
  });

  it("finds more simple paths than shortest ones", () => {
    expect(simple.length).toBeGreaterThan(shortest.length);
  });

  it("ends every shortest and simple path where applyEvent ends when replaying it", () => {
    for (const path of [...shortest, ...simple]) {
      const replayed = restoreWorkflow(mustApplyAll(path.steps));

      expect(replayed.value).toBe(path.state.value);
      expect(replayed.context).toEqual(path.state.context);
    }
  });

  it("refuses through applyEvent, with explain's reasons, every sample the model refuses", () => {
    for (const path of shortest) {
      const persisted = mustApplyAll(path.steps);
      for (const event of SAMPLE_EVENTS.filter(e => !path.state.can(e))) {
        const result = applyEvent(persisted, event);

        expect(result).toEqual({ ok: false, reasons: explain(path.state, event).reasons });
        expect(result.ok || result.reasons.length > 0).toBe(true);
      }
    }
  });

  it("drives applyEvent through every simple path of the test model", async () => {
    const model = createTestModel(approvalMachine, TRAVERSAL);
    for (const path of model.getSimplePaths()) {
      let persisted: unknown = startWorkflow();
      const exec = (step: { event: unknown }) => {
        persisted = mustApply(persisted, step.event as WorkflowEvent);
      };
      const stateChecks = Object.fromEntries(
        APPROVAL_STATES.map(state => [state, () => expect(restoreWorkflow(persisted).value).toBe(state)]),
      );

      await path.test({
        events: Object.fromEntries(WORKFLOW_EVENT_TYPES.map(type => [type, exec])),
        states: stateChecks,
      });
    }
  });
});
