import { getFormat } from "../../src/formats";
import { describeRules, validateReport } from "../../src/validation";
import { validateTables, withCells, zeroReport } from "./report-fixtures";

describe("validateReport: order of violations", () => {
  it("lists errors first, in the order of the form, then warnings", () => {
    // Arrange: a warning, a review error, a section error and an active-table error.
    const previous = withCells(zeroReport("gb2021", 2022), { "active.art20_1/active.rules/col.in_force": "3" });
    const base = withCells(zeroReport("gb2021", 2023), {
      "review/review.count/col.review.upheld": "1",
      "active.art20_6/active.coercion/col.decisions": "0.5",
      "apply/apply.result.partial/col.legal.other": null,
    });
    const report = { ...base, sections: { ...base.sections, "sec.problems": "" } };

    // Act
    const violations = validateTables(report, previous);

    // Assert
    expect(violations.map(v => v.ruleId)).toEqual([
      "domain.integer",
      "required.cell",
      "review.total.col.review",
      "required.section",
      "xyear.inforce.active.rules",
    ]);
  });

  it("gives the same order whatever the order of the cells", () => {
    const report = withCells(zeroReport("gb2021", 2023), {
      "review/review.count/col.litigation.direct.upheld": "1",
      "apply/apply.new/col.natural": "1",
    });
    const shuffled = { ...report, cells: Object.fromEntries(Object.entries(report.cells).reverse()) };

    expect(validateReport(shuffled)).toEqual(validateReport(report));
  });
});

describe("describeRules", () => {
  it("lists every rule the engine can report for a format, with its severity", () => {
    const format = getFormat("gb2021");

    const rules = describeRules(format);

    const ids = rules.map(rule => rule.id);
    expect(ids).toEqual(expect.arrayContaining(format.def.rules.map(rule => rule.id)));
    expect(ids).toEqual(expect.arrayContaining(format.def.cross_year_rules.map(rule => rule.id)));
    expect(ids).toEqual(expect.arrayContaining(["domain.integer", "domain.scale", "required.cell", "required.section"]));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("describes a rule by the labels of its cells", () => {
    const rules = describeRules(getFormat("gb2019"));

    expect(rules.find(rule => rule.id === "review.total.col.litigation.direct")).toEqual({
      id: "review.total.col.litigation.direct",
      kind: "implied",
      severity: "ERROR",
      description: "行政诉讼 · 未经复议直接起诉：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
    });
    expect(rules.find(rule => rule.id === "xyear.items.active.fee")).toMatchObject({
      severity: "WARNING",
      description: "第二十条第（八）项 · 行政事业性收费：本年“上一年项目数量” = 上年“上一年项目数量” + 上年“本年增/减”",
    });
  });
});
