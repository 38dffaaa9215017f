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
import { WORKFLOW_EDGES } from "../../src/workflow/approval.edges";
import { ev, USERS } from "./fixtures";

/** A publication before this system (RECORD_PUBLISHED): the original date and where. */
const PAST = { at: "2024-01-25T02:00:00.000Z", source: { url: "https://www.example.gov.cn/2023.html" } };

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
  ev("SCHEDULE_PUBLISH", USERS.publisher, { publishAt: "2025-01-25T01:00:00.000Z" }),
  ev("SCHEDULE_PUBLISH", USERS.publisher, { publishAt: "2025-01-01T01:00:00.000Z" }),
  ev("UNSCHEDULE_PUBLISH", USERS.publisher),
  ev("PUBLISH", USERS.publisher, { scheduledFor: "2025-01-25T01:00:00.000Z" }),
  ev("RECORD_PUBLISHED", USERS.publisher, { publication: PAST }),
  ev("RECORD_PUBLISHED", USERS.drafter, { publication: PAST }),
  ev("RECORD_PUBLISHED", USERS.admin),
];

/** Fewer samples for simple paths, whose number grows fast; still covers four eyes. */
const SIMPLE_SAMPLES = SAMPLE_EVENTS.filter(e => !(e.type === "SUBMIT" && e.actor === USERS.drafterLeader) && e.type !== "CORRECT").concat(
  ev("CORRECT", USERS.drafter, { reason: "更正" }),
);

/**
 * Vertices are state plus full context (the default), so a path's end state is
 * exactly what its steps produce. One correction keeps the graph finite.
 */
const oneCorrection = (s: ApprovalSnapshot, e: WorkflowEvent) => e.type !== "CORRECT" || s.context.revision < 2;
const TRAVERSAL = { events: SAMPLE_EVENTS, filterEvents: oneCorrection, input: {} };

function mustApply(persisted: unknown, event: WorkflowEvent): PersistedWorkflow {
  const result = applyEvent(JSON.parse(JSON.stringify(persisted)), event);
  if (!result.ok) {
    throw new Error(`${event.type} refused: ${result.reasons.map(r => r.message).join("; ")}`);
  }
  return result.snapshot;
}

/** Given a path's steps, returns the stored JSON after applying them (skipping xstate.init). */
function mustApplyAll(steps: Array<{ event: { type: string } }>): unknown {
  return steps.filter(step => step.event.type !== "xstate.init").reduce<unknown>((p, step) => mustApply(p, step.event as WorkflowEvent), startWorkflow());
}

describe("approval model", () => {
  const shortest = getShortestPaths(approvalMachine, TRAVERSAL);
  const simple = getSimplePaths(approvalMachine, { ...TRAVERSAL, events: SIMPLE_SAMPLES });

  it.each([
    ["shortest", shortest],
    ["simple", simple],
  ])("reaches every state by %s paths", (_kind, paths) => {
    const reached = new Set(paths.map(p => p.state.value));

    expect([...reached].sort()).toEqual([...APPROVAL_STATES].sort());
  });

  it("takes every transition of the machine on some shortest path", () => {
    const taken = new Set(shortest.flatMap(p => p.steps.slice(1).map((step, i) => `${p.steps[i].state.value}:${step.event.type}`)));

    // Note: UNSCHEDULE_PUBLISH leads back to a vertex already reached (approved, no schedule), so no shortest
    // path ends with it; test/workflow/schedule.machine.test.ts takes it.
    const edges = WORKFLOW_EDGES.filter(e => e.event !== "UNSCHEDULE_PUBLISH").map(e => `${e.from}:${e.event}`);

    expect(edges.filter(e => !taken.has(e))).toEqual([]);
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
      }
    }
  });

  it("keeps applyEvent in step with the test model on every shortest path", async () => {
    const model = createTestModel(approvalMachine, TRAVERSAL);
    for (const path of model.getShortestPaths()) {
      let persisted: unknown = startWorkflow();
      // Note: the model's paths include refused events as self-loops, so the SUT
      // keeps its snapshot on a refusal and the state check catches any drift.
      const exec = ({ event }: { event: unknown }) => {
        const result = applyEvent(persisted, event as WorkflowEvent);
        persisted = result.ok ? result.snapshot : persisted;
      };
      const matches = (model: ApprovalSnapshot) => {
        const sut = restoreWorkflow(persisted);
        expect([sut.value, sut.context]).toEqual([model.value, model.context]);
      };

      await path.test({
        events: Object.fromEntries(WORKFLOW_EVENT_TYPES.map(type => [type, exec])),
        states: Object.fromEntries(APPROVAL_STATES.map(state => [state, matches])),
      });
    }
  });
});
