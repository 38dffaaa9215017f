import fc from "fast-check";
import { transition } from "xstate";
import { APPROVAL_STATES, approvalMachine, explain, ROLES, viewerActions, WORKFLOW_EVENT_TYPES, type WorkflowEvent } from "../../src/workflow";
import { AT, ev, FACTS, HASH, snapshotIn, USERS } from "./fixtures";

const userId = fc.constantFrom(...Object.values(USERS).map(u => u.userId));
const hash = fc.constantFrom(HASH, "sha256:other");

const event: fc.Arbitrary<WorkflowEvent> = fc.record({
  type: fc.constantFrom(...WORKFLOW_EVENT_TYPES),
  actor: fc.record({ userId, roles: fc.subarray([...ROLES]) }),
  facts: fc.record({
    errorCount: fc.nat({ max: 3 }),
    emptySections: fc.subarray(["sec.overview", "sec.problems"]),
    editorIds: fc.subarray(
      Object.values(USERS).map(u => u.userId),
      { maxLength: 2 },
    ),
    submitterIds: fc.subarray(
      Object.values(USERS).map(u => u.userId),
      { maxLength: 1 },
    ),
    secrecyReviewerIds: fc.subarray(
      Object.values(USERS).map(u => u.userId),
      { maxLength: 1 },
    ),
    contentHash: hash,
  }),
  reason: fc.option(fc.constantFrom("", "  ", "数据需复核"), { nil: undefined }),
  at: fc.constant(AT),
});

describe("explain", () => {
  it("agrees with snapshot.can for random events in every state", () => {
    const seen = { allowed: 0, refused: 0 };
    fc.assert(
      fc.property(fc.constantFrom(...APPROVAL_STATES), event, (state, e) => {
        const snapshot = snapshotIn(state);

        const { allowed, reasons } = explain(snapshot, e);

        expect(allowed).toBe(snapshot.can(e));
        expect(reasons.length === 0).toBe(allowed);
        seen[allowed ? "allowed" : "refused"] += 1;
      }),
      { numRuns: 2000 },
    );
    // Note: a property that only ever sees refusals would prove little.
    expect(seen.allowed).toBeGreaterThan(20);
    expect(seen.refused).toBeGreaterThan(20);
  });

  it("agrees with snapshot.can after random event sequences", () => {
    fc.assert(
      fc.property(fc.constantFrom(...APPROVAL_STATES), fc.array(event, { maxLength: 30 }), (start, events) => {
        let snapshot = snapshotIn(start);
        for (const e of events) {
          expect(explain(snapshot, e).allowed).toBe(snapshot.can(e));
          [snapshot] = transition(approvalMachine, snapshot, e);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("says what to do in English and Chinese", () => {
    const event = ev("SUBMIT", USERS.drafter, { facts: { errorCount: 2 } });

    const { reasons } = explain(snapshotIn("draft"), event);

    expect(reasons).toEqual([
      {
        code: "VALIDATION_ERRORS",
        message: "Fix the 2 validation error(s) before submitting. 报告有2处校验错误，请修正后再提交。",
      },
    ]);
  });

  it("names the states where a refused event is possible", () => {
    const { reasons } = explain(snapshotIn("draft"), ev("REJECT", USERS.leader, { reason: "x" }));

    expect(reasons[0].message).toContain("secrecyReview or leadershipSignOff");
    expect(reasons[0].message).toContain("「保密审查」或「领导签发」");
  });
});

describe("viewerActions", () => {
  it("lists every event with whether the viewer may take it", () => {
    const actions = viewerActions(snapshotIn("secrecyReview"), {
      actor: USERS.reviewer,
      facts: FACTS,
      at: AT,
    });

    expect(actions.map(a => [a.event, a.allowed])).toEqual([
      ["SUBMIT", false],
      ["WITHDRAW", false],
      ["CLEAR_SECRECY", true],
      ["SIGN_OFF", false],
      ["REJECT", true],
      ["PUBLISH", false],
      ["CORRECT", false],
      ["SCHEDULE_PUBLISH", false],
      ["UNSCHEDULE_PUBLISH", false],
      ["RECORD_PUBLISHED", false],
    ]);
  });

  it("does not hold a missing reason against the viewer but flags it as required", () => {
    const [reject] = viewerActions(snapshotIn("leadershipSignOff"), {
      actor: USERS.leader,
      facts: FACTS,
      at: AT,
    }).filter(a => a.event === "REJECT");

    expect(reject).toEqual({ event: "REJECT", allowed: true, reasons: [], reasonRequired: true });
  });

  it("gives the submitter the four-eyes reason for clearing", () => {
    const actions = viewerActions(snapshotIn("secrecyReview"), {
      actor: { ...USERS.reviewer, userId: USERS.drafter.userId },
      facts: FACTS,
      at: AT,
    });

    const clear = actions.find(a => a.event === "CLEAR_SECRECY");

    expect(clear?.reasons.map(r => r.code)).toEqual(["FOUR_EYES_SUBMITTER"]);
  });
});
