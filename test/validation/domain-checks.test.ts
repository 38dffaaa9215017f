import { validateReport } from "../../src/validation";
import { seedReport, withCells, zeroReport } from "./report-fixtures";

const CHANGE = "active.art20_5/active.license/col.change";
const AMOUNT_2019 = "active.art20_9/active.procurement/col.procurement_amount";
const FEE_2021 = "active.art20_8/active.fee/col.fee_amount";

describe("validateReport: cell values", () => {
  it("allows a negative 本年增/减 in gb2019", () => {
    const report = withCells(seedReport(), { [CHANGE]: "-2" });

    expect(validateReport(report)).toEqual([]);
  });

  it("rejects a negative count, naming the cell and the value", () => {
    const report = withCells(zeroReport("gb2021", 2023), { "active.art20_6/active.penalty/col.decisions": "-1" });

    const violations = validateReport(report);

    expect(violations).toEqual([
      {
        ruleId: "domain.nonnegative",
        kind: "implied",
        severity: "ERROR",
        message: "“本年处理决定数量 · 行政处罚”不能为负数，但填了 -1",
        cells: [expect.objectContaining({ key: "active.art20_6/active.penalty/col.decisions", value: "-1" })],
      },
    ]);
  });

  it("rejects a fraction in a count cell", () => {
    const report = withCells(seedReport(), { [CHANGE]: "1.5" });

    const violations = validateReport(report);

    expect(violations.map(v => v.ruleId)).toEqual(["domain.integer"]);
    expect(violations[0].message).toBe("“本年增/减 · 行政许可”是件数，应为整数，但填了 1.5");
  });

  it("accepts an amount with six decimal places and keeps it exact", () => {
    const report = withCells(zeroReport("gb2021", 2023), { [FEE_2021]: "24252.311082" });

    expect(validateReport(report)).toEqual([]);
  });

  it("rejects an amount with seven decimal places", () => {
    const report = withCells(seedReport(), { [AMOUNT_2019]: "27.3700001" });

    const violations = validateReport(report);

    expect(violations.map(v => v.ruleId)).toEqual(["domain.scale"]);
    expect(violations[0].message).toContain("27.3700001");
  });

  it("rejects a negative amount", () => {
    const report = withCells(zeroReport("gb2021", 2023), { [FEE_2021]: "-0.5" });

    expect(validateReport(report).map(v => v.ruleId)).toEqual(["domain.nonnegative"]);
  });

  it("rejects text that is not a number and skips the sums it is in", () => {
    const report = withCells(zeroReport("gb2021", 2023), { "apply/apply.new/col.natural": "三" });

    const violations = validateReport(report);

    expect(violations.map(v => v.ruleId)).toEqual(["domain.number"]);
    expect(violations[0].message).toBe("“自然人 · 一、本年新收政府信息公开申请数量”的值“三”不是数字");
  });

  it("reports one violation per bad cell", () => {
    const report = withCells(zeroReport("gb2021", 2023), {
      "review/review.count/col.review.upheld": "-1",
      "review/review.count/col.review.total": "-1",
    });

    const violations = validateReport(report);

    expect(violations.map(v => v.cells.map(c => c.label))).toEqual([["行政复议 · 结果维持"], ["行政复议 · 总计"]]);
  });
});
