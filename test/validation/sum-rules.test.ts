import { hasErrors, validateReport } from "../../src/validation";
import type { Violation } from "../../src/validation";
import { seedReport, withCells, zeroReport } from "./report-fixtures";

const ruleIds = (violations: Violation[]) => violations.map(v => v.ruleId).sort();
const byRule = (violations: Violation[], id: string) => violations.find(v => v.ruleId === id);

describe("validateReport: sum rules", () => {
  it("finds nothing wrong in the consistent gb2019 seed", () => {
    // Arrange
    const report = seedReport();

    // Act
    const violations = validateReport(report);

    // Assert
    expect(violations).toEqual([]);
    expect(hasErrors(violations)).toBe(false);
  });

  it("breaks exactly the column identity and the row total when one count changes", () => {
    const report = withCells(seedReport(), { "apply/apply.new/col.natural": "3" });

    const violations = validateReport(report);

    expect(ruleIds(violations)).toEqual(["apply.identity.col.natural", "apply.rowtotal.apply.new"]);
    expect(violations.every(v => v.severity === "ERROR")).toBe(true);
  });

  it("words the column identity with both sides' numbers", () => {
    const report = withCells(seedReport(), {
      "apply/apply.new/col.natural": "3",
      "apply/apply.result.open/col.natural": "2",
      "apply/apply.result.total/col.natural": "2",
      "apply/apply.result.open/col.total": "2",
      "apply/apply.result.total/col.total": "2",
      "apply/apply.new/col.total": "3",
    });

    const identity = byRule(validateReport(report), "apply.identity.col.natural");

    expect(identity?.message).toBe("自然人列：新收 3 + 上年结转 0 = 3，但办理结果总计 2 + 结转下年度 0 = 2");
    expect(identity?.kind).toBe("official");
  });

  it("lists every cell of a violated rule with its value and label", () => {
    const report = withCells(seedReport(), { "apply/apply.new/col.natural": "3" });

    const identity = byRule(validateReport(report), "apply.identity.col.natural");

    expect(identity?.cells).toEqual([
      {
        key: "apply/apply.new/col.natural",
        table: "apply",
        row: "apply.new",
        col: "col.natural",
        label: "自然人 · 一、本年新收政府信息公开申请数量",
        value: "3",
      },
      {
        key: "apply/apply.carry_over/col.natural",
        table: "apply",
        row: "apply.carry_over",
        col: "col.natural",
        label: "自然人 · 二、上年结转政府信息公开申请数量",
        value: "0",
      },
      { key: "apply/apply.result.total/col.natural", table: "apply", row: "apply.result.total", col: "col.natural", label: "自然人 · （七）总计", value: "0" },
      {
        key: "apply/apply.carry_forward/col.natural",
        table: "apply",
        row: "apply.carry_forward",
        col: "col.natural",
        label: "自然人 · 四、结转下年度继续办理",
        value: "0",
      },
    ]);
  });

  it("words a row total with the total, the sum and each applicant column", () => {
    const report = withCells(zeroReport("gb2021", 2023), {
      "apply/apply.new/col.total": "5",
      "apply/apply.new/col.natural": "3",
      "apply/apply.new/col.legal.commercial": "1",
    });

    const rowTotal = byRule(validateReport(report), "apply.rowtotal.apply.new");

    expect(rowTotal?.message).toBe(
      "一、本年新收政府信息公开申请数量：总计 5，但各类申请人之和 4（自然人 3 + 商业企业 1 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 0）",
    );
    expect(rowTotal?.cells).toHaveLength(7);
  });

  it("words （七）总计 on gb2021 with the non-zero results, including a （六） sub-row", () => {
    const report = withCells(zeroReport("gb2021", 2023), {
      "apply/apply.result.total/col.natural": "4",
      "apply/apply.result.open/col.natural": "2",
      "apply/apply.result.other.unpaid_fee/col.natural": "1",
    });

    const resultTotal = byRule(validateReport(report), "apply.resulttotal.col.natural");

    expect(resultTotal?.message).toBe(
      "自然人列：（七）总计 4，但（一）至（六）各项之和 3（（一）予以公开 2 + （六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 1）",
    );
    expect(resultTotal?.cells).toHaveLength(22);
  });

  it("words a review total on gb2021 like the printed table", () => {
    const report = withCells(zeroReport("gb2021", 2023), {
      "review/review.count/col.review.upheld": "10",
      "review/review.count/col.review.corrected": "1",
    });

    const violations = validateReport(report);

    expect(ruleIds(violations)).toEqual(["review.total.col.review"]);
    expect(violations[0].message).toBe("行政复议：总计 0，但结果维持 10 + 结果纠正 1 + 其他结果 0 + 尚未审结 0 = 11");
  });

  it("breaks the gb2021 column identity when the carry-forward is off", () => {
    const report = withCells(zeroReport("gb2021", 2023), {
      "apply/apply.carry_forward/col.legal.research": "1",
      "apply/apply.carry_forward/col.total": "1",
    });

    const violations = validateReport(report);

    expect(ruleIds(violations)).toEqual(["apply.identity.col.legal.research", "apply.identity.col.total"]);
    expect(violations[0].message).toBe("科研机构列：新收 0 + 上年结转 0 = 0，但办理结果总计 0 + 结转下年度 1 = 1");
  });

  it("counts a blank cell as 0 in sums and says so", () => {
    const report = withCells(zeroReport("gb2021", 2023), {
      "apply/apply.new/col.natural": "2",
      "apply/apply.new/col.total": null,
    });

    const rowTotal = byRule(validateReport(report), "apply.rowtotal.apply.new");

    expect(rowTotal?.message).toContain("总计 空白，但各类申请人之和 2");
    expect(rowTotal?.message).toContain("空白按 0 计");
    expect(rowTotal?.cells[0]).toMatchObject({ key: "apply/apply.new/col.total", value: null });
  });

  it("treats a blank that should be 0 as satisfying the rule", () => {
    const report = withCells(zeroReport("gb2021", 2023), { "apply/apply.new/col.legal.other": null });

    const violations = validateReport(report);

    expect(ruleIds(violations)).toEqual(["required.cell"]);
  });

  it("skips a rule that touches an absent cell", () => {
    const report = withCells(zeroReport("gb2021", 2023), {
      "apply/apply.new/col.natural": "2",
      "apply/apply.new/col.total": undefined,
    });

    const violations = validateReport(report);

    expect(ruleIds(violations)).toEqual(["apply.identity.col.natural", "required.cell"]);
  });

  it("words a rule added to the data later from its labels", () => {
    // Arrange: a made-up heuristic rule, as a future formats.json might carry.
    const base = zeroReport("gb2021", 2023);
    const rule = {
      id: "custom.penalties",
      kind: "heuristic" as const,
      lhs: ["active.art20_6/active.penalty/col.decisions"],
      rhs: ["active.art20_6/active.coercion/col.decisions", "-active.art20_5/active.license/col.decisions"],
    };
    const format = { ...base.format, def: { ...base.format.def, rules: [...base.format.def.rules, rule] } };
    const report = withCells({ ...base, format }, { "active.art20_6/active.penalty/col.decisions": "7" });

    // Act
    const violations = validateReport(report);

    // Assert
    expect(violations).toEqual([
      expect.objectContaining({
        ruleId: "custom.penalties",
        severity: "WARNING",
        message: "左边 本年处理决定数量 · 行政处罚 7 = 7，但右边 本年处理决定数量 · 行政强制 0 − 本年处理决定数量 · 行政许可 0 = 0",
      }),
    ]);
    expect(hasErrors(violations)).toBe(false);
  });
});

describe("validateReport: implied sums", () => {
  it("offers the sum a total should hold, and nothing for an identity with two cells a side", () => {
    const report = withCells(seedReport(), { "apply/apply.new/col.natural": "3" });

    const violations = validateReport(report);

    const rowTotal = byRule(violations, "apply.rowtotal.apply.new")!;
    const total = rowTotal.cells.find(cell => cell.key === "apply/apply.new/col.total")!;
    expect(rowTotal.suggestion).toEqual({ key: "apply/apply.new/col.total", value: String(Number(total.value) + 3) });
    expect(byRule(violations, "apply.identity.col.natural")!.suggestion).toBeUndefined();
  });
});
