import { applyEvent, restoreWorkflow, workflowDefinition } from "../../src/workflow";
import type { PersistedWorkflow } from "../../src/workflow";
import { AT, USERS, ev, persistedIn, replay } from "./fixtures";

const LATER = "2025-01-25T01:00:00.000Z";
const scheduled = (): PersistedWorkflow => replay([ev("SCHEDULE_PUBLISH", USERS.publisher, { publishAt: LATER })], persistedIn("approved"));
const codes = (persisted: unknown, event: Parameters<typeof applyEvent>[1]) => {
  const result = applyEvent(persisted, event);
  return result.ok ? [] : result.reasons.map(r => r.code);
};

describe("scheduled publication in the machine (version 3)", () => {
  it("records the schedule and who set it, stays approved, and a publication consumes it", () => {
    const persisted = scheduled();
    expect(persisted.snapshot.value).toBe("approved");
    expect(persisted.snapshot.context).toMatchObject({ scheduledPublishAt: LATER, scheduledBy: USERS.publisher.userId });
    const published = replay([ev("PUBLISH", USERS.publisher, { scheduledFor: LATER, at: LATER })], persisted);
    expect(published.snapshot.value).toBe("published");
    expect(published.snapshot.context).toMatchObject({ scheduledPublishAt: null, scheduledBy: null, publishedAt: LATER });
  });

  it("lets a PUBLISHER cancel a standing schedule and refuses to cancel none", () => {
    const cancelled = replay([ev("UNSCHEDULE_PUBLISH", USERS.publisher)], scheduled());
    expect(cancelled.snapshot.context).toMatchObject({ scheduledPublishAt: null, scheduledBy: null });
    expect(codes(cancelled, ev("UNSCHEDULE_PUBLISH", USERS.publisher))).toEqual(["NOT_SCHEDULED"]);
    expect(codes(scheduled(), ev("UNSCHEDULE_PUBLISH", USERS.drafter))).toEqual(["MISSING_ROLE"]);
  });

  it("refuses a time that is missing, unreadable or not after the event, a non-publisher, and content not signed", () => {
    const approved = persistedIn("approved");
    expect(codes(approved, ev("SCHEDULE_PUBLISH", USERS.publisher))).toEqual(["PUBLISH_AT_INVALID"]);
    expect(codes(approved, ev("SCHEDULE_PUBLISH", USERS.publisher, { publishAt: "soon" }))).toEqual(["PUBLISH_AT_INVALID"]);
    expect(codes(approved, ev("SCHEDULE_PUBLISH", USERS.publisher, { publishAt: AT }))).toEqual(["PUBLISH_AT_INVALID"]);
    expect(codes(approved, ev("SCHEDULE_PUBLISH", USERS.leader, { publishAt: LATER }))).toEqual(["MISSING_ROLE"]);
    expect(codes(approved, ev("SCHEDULE_PUBLISH", USERS.publisher, { publishAt: LATER, facts: { contentHash: "sha256:edited" } }))).toEqual(["HASH_MISMATCH"]);
    expect(codes(persistedIn("draft"), ev("SCHEDULE_PUBLISH", USERS.publisher, { publishAt: LATER }))).toEqual(["WRONG_STATE"]);
  });

  it("refuses the scheduler's PUBLISH once its schedule no longer stands (cancelled, replaced, or set by another)", () => {
    const event = ev("PUBLISH", USERS.publisher, { scheduledFor: LATER });
    expect(codes(replay([ev("UNSCHEDULE_PUBLISH", USERS.publisher)], scheduled()), event)).toEqual(["SCHEDULE_WITHDRAWN"]);
    const replaced = replay([ev("SCHEDULE_PUBLISH", USERS.publisher, { publishAt: "2025-01-26T01:00:00.000Z" })], scheduled());
    expect(codes(replaced, event)).toEqual(["SCHEDULE_WITHDRAWN"]);
    const other = { userId: "u-publisher-2", roles: ["PUBLISHER" as const] };
    expect(codes(scheduled(), ev("PUBLISH", other, { scheduledFor: LATER }))).toEqual(["SCHEDULE_WITHDRAWN"]);
    // A publication by hand is not held to any schedule.
    expect(codes(scheduled(), ev("PUBLISH", other))).toEqual([]);
  });

  it("is part of the machine's definition, with Chinese labels", () => {
    const events = workflowDefinition().events.filter(e => e.id.endsWith("SCHEDULE_PUBLISH"));
    expect(events.map(e => [e.id, e.label, e.from, e.to, e.roles])).toEqual([
      ["SCHEDULE_PUBLISH", "定时发布", ["approved"], "approved", ["PUBLISHER"]],
      ["UNSCHEDULE_PUBLISH", "取消定时发布", ["approved"], "approved", ["PUBLISHER"]],
    ]);
    expect(restoreWorkflow(scheduled()).can(ev("UNSCHEDULE_PUBLISH", USERS.publisher))).toBe(true);
  });
});
