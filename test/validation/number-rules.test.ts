import { getFormat } from "../../src/formats";
import type { CellDef } from "../../src/formats";
import { checkCellValue } from "../../src/services/cell-input";
import { numberIssue } from "../../src/validation";
import { domainIssue } from "../../src/validation/domain-checks";

const format = getFormat("gb2021");
const COUNT = "apply/apply.new/col.natural";
const AMOUNT = "active.art20_8/active.fee/col.fee_amount";
const cell = (key: string): CellDef => format.cells.get(key)!;

describe("number rules: one home in validation, worded for authors (Chinese) and for API callers (English)", () => {
  it.each([
    [COUNT, "12", undefined],
    [COUNT, " 12 ", undefined],
    [COUNT, "0", undefined],
    [COUNT, "1.5", "domain.integer"],
    [COUNT, "1.0", undefined],
    [COUNT, "-1", "domain.nonnegative"],
    [COUNT, "三", "domain.number"],
    [COUNT, "1e3", "domain.number"],
    [AMOUNT, "24252.311082", undefined],
    [AMOUNT, "27.3700001", "domain.scale"],
    [AMOUNT, "-0.5", "domain.nonnegative"],
  ])("%s = %j: %s in validation, and the input refuses exactly what validation flags", (key, value, ruleId) => {
    expect(numberIssue(cell(key), value)?.ruleId).toBe(ruleId);
    expect(domainIssue(cell(key), value)?.ruleId).toBe(ruleId);
    const checked = checkCellValue(cell(key), value);
    if (ruleId === undefined) {
      expect(typeof checked).toBe("string");
    } else {
      expect(checked).toMatchObject({ code: "INVALID_VALUE" });
    }
  });

  it("names the cell by the validation's label, with its key, in an input problem", () => {
    expect(checkCellValue(cell(COUNT), "-1")).toEqual({
      code: "INVALID_VALUE",
      message: "自然人 · 一、本年新收政府信息公开申请数量 (apply/apply.new/col.natural): -1 is below 0; this cell cannot be negative.",
    });
  });

  it("says how many places an amount takes, in a sentence", () => {
    expect(checkCellValue(cell(AMOUNT), "1.1234567")).toMatchObject({
      message: expect.stringContaining(`"1.1234567" has more than 6 decimal places; at most 6 decimal places are allowed.`),
    });
  });

  it("words a lower bound other than 0 as that bound, not as 'negative', in both wordings", () => {
    const bounded: CellDef = { ...cell(COUNT), min: 5 };
    expect(numberIssue(bounded, "3")).toEqual({ ruleId: "domain.nonnegative", min: 5 });
    expect(domainIssue(bounded, "3")?.message).toBe("“自然人 · 一、本年新收政府信息公开申请数量”不能小于 5，但填了 3");
    expect(checkCellValue(bounded, "3")).toMatchObject({ message: expect.stringContaining("3 is below 5; the least this cell takes is 5.") });
  });

  it("keeps the input's own bound on size, which is not a number rule of the formats", () => {
    expect(numberIssue(cell(COUNT), "1000000000")).toBeUndefined();
    expect(checkCellValue(cell(COUNT), "1000000000")).toMatchObject({ code: "INVALID_VALUE", message: expect.stringContaining("too large") });
    expect(checkCellValue(cell(COUNT), "999999999")).toBe("999999999");
  });
});
