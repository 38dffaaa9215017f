import * as fs from "fs";
import * as path from "path";
import { hasErrors, validateReport } from "../../src/validation";
import { SAMPLES_DIR, readExpected, reportFromExpected } from "./report-fixtures";

const sampleFiles = fs
  .readdirSync(SAMPLES_DIR)
  .filter(name => name.endsWith(".expected.json"))
  .sort();

describe("validateReport on published reports", () => {
  it("has the seven samples to check", () => {
    expect(sampleFiles).toHaveLength(7);
  });

  it.each(sampleFiles)("gives the verdict a careful reader gave for %s", name => {
    // Arrange
    const expected = readExpected(path.join(SAMPLES_DIR, name));
    const report = reportFromExpected(expected);
    const sumRuleIds = new Set(report.format.def.rules.filter(rule => rule.type !== "domain").map(rule => rule.id));

    // Act
    const violations = validateReport(report);

    // Assert
    const failing = violations.filter(v => sumRuleIds.has(v.ruleId)).map(v => v.ruleId);
    const requiredCells = violations.filter(v => v.ruleId === "required.cell").flatMap(v => v.cells);
    expect(failing.sort()).toEqual([...expected.expected.failing_rules].sort());
    expect(
      requiredCells
        .filter(c => !c.absent)
        .map(c => c.key)
        .sort(),
    ).toEqual([...expected.expected.blank_cells].sort());
    expect(
      requiredCells
        .filter(c => c.absent)
        .map(c => c.key)
        .sort(),
    ).toEqual([...expected.expected.missing_cells].sort());
    expect(hasErrors(violations)).toBe(expected.expected.validate_exit === 1);
  });
});
