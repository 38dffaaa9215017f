import { DEADLINE_RULES, deadlineInstant, deadlineRule, dueDate, inferAgencyKind, isOverdue, publishedLate, shanghaiDate } from "../../src/workflow";
import type { AgencyClass } from "../../src/workflow";

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

  it.each(["secrecyReview", "leadershipSignOff", "approved"] as const)("is overdue in %s after the due date", state => {
    expect(isOverdue(2024, state, new Date("2025-03-01T00:00:00Z"))).toBe(true);
  });

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

  describe("by agency kind (条例 第四十九条)", () => {
    const county: AgencyClass = { kind: "GOVERNMENT", level: "COUNTY" };
    const department: AgencyClass = { kind: "DEPARTMENT", level: "COUNTY" };

    it("makes a local people's government's report due on 31 March and a department's on 31 January", () => {
      expect(dueDate(2024, county)).toBe("2025-03-31");
      expect(dueDate(2024, { kind: "GOVERNMENT", level: null })).toBe("2025-03-31");
      expect(dueDate(2024, department)).toBe("2025-01-31");
      expect(dueDate(2024, { kind: "GOVERNMENT", level: "TOWNSHIP" })).toBe("2025-01-31");
    });

    it("does not call a government's report published in February late, but a department's", () => {
      expect(publishedLate(2024, "2025-02-20T02:00:00Z", county)).toBe(false);
      expect(publishedLate(2024, "2025-02-20T02:00:00Z", department)).toBe(true);
      expect(publishedLate(2024, "2025-03-31T15:59:59Z", county)).toBe(false);
      expect(publishedLate(2024, "2025-03-31T16:00:00Z", county)).toBe(true);
    });

    it("calls a government's unpublished report overdue only after 31 March", () => {
      expect(isOverdue(2024, "draft", new Date("2025-03-01T00:00:00Z"), county)).toBe(false);
      expect(isOverdue(2024, "draft", new Date("2025-04-01T00:00:00Z"), county)).toBe(true);
    });

    it("gives the first instant after the due day in Beijing time", () => {
      expect(deadlineInstant(2024, county).toISOString()).toBe("2025-03-31T16:00:00.000Z");
      expect(deadlineInstant(2024).toISOString()).toBe("2025-01-31T16:00:00.000Z");
    });

    it("keeps every deadline as data with its basis, and finds one for every kind and level", () => {
      expect(DEADLINE_RULES.every(rule => /^\d{2}-\d{2}$/.test(rule.monthDay) && rule.basis.includes("第四十九条"))).toBe(true);
      for (const kind of ["GOVERNMENT", "DEPARTMENT"] as const) {
        for (const level of ["NATIONAL", "PROVINCIAL", "CITY", "COUNTY", "TOWNSHIP", null] as const) {
          expect(deadlineRule({ kind, level }).kind).toBe(kind);
        }
      }
    });

    it("takes a name ending in 人民政府 for a government, and its 办公厅 for a department", () => {
      expect(inferAgencyKind("沭阳县人民政府")).toBe("GOVERNMENT");
      expect(inferAgencyKind("上海市人民政府办公厅")).toBe("DEPARTMENT");
      expect(inferAgencyKind("广州市越秀区应急管理局")).toBe("DEPARTMENT");
    });
  });
});
