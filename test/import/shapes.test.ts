/**
 * The text shapes of issue 12, each in a small hand-made example: what made
 * 20 of 21 unseen reports stop at 第二十条第（一）项, and the other shapes the
 * round trips cover at random.
 */
import { parseReport } from "../../src/import";
import { foldParagraphCells } from "../../src/import/normalize";
import { readings } from "../../src/import/split-numbers";
import { generateReport, publicPage } from "./shapes/generated-report";
import { browserText, cellPerLine } from "./shapes/text-shapes";

/** A generated 2021 report's browser copy, so each example changes one thing in a whole report. */
function browserCopy(seed = 3): { text: string; cells: Record<string, string | null>; agency: string; year: number } {
  const report = generateReport(seed, "gb2021");
  return { text: browserText(publicPage(report)).join("\n"), cells: report.cells, agency: report.agency, year: report.year };
}

describe("text shapes of real reports", () => {
  it("reads a browser-copied table (one line per row, TAB between cells, no blank lines) — the 找不到表格 of the unseen set", () => {
    const { text, cells } = browserCopy();
    const squeezed = text.replace(/\n\n+/g, "\n");
    expect(squeezed).toContain("第二十条第（一）项\n信息内容\t本年制发件数");
    expect(parseReport(squeezed).cells).toEqual(cells);
  });

  it("folds a browser copy of cells holding paragraphs (blank lines around every TAB) back into rows", () => {
    const copied =
      "第二十条第（一）项\n\n\n\n\n信息内容\n\n\t\n\n本年\n\n制发件数\n\n\t\n\n本年废止件数\n\n\t\n\n现行有效件数\n\n\n\n\n规章\n\n\t\n\n0\n\n\t\n\n\t\n\n5\n\n\n\n\n";
    expect(foldParagraphCells(copied)).toBe("第二十条第（一）项\n\n\n\n\n信息内容\t本年\n制发件数\t本年废止件数\t现行有效件数\n\n\n\n\n规章\t0\t\t5\n\n\n\n\n");
    expect(foldParagraphCells("\t一、本年新收\n\t26\n\t\n\n")).toBe("\t一、本年新收\n\t26\n\t\n\n");
  });

  it("converts an amount printed with 元 in its cell to 万元, with a warning", () => {
    const { text } = browserCopy();
    const parsed = parseReport(text.replace(/(行政事业性收费\t)[\d.]+/, "$1481714587.29元"));
    expect(parsed.cells["active.art20_8/active.fee/col.fee_amount"]).toBe("48171.458729");
    expect(parsed.warnings.join("\n")).toMatch(/481714587\.29元.*万元/);
  });

  it("converts amounts under a 元 header to 万元, with a warning", () => {
    const { text } = browserCopy();
    const parsed = parseReport(text.replace("本年收费金额（单位：万元）", "本年收费金额（单位：元）").replace(/(行政事业性收费\t)[\d.]+/, "$1481714587.29"));
    expect(parsed.cells["active.art20_8/active.fee/col.fee_amount"]).toBe("48171.458729");
    expect(parsed.warnings.join("\n")).toMatch(/以“元”为单位，已换算为万元/);
  });

  it("reads signed 本年增/减 values (+1, -2) in a 2019 report", () => {
    const report = generateReport(5, "gb2019");
    const text = browserText(publicPage(report))
      .join("\n")
      .replace(/(行政许可\t\d+\t)(-?\d+)/, "$1+7")
      .replace(/(行政处罚\t\d+\t)(-?\d+)/, "$1-2");
    const parsed = parseReport(text);
    expect(parsed.cells["active.art20_5/active.license/col.change"]).toBe("7");
    expect(parsed.cells["active.art20_6/active.penalty/col.change"]).toBe("-2");
  });

  it("splits headings run together on one line (四、…五、…; 二、…第二十条…)", () => {
    const { text, cells } = browserCopy();
    const joined = text
      .replace("二、主动公开政府信息情况\n\n第二十条", "二、主动公开政府信息情况第二十条")
      .replace(/\n\n五、存在的主要问题及改进情况\n\n/, "\n五、存在的主要问题及改进情况");
    const parsed = parseReport(joined);
    expect(parsed.cells).toEqual(cells);
    expect(parsed.sections["sec.problems"]).toBeTruthy();
  });

  it("reads a title split over three lines, or repeated under site navigation, or with the year only in the body", () => {
    const { text, agency, year } = browserCopy();
    const title = `${agency}${year}年政府信息公开工作年度报告`;
    const split = text.replace(title, `${agency}\n${year}年\n政府信息公开工作年度报告`);
    const repeated = `首页 > 政务公开 > 年报\n${title}\n来源：本网\n${text}`;
    const yearless = text.replace(title, `${agency}政府信息公开工作年度报告\n本报告统计期限自${year}年1月1日起至${year}年12月31日止。`);
    for (const shape of [split, repeated, yearless]) {
      expect(parseReport(shape)).toMatchObject({ agency, year });
    }
  });
});

describe("more shapes of titles, numbers and the review table", () => {
  it("reads a year in Chinese numerals, a title with 关于, and one without 年度", () => {
    const { text, agency, year } = browserCopy();
    const title = `${agency}${year}年政府信息公开工作年度报告`;
    const chinese = String(year).replace(/\d/g, d => "〇一二三四五六七八九"[Number(d)]);
    expect(parseReport(text.replace(title, `${agency}${chinese}年政府信息公开工作年度报告`))).toMatchObject({ agency, year });
    expect(parseReport(text.replace(title, `${agency}关于${year}年政府信息公开工作年度报告`))).toMatchObject({ agency, year });
    expect(parseReport(text.replace(title, `${agency}${year}年政府信息公开工作报告`))).toMatchObject({ agency, year });
  });

  it("reads full-width thousands separators, and a review table printed as 5 + 10 cells", () => {
    const { text, cells } = browserCopy();
    const license = cells["active.art20_5/active.license/col.decisions"] as string;
    const wide = text.replace(`行政许可\t${license}`, "行政许可\t１，２３４");
    expect(parseReport(wide).cells["active.art20_5/active.license/col.decisions"]).toBe("1234");
    const review = /\n((?:\d+\t){14}\d+)\n/.exec(text)![1].split("\t");
    const split = text.replace(review.join("\t"), `${review.slice(0, 5).join("\t")}\n${review.slice(5).join("\t")}`);
    expect(parseReport(split).cells).toEqual(cells);
  });
});

describe("a number broken over two lines (one cell per line)", () => {
  it("lists every reading that joins adjacent pieces, never one that starts a piece with 0", () => {
    expect(readings(["1", "62", "3"], 2)).toEqual([
      ["162", "3"],
      ["1", "623"],
    ]);
    expect(readings(["0", "5", "5"], 2)).toEqual([["0", "55"]]);
  });

  it("takes the reading under which the row total holds, and says so", () => {
    const report = generateReport(11, "gb2021");
    const lines = cellPerLine(browserText(publicPage(report)));
    const at = lines.findIndex((line, i) => i > lines.findIndex(l => l.startsWith("（一）予以公开")) && /^\d{2,}$/.test(line));
    const broken = [...lines.slice(0, at), lines[at].slice(0, 1), lines[at].slice(1), ...lines.slice(at + 1)];
    const parsed = parseReport(broken.join("\n"));
    expect(parsed.cells).toEqual(report.cells);
    expect(parsed.uncertainCells).toEqual([]);
    expect(parsed.warnings.join("\n")).toMatch(/拆成两行.*按表格规则读作/);
  });

  it("marks the cells uncertain where no rule can tell (第二十条第（一）项 has no row total)", () => {
    const report = generateReport(11, "gb2021");
    const lines = cellPerLine(browserText(publicPage(report)));
    const at = lines.indexOf("规章") + 3; // 现行有效件数 of 规章
    expect(lines[at]).toMatch(/^\d{2,}$/);
    const broken = [...lines.slice(0, at), lines[at].slice(0, 1), lines[at].slice(1), ...lines.slice(at + 1)];
    const parsed = parseReport(broken.join("\n"));
    expect(parsed.uncertainCells).toEqual([
      "active.art20_1/active.rules/col.issued",
      "active.art20_1/active.rules/col.repealed",
      "active.art20_1/active.rules/col.in_force",
    ]);
    expect(parsed.warnings.join("\n")).toMatch(/无法确定/);
  });
});
