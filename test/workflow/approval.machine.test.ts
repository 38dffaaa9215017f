import { createActor, transition } from "xstate";
import {
  APPROVAL_STATES,
  approvalMachine,
  explain,
  WORKFLOW_EVENT_TYPES,
  type ApprovalState,
  type RefusalCode,
  type WorkflowEvent,
  type WorkflowEventType,
} from "../../src/workflow";
import { AT, ev, FACTS, HASH, snapshotIn, USERS } from "./fixtures";

/** A publication before this system: the original date and where (RECORD_PUBLISHED). */
const PAST = { at: "2024-01-25T02:00:00.000Z", source: { url: "https://www.example.gov.cn/2023.html" } };

/** The process as the issue states it; the machine must match it exactly. */
const ALLOWED: Array<[ApprovalState, WorkflowEvent, ApprovalState]> = [
  ["draft", ev("SUBMIT", USERS.drafter), "secrecyReview"],
  ["secrecyReview", ev("WITHDRAW", USERS.drafter), "draft"],
  ["secrecyReview", ev("CLEAR_SECRECY", USERS.reviewer), "leadershipSignOff"],
  ["secrecyReview", ev("REJECT", USERS.reviewer, { reason: "涉密信息未删除" }), "draft"],
  ["leadershipSignOff", ev("SIGN_OFF", USERS.leader), "approved"],
  ["leadershipSignOff", ev("REJECT", USERS.leader, { reason: "数据需复核" }), "draft"],
  ["approved", ev("PUBLISH", USERS.publisher), "published"],
  ["approved", ev("SCHEDULE_PUBLISH", USERS.publisher, { publishAt: "2025-01-25T01:00:00.000Z" }), "approved"],
  ["published", ev("CORRECT", USERS.drafter, { reason: "表三数字有误" }), "draft"],
  ["draft", ev("RECORD_PUBLISHED", USERS.publisher, { publication: PAST }), "published"],
];

// Note: UNSCHEDULE_PUBLISH needs a schedule first; test/workflow/schedule.machine.test.ts takes it.
const LEGAL = new Set([...ALLOWED.map(([from, e]) => `${from}:${e.type}`), "approved:UNSCHEDULE_PUBLISH"]);

/** Every event type in every state where it has no transition. */
const WRONG_STATE: Array<[ApprovalState, WorkflowEventType]> = APPROVAL_STATES.flatMap(state =>
  WORKFLOW_EVENT_TYPES.filter(type => !LEGAL.has(`${state}:${type}`)).map(type => [state, type] as [ApprovalState, WorkflowEventType]),
);

const FORBIDDEN: Array<[string, ApprovalState, WorkflowEvent, RefusalCode]> = [
  ["a drafter recording a past publication", "draft", ev("RECORD_PUBLISHED", USERS.drafter, { publication: PAST }), "MISSING_ROLE"],
  ["an auditor recording a past publication", "draft", ev("RECORD_PUBLISHED", USERS.auditor, { publication: PAST }), "MISSING_ROLE"],
  ["recording a publication without its date and source", "draft", ev("RECORD_PUBLISHED", USERS.publisher), "PUBLICATION_REQUIRED"],
  [
    "recording a publication without a source",
    "draft",
    ev("RECORD_PUBLISHED", USERS.admin, { publication: { at: PAST.at, source: {} } }),
    "PUBLICATION_REQUIRED",
  ],
  [
    "recording a publication dated after the event",
    "draft",
    ev("RECORD_PUBLISHED", USERS.publisher, { publication: { ...PAST, at: "2025-01-21T00:00:00.000Z" } }),
    "PUBLICATION_IN_FUTURE",
  ],
  ["a reviewer submitting", "draft", ev("SUBMIT", USERS.reviewer), "MISSING_ROLE"],
  ["an admin submitting", "draft", ev("SUBMIT", USERS.admin), "MISSING_ROLE"],
  ["submitting with validation errors", "draft", ev("SUBMIT", USERS.drafter, { facts: { errorCount: 2 } }), "VALIDATION_ERRORS"],
  ["submitting with empty required sections", "draft", ev("SUBMIT", USERS.drafter, { facts: { emptySections: ["sec.overview"] } }), "EMPTY_SECTIONS"],
  ["another drafter withdrawing", "secrecyReview", ev("WITHDRAW", USERS.editor), "NOT_SUBMITTER"],
  ["a drafter clearing secrecy", "secrecyReview", ev("CLEAR_SECRECY", USERS.editor), "MISSING_ROLE"],
  [
    "the last editor clearing secrecy",
    "secrecyReview",
    ev("CLEAR_SECRECY", USERS.reviewer, { facts: { editorIds: [USERS.reviewer.userId] } }),
    "FOUR_EYES_EDITOR",
  ],
  [
    "clearing content changed since submission",
    "secrecyReview",
    ev("CLEAR_SECRECY", USERS.reviewer, { facts: { contentHash: "sha256:other" } }),
    "CONTENT_CHANGED",
  ],
  ["a leader rejecting in secrecy review", "secrecyReview", ev("REJECT", USERS.leader, { reason: "x" }), "MISSING_ROLE"],
  ["a reviewer rejecting without reason", "secrecyReview", ev("REJECT", USERS.reviewer), "REASON_REQUIRED"],
  ["a reviewer rejecting with a blank reason", "secrecyReview", ev("REJECT", USERS.reviewer, { reason: "  \n" }), "REASON_REQUIRED"],
  ["a reviewer signing off", "leadershipSignOff", ev("SIGN_OFF", USERS.reviewer), "MISSING_ROLE"],
  [
    "signing content changed since submission",
    "leadershipSignOff",
    ev("SIGN_OFF", USERS.leader, { facts: { contentHash: "sha256:other" } }),
    "CONTENT_CHANGED",
  ],
  ["a leader rejecting without reason", "leadershipSignOff", ev("REJECT", USERS.leader), "REASON_REQUIRED"],
  ["a reviewer rejecting at sign-off", "leadershipSignOff", ev("REJECT", USERS.reviewer, { reason: "x" }), "MISSING_ROLE"],
  ["a leader publishing", "approved", ev("PUBLISH", USERS.leader), "MISSING_ROLE"],
  ["publishing a hash other than the signed one", "approved", ev("PUBLISH", USERS.publisher, { facts: { contentHash: "sha256:edited" } }), "HASH_MISMATCH"],
  ["correcting without reason", "published", ev("CORRECT", USERS.drafter), "REASON_REQUIRED"],
  ["an auditor correcting", "published", ev("CORRECT", USERS.auditor, { reason: "x" }), "MISSING_ROLE"],
];

describe("approvalMachine", () => {
  it("records a past publication with its own date, not the event's (RECORD_PUBLISHED)", () => {
    const [next] = transition(approvalMachine, snapshotIn("draft"), ev("RECORD_PUBLISHED", USERS.admin, { publication: PAST }));
    expect(next.value).toBe("published");
    expect(next.context).toMatchObject({ publishedRevision: 1, publishedAt: PAST.at, firstPublishedAt: PAST.at, publishedContentHash: HASH });
  });

  it("does not record a past publication over a correction of a report published here", () => {
    const correcting = snapshotIn("published");
    const [draft] = transition(approvalMachine, correcting, ev("CORRECT", USERS.drafter, { reason: "更正" }));
    const event = ev("RECORD_PUBLISHED", USERS.publisher, { publication: PAST });
    expect(explain(draft, event).reasons.map(r => r.code)).toEqual(["ALREADY_PUBLISHED"]);
    expect(transition(approvalMachine, draft, event)[0].value).toBe("draft");
  });

  it("starts in draft at revision 1 with nothing published", () => {
    const snapshot = snapshotIn("draft");

    expect(snapshot.value).toBe("draft");
    expect(snapshot.context).toMatchObject({ revision: 1, publishedRevision: null });
  });

  it.each(ALLOWED.map(([from, e, to]) => [from, e.type, to, e] as const))("in %s takes %s to %s", (from, _type, to, event) => {
    const snapshot = snapshotIn(from);

    const [next] = transition(approvalMachine, snapshot, event);

    expect(next.value).toBe(to);
  });

  it.each(WRONG_STATE)("in %s refuses %s as WRONG_STATE", (state, type) => {
    const snapshot = snapshotIn(state);
    const event = ev(type, USERS.drafter, { reason: "r" });

    const [next] = transition(approvalMachine, snapshot, event);

    expect(next.value).toBe(state);
    expect(next.context).toEqual(snapshot.context);
    expect(explain(snapshot, event).reasons.map(r => r.code)).toEqual(["WRONG_STATE"]);
  });

  it.each(FORBIDDEN)("refuses %s", (_name, state, event, code) => {
    const snapshot = snapshotIn(state);

    const [next] = transition(approvalMachine, snapshot, event);

    expect(next.value).toBe(state);
    expect(explain(snapshot, event).reasons.map(r => r.code)).toContain(code);
  });

  describe("four eyes", () => {
    const submittedBy = (who: typeof USERS.drafterReviewer) => transition(approvalMachine, snapshotIn("draft"), ev("SUBMIT", who))[0];

    it("refuses a reviewer clearing the report they submitted", () => {
      const snapshot = submittedBy(USERS.drafterReviewer);
      const event = ev("CLEAR_SECRECY", USERS.drafterReviewer);

      expect(snapshot.can(event)).toBe(false);
      expect(explain(snapshot, event).reasons.map(r => r.code)).toEqual(["FOUR_EYES_SUBMITTER"]);
    });

    it("refuses a leader signing off the report they submitted", () => {
      const submitted = submittedBy(USERS.drafterLeader);
      const clear = ev("CLEAR_SECRECY", USERS.reviewer);
      const [atSignOff] = transition(approvalMachine, submitted, clear);
      const event = ev("SIGN_OFF", USERS.drafterLeader);

      expect(atSignOff.value).toBe("leadershipSignOff");
      expect(atSignOff.can(event)).toBe(false);
      expect(explain(atSignOff, event).reasons.map(r => r.code)).toEqual(["FOUR_EYES_SUBMITTER"]);
    });

    // Issue 9 §2, scenario 1: edited a section earlier; a later trivial edit by someone else; a third submits.
    it("refuses a reviewer who edited the revision earlier, not only last, clearing it", () => {
      const submitted = submittedBy(USERS.drafter);
      const event = ev("CLEAR_SECRECY", USERS.drafterReviewer, {
        facts: { editorIds: [USERS.drafterReviewer.userId, USERS.editor.userId] },
      });

      expect(submitted.can(event)).toBe(false);
      expect(explain(submitted, event).reasons.map(r => r.code)).toEqual(["FOUR_EYES_EDITOR"]);
      expect(explain(submitted, event).reasons[0].message).toMatch(/changed the content.*修改过/);
    });

    // Issue 9 §2, scenario 2: one person with SECRECY_REVIEWER + LEADER clears and then signs the same revision.
    it("refuses the secrecy reviewer signing off the revision they cleared", () => {
      const both = { userId: "u-reviewer-leader", roles: ["SECRECY_REVIEWER", "LEADER"] } as const;
      const [atSignOff] = transition(approvalMachine, submittedBy(USERS.drafter), ev("CLEAR_SECRECY", both));
      const event = ev("SIGN_OFF", both);

      expect(atSignOff.value).toBe("leadershipSignOff");
      expect(atSignOff.can(event)).toBe(false);
      expect(explain(atSignOff, event).reasons.map(r => r.code)).toEqual(["FOUR_EYES_REVIEWER"]);
    });

    it("refuses a leader who cleared an earlier round of the same revision", () => {
      const [atSignOff] = transition(approvalMachine, submittedBy(USERS.drafter), ev("CLEAR_SECRECY", USERS.reviewer));
      const event = ev("SIGN_OFF", USERS.leader, { facts: { secrecyReviewerIds: [USERS.leader.userId] } });

      expect(explain(atSignOff, event).reasons.map(r => r.code)).toEqual(["FOUR_EYES_REVIEWER"]);
      expect(atSignOff.can(event)).toBe(false);
    });

    // Issue 9 §2, scenario 3: a leader who edited the content signs it off.
    it("refuses a leader who edited the content signing it off", () => {
      const [atSignOff] = transition(approvalMachine, submittedBy(USERS.drafter), ev("CLEAR_SECRECY", USERS.reviewer));
      const event = ev("SIGN_OFF", USERS.drafterLeader, { facts: { editorIds: [USERS.drafterLeader.userId] } });

      expect(atSignOff.can(event)).toBe(false);
      expect(explain(atSignOff, event).reasons.map(r => r.code)).toEqual(["FOUR_EYES_EDITOR"]);
    });

    it("refuses an earlier round's submitter clearing the revision", () => {
      const event = ev("CLEAR_SECRECY", USERS.drafterReviewer, { facts: { submitterIds: [USERS.drafterReviewer.userId] } });

      expect(explain(submittedBy(USERS.drafter), event).reasons.map(r => r.code)).toEqual(["FOUR_EYES_SUBMITTER"]);
    });

    it("lists every reason at once", () => {
      const event = ev("SUBMIT", USERS.auditor, {
        facts: { errorCount: 1, emptySections: ["sec.problems"] },
      });

      const codes = explain(snapshotIn("draft"), event).reasons.map(r => r.code);

      expect(codes).toEqual(["MISSING_ROLE", "VALIDATION_ERRORS", "EMPTY_SECTIONS"]);
    });
  });

  describe("context", () => {
    it("records the submitter, time and hash on SUBMIT", () => {
      const event = ev("SUBMIT", USERS.drafter, { at: "2025-01-05T01:00:00.000Z" });

      const [next] = transition(approvalMachine, snapshotIn("draft"), event);

      expect(next.context).toMatchObject({
        submitterId: USERS.drafter.userId,
        lastSubmittedAt: "2025-01-05T01:00:00.000Z",
        submittedContentHash: HASH,
      });
    });

    it("records who cleared secrecy review", () => {
      expect(snapshotIn("leadershipSignOff").context).toMatchObject({
        secrecyClearedBy: USERS.reviewer.userId,
      });
    });

    it("records the signed content hash and signer on SIGN_OFF", () => {
      expect(snapshotIn("approved").context).toMatchObject({
        signedContentHash: FACTS.contentHash,
        signedBy: USERS.leader.userId,
      });
    });

    it("records the rejection with its trimmed reason and source state", () => {
      const event = ev("REJECT", USERS.leader, { reason: "  数据需复核 " });

      const [next] = transition(approvalMachine, snapshotIn("leadershipSignOff"), event);

      expect(next.context.lastRejection).toEqual({
        by: USERS.leader.userId,
        reason: "数据需复核",
        at: event.at,
        from: "leadershipSignOff",
      });
    });

    it("clears the last rejection when the report is submitted again", () => {
      const reject = ev("REJECT", USERS.reviewer, { reason: "r" });
      const [rejected] = transition(approvalMachine, snapshotIn("secrecyReview"), reject);

      const [resubmitted] = transition(approvalMachine, rejected, ev("SUBMIT", USERS.drafter));

      expect(rejected.context.lastRejection).not.toBeNull();
      expect(resubmitted.context.lastRejection).toBeNull();
    });

    it("records the published revision on PUBLISH", () => {
      expect(snapshotIn("published").context).toMatchObject({
        publishedRevision: 1,
        publishedContentHash: HASH,
        publishedAt: AT,
        firstPublishedAt: AT,
      });
    });

    it("opens a correction as the next revision and keeps the published one", () => {
      const event = ev("CORRECT", USERS.drafter, { reason: "表三数字有误" });

      const [next] = transition(approvalMachine, snapshotIn("published"), event);

      expect(next.context).toMatchObject({
        revision: 2,
        publishedRevision: 1,
        correctionReason: "表三数字有误",
        signedContentHash: null,
        signedBy: null,
        secrecyClearedBy: null,
      });
    });

    it("publishes the correction as revision 2 and keeps the first publication time", () => {
      const first = snapshotIn("published");
      const steps = [
        ev("CORRECT", USERS.drafter, { reason: "更正" }),
        ev("SUBMIT", USERS.drafter),
        ev("CLEAR_SECRECY", USERS.reviewer),
        ev("SIGN_OFF", USERS.leader),
        ev("PUBLISH", USERS.publisher, { at: "2025-03-01T00:00:00.000Z" }),
      ];

      const last = steps.reduce((s, e) => transition(approvalMachine, s, e)[0], first);

      expect(last.value).toBe("published");
      expect(last.context).toMatchObject({
        revision: 2,
        publishedRevision: 2,
        publishedAt: "2025-03-01T00:00:00.000Z",
        firstPublishedAt: first.context.publishedAt,
      });
    });
  });
});

describe("the machine without input", () => {
  // xstate's transition() starts an actor without input for its inert scope on every call: a context that needs
  // input made each workflow step throw (and xstate catch) a TypeError.
  it("starts as a draft at revision 1, not as an error", () => {
    // Note: typed, createActor asks for the machine's input; xstate's own call passes none.
    const actor = (createActor as (logic: typeof approvalMachine) => ReturnType<typeof createActor<typeof approvalMachine>>)(approvalMachine);
    expect(actor.getSnapshot().status).toBe("active");
    expect(actor.getSnapshot().value).toBe("draft");
    expect(actor.getSnapshot().context.revision).toBe(1);
  });
});
