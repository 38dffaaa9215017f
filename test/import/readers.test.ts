import { matchLabel, uniqueMatch } from "../../src/import/labels";
import { labelKey, toLines } from "../../src/import/normalize";
import { readRows } from "../../src/import/table-rows";

describe("label matching", () => {
  it("accepts a one-character typo as a near match", () => {
    expect(matchLabel("2.其他法律行政止公开", ["2.其他法律行政法规禁止公开"])).toBeNull();
    expect(matchLabel("2.其他法律行政法规禁公开", ["2.其他法律行政法规禁止公开"])).toBe("near");
  });

  it("reads letter spacing, full-width brackets and 1、 numbering as the same label", () => {
    expect(labelKey("自 然 人")).toBe("自然人");
    expect(matchLabel("1、属于国家秘密", ["1.属于国家秘密"])).toBe("exact");
    expect(matchLabel("（四）无 1.本机关不掌握相关政府信息", ["1.本机关不掌握相关政府信息"])).toBe("exact");
  });

  it("does not decide on a fragment that two rows share", () => {
    const rows = [
      { item: "no_correction", labels: ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"] },
      { item: "unpaid_fee", labels: ["2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"] },
    ];
    expect(uniqueMatch("行政机关不再处理其政府信息公开申请", rows)).toBeUndefined();
  });
});

describe("table rows", () => {
  it("keeps blank Markdown cells as null and strips page footers", () => {
    const rows = readRows(toLines("| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 |  |\n- 3 -\n— 4 —"));
    expect(rows).toHaveLength(1);
    expect(rows[0].values).toEqual(["1", "0", "0", "0", "0", "0", null]);
  });

  it("reads tab cells one per line, with empty cells as blanks", () => {
    const rows = readRows(toLines("\t一、本年新收政府信息公开申请数量\n\t26\n\t\n\t\n\t26\n\n"));
    expect(rows[0]).toMatchObject({ label: "一、本年新收政府信息公开申请数量", values: ["26", null, null, "26"] });
  });

  it("reads a pdfplumber line of numbers without its label", () => {
    const rows = readRows(toLines("4 0 0 0 0 0 4\n计其他情形）"));
    expect(rows[0]).toMatchObject({ label: "", values: ["4", "0", "0", "0", "0", "0", "4"] });
  });
});
