import { hasErrors, validateReport } from "../../src/validation";
import { withCells, zeroReport } from "./report-fixtures";

const NEW = "apply/apply.new";

describe("validateReport: required cells and sections", () => {
  it("accepts 0 as a filled cell", () => {
    const report = zeroReport("gb2021", 2023);

    expect(validateReport(report)).toEqual([]);
  });

  it("groups the blank cells of a row into one error that asks for 0", () => {
    const report = withCells(zeroReport("gb2021", 2023), {
      [`${NEW}/col.legal.commercial`]: null,
      [`${NEW}/col.legal.research`]: null,
    });

    const violations = validateReport(report);

    expect(violations).toEqual([
      {
        ruleId: "required.cell",
        kind: "required",
        severity: "ERROR",
        message: "“一、本年新收政府信息公开申请数量”行有 2 个空白单元格（商业企业、科研机构），如为零请填 0",
        cells: [
          expect.objectContaining({ key: `${NEW}/col.legal.commercial`, value: null }),
          expect.objectContaining({ key: `${NEW}/col.legal.research`, value: null }),
        ],
      },
    ]);
    expect(violations[0].cells[0].absent).toBeUndefined();
  });

  it("reports an absent cell as not found and marks it absent", () => {
    const report = withCells(zeroReport("gb2021", 2023), {
      "active.art20_1/active.rules/col.repealed": undefined,
    });

    const violations = validateReport(report);

    expect(violations).toHaveLength(1);
    expect(violations[0].message).toBe("“第二十条第（一）项 · 规章”行有 1 个单元格在报告中找不到（本年废止件数），请核对原表");
    expect(violations[0].cells).toEqual([expect.objectContaining({ value: null, absent: true })]);
  });

  it("names blank and absent cells of one row separately", () => {
    const report = withCells(zeroReport("gb2021", 2023), {
      [`${NEW}/col.natural`]: undefined,
      [`${NEW}/col.legal.other`]: null,
    });

    const [violation] = validateReport(report);

    expect(violation.message).toBe(
      "“一、本年新收政府信息公开申请数量”行有 1 个空白单元格（其他），如为零请填 0；另有 1 个单元格在报告中找不到（自然人），请核对原表",
    );
    expect(violation.cells.map(c => [c.col, c.absent ?? false])).toEqual([
      ["col.natural", true],
      ["col.legal.other", false],
    ]);
  });

  it("calls the unlabeled review row by its table's title", () => {
    const report = withCells(zeroReport("gb2021", 2023), { "review/review.count/col.review.pending": null });

    const [violation] = validateReport(report);

    expect(violation.message).toBe("“政府信息公开行政复议、行政诉讼情况”表有 1 个空白单元格（行政复议 · 尚未审结），如为零请填 0");
  });

  it("requires each text section to have text", () => {
    const base = zeroReport("gb2019", 2020);
    const report = { ...base, sections: { "sec.overview": "总体情况。", "sec.problems": "  \n", "sec.other": "" } };

    const violations = validateReport(report);

    expect(violations.map(v => [v.ruleId, v.message])).toEqual([
      ["required.section", "“五、存在的主要问题及改进情况”未填写"],
      ["required.section", "“六、其他需要报告的事项”未填写"],
    ]);
    expect(hasErrors(violations)).toBe(true);
  });
});
