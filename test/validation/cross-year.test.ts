import { getFormat } from "../../src/formats";
import { carryOverPairs, hasErrors } from "../../src/validation";
import { seedReport, validateTables, withCells, zeroReport } from "./report-fixtures";

const CARRY_OVER = "apply/apply.carry_over";
const CARRY_FORWARD = "apply/apply.carry_forward";
const RULES_ROW = "active.art20_1/active.rules";

/**
 * A consistent gb2021 report of natural-person applications: `carriedIn` carried over
 * and all decided this year, `carriedOut` newly received and all carried on.
 */
function carriedReport(year: number, carriedIn: string, carriedOut: string) {
  const both = (row: string, value: string) => ({ [`${row}/col.natural`]: value, [`${row}/col.total`]: value });
  return withCells(zeroReport("gb2021", year), {
    ...both(CARRY_OVER, carriedIn),
    ...both("apply/apply.result.open", carriedIn),
    ...both("apply/apply.result.total", carriedIn),
    ...both("apply/apply.new", carriedOut),
    ...both(CARRY_FORWARD, carriedOut),
  });
}

describe("validateReport: cross-year rules", () => {
  it("accepts a carry-over equal to last year's carry-forward", () => {
    const previous = carriedReport(2022, "0", "2");
    const report = carriedReport(2023, "2", "2");

    expect(validateTables(report, previous)).toEqual([]);
  });

  it("makes a carry-over mismatch an error naming both years", () => {
    // Arrange
    const previous = carriedReport(2022, "0", "3");
    const report = carriedReport(2023, "2", "2");

    // Act
    const violations = validateTables(report, previous);

    // Assert
    expect(violations.map(v => [v.ruleId, v.severity])).toEqual([
      ["xyear.carry.col.natural", "ERROR"],
      ["xyear.carry.col.total", "ERROR"],
    ]);
    expect(violations[0].message).toBe("自然人列：本年“上年结转” 2，但 2022 年报告“结转下年度继续办理” 3");
    expect(violations[0].cells).toEqual([
      expect.objectContaining({ key: `${CARRY_OVER}/col.natural`, value: "2" }),
      expect.objectContaining({ key: `${CARRY_FORWARD}/col.natural`, value: "3", year: 2022 }),
    ]);
    expect(violations[0].cells[0].year).toBeUndefined();
  });

  it("makes an in-force count that does not follow from last year a warning only", () => {
    const previous = withCells(zeroReport("gb2021", 2022), { [`${RULES_ROW}/col.in_force`]: "3" });
    const report = withCells(zeroReport("gb2021", 2023), {
      [`${RULES_ROW}/col.in_force`]: "5",
      [`${RULES_ROW}/col.issued`]: "2",
      [`${RULES_ROW}/col.repealed`]: "1",
    });

    const violations = validateTables(report, previous);

    expect(violations).toEqual([expect.objectContaining({ ruleId: "xyear.inforce.active.rules", kind: "heuristic", severity: "WARNING" })]);
    expect(violations[0].message).toBe(
      "第二十条第（一）项 · 规章：左边 本年“现行有效件数” 5 = 5，但右边 2022 年“现行有效件数” 3 + 本年“本年制发件数” 2 − 本年“本年废止件数” 1 = 4",
    );
    expect(hasErrors(violations)).toBe(false);
  });

  it("checks gb2019 item counts against last year's count plus 本年增/减", () => {
    const previous = { ...withCells(seedReport(), { "active.art20_5/active.license/col.change": "-1" }), year: 2019 };
    const report = seedReport();

    const violations = validateTables(report, previous);

    expect(violations.map(v => [v.ruleId, v.severity])).toEqual([["xyear.items.active.license", "WARNING"]]);
    expect(violations[0].message).toContain("2019 年“本年增/减” -1");
  });

  it("skips rules whose cells last year's format does not have (gb2019 → gb2021)", () => {
    const previous = seedReport();
    const report = withCells(zeroReport("gb2021", 2021), { [`${RULES_ROW}/col.in_force`]: "9" });

    const violations = validateTables(report, previous);

    expect(violations).toEqual([]);
  });

  it("still checks the carry-over across the format switch", () => {
    const previous = withCells(seedReport(), {
      ["apply/apply.new/col.natural"]: "1",
      ["apply/apply.new/col.total"]: "1",
      [`${CARRY_FORWARD}/col.natural`]: "1",
      [`${CARRY_FORWARD}/col.total`]: "1",
    });

    const violations = validateTables(zeroReport("gb2021", 2021), previous);

    expect(violations.map(v => v.ruleId)).toEqual(["xyear.carry.col.natural", "xyear.carry.col.total"]);
    expect(violations[0].message).toContain("2020 年报告");
  });

  it("skips a rule when last year's cell is absent and counts a blank as 0", () => {
    const previous = withCells(zeroReport("gb2021", 2022), {
      [`${CARRY_FORWARD}/col.natural`]: undefined,
      [`${CARRY_FORWARD}/col.total`]: null,
    });
    const report = carriedReport(2023, "2", "2");

    const violations = validateTables(report, previous);

    expect(violations.map(v => v.ruleId)).toEqual(["xyear.carry.col.total"]);
    expect(violations[0].message).toBe("总计列：本年“上年结转” 2，但 2022 年报告“结转下年度继续办理” 空白（空白按 0 计）");
  });
});

describe("carryOverPairs", () => {
  it("reads the cross-year rules as this year's cell ← last year's cell", () => {
    const pairs = carryOverPairs(getFormat("gb2021").def.cross_year_rules);

    expect(pairs).toContainEqual({ key: "apply/apply.carry_over/col.natural", previousKey: "apply/apply.carry_forward/col.natural" });
    // Rules with several cells on a side (e.g. a sum of columns across the formats) are not pairs and are left out.
    expect(pairs.length).toBe(7);
    expect(pairs.every(pair => pair.key.startsWith(`${CARRY_OVER}/`) && pair.previousKey.startsWith(`${CARRY_FORWARD}/`))).toBe(true);
  });
});
