import { dueDate, isOverdue, publishedLate, shanghaiDate } from "../../src/workflow";

describe("deadline", () => {
  it("makes the report for a year due on 31 January of the next year", () => {
    expect(dueDate(2024)).toBe("2025-01-31");
  });

  it("rejects a year that is not a whole number", () => {
    expect(() => dueDate(2024.5)).toThrow(RangeError);
  });

  it("reads dates in Beijing time", () => {
    expect(shanghaiDate(new Date("2025-01-31T15:59:59Z"))).toBe("2025-01-31");
    expect(shanghaiDate(new Date("2025-01-31T16:00:00Z"))).toBe("2025-02-01");
  });

  it("is not overdue until the due date has passed in Beijing", () => {
    expect(isOverdue(2024, "draft", new Date("2025-01-31T15:59:59Z"))).toBe(false);
    expect(isOverdue(2024, "draft", new Date("2025-01-31T16:00:00Z"))).toBe(true);
  });

  it.each(["secrecyReview", "leadershipSignOff", "approved"] as const)(
    "is overdue in %s after the due date",
    state => {
      expect(isOverdue(2024, state, new Date("2025-03-01T00:00:00Z"))).toBe(true);
    },
  );

  it("is never overdue once published", () => {
    expect(isOverdue(2024, "published", new Date("2026-01-01T00:00:00Z"))).toBe(false);
  });

  it("is not overdue while a published report is being corrected", () => {
    const progress = { state: "draft" as const, publishedRevision: 1 };

    expect(isOverdue(2024, progress, new Date("2026-01-01T00:00:00Z"))).toBe(false);
  });

  it("is overdue when the report was never published", () => {
    const progress = { state: "approved" as const, publishedRevision: null };

    expect(isOverdue(2024, progress, new Date("2025-02-01T00:00:00Z"))).toBe(true);
  });

  it("counts a publication late only after 31 January in Beijing", () => {
    expect(publishedLate(2024, "2025-01-31T15:59:59Z")).toBe(false);
    expect(publishedLate(2024, "2025-01-31T16:00:00Z")).toBe(true);
    expect(publishedLate(2024, new Date("2024-12-30T00:00:00Z"))).toBe(false);
  });

  it("rejects a publication time that is not a time", () => {
    expect(() => publishedLate(2024, "yesterday")).toThrow(RangeError);
  });
});
