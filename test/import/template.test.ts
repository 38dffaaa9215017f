import { parseReport } from "../../src/import";
import { readText, SEED } from "./fixtures";

describe("parseReport recognises the template a text actually uses", () => {
  it("imports a 2021 report laid out in the 2019 template as gb2019, with a warning", () => {
    const text = readText(SEED).replace("应急管理局2020年", "应急管理局2021年");
    const parsed = parseReport(text);
    expect(parsed.year).toBe(2021);
    expect(parsed.format).toBe("gb2019");
    expect(parsed.warnings.some(warning => /gb2019 template instead of gb2021/.test(warning))).toBe(true);
    expect(parsed.cells["active.art20_5/active.license/col.decisions"]).toBe("41");
  });

  it("lets options override agency and year", () => {
    const parsed = parseReport(readText(SEED), { agency: "某机关", year: 2019 });
    expect(parsed.agency).toBe("某机关");
    expect(parsed.year).toBe(2019);
    expect(parsed.format).toBe("gb2019");
  });

  it("completes a county title with the city the text names (洪泽区 → 淮安市洪泽区)", () => {
    expect(parseReport(readText("samples/2023_huaian_hongzequ_renmin_zhengfu")).agency).toBe("淮安市洪泽区人民政府");
  });

  it("puts a lone （六）其他处理 row of a 2021 report under 3.其他 and warns", () => {
    const parsed = parseReport(readText("samples/2024_huaian_hongzequ_renmin_zhengfu"));
    expect(parsed.cells["apply/apply.result.other.other/col.total"]).toBe("0");
    expect("apply/apply.result.other.no_correction/col.total" in parsed.cells).toBe(false);
    expect(parsed.warnings.some(warning => warning.includes("（六）其他处理只印了一行"))).toBe(true);
  });
});

describe("parseReport reads amounts and blanks exactly", () => {
  const name = "samples/2025_suqian_shuyangxian_renmin_zhengfu";

  it("converts a fee printed under a 元 header to 万元 exactly", () => {
    const text = readText(name).replace("本年收费金额（单位：万元）", "本年收费金额（单位：元）").replace("| 4068.208 |", "| 40682080 |");
    const parsed = parseReport(text);
    expect(parsed.cells["active.art20_8/active.fee/col.fee_amount"]).toBe("4068.208");
    expect(parsed.warnings.some(warning => warning.includes("元"))).toBe(true);
  });

  it("keeps a blank cell as null, distinct from 0", () => {
    const parsed = parseReport(readText("samples/2023_suqian_shuyangxian_fazhan_gaige_ju"));
    expect(parsed.cells["apply/apply.new/col.legal.commercial"]).toBeNull();
    expect(parsed.cells["apply/apply.carry_over/col.natural"]).toBe("0");
  });

  it("tolerates letter-spaced labels and 1、 numbering in a plain-text table", () => {
    const text = readText(SEED)
      .replace("\t自然人", "\t自 然 人")
      .replace("1.属于国家秘密", "1、属于国家秘密")
      .replace("2.其他法律行政法规禁止公开", "2.其他法律行政止公开");
    const parsed = parseReport(text);
    expect(Object.keys(parsed.cells)).toHaveLength(198);
  });

  it("is pure: parsing twice gives the same result", () => {
    const text = readText(name);
    expect(parseReport(text)).toEqual(parseReport(text));
  });
});
