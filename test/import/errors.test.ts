import { parseReport, ReportParseError } from "../../src/import";
import { readText, SEED } from "./fixtures";

function errorOf(run: () => unknown): ReportParseError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ReportParseError);
    return error as ReportParseError;
  }
  throw new Error("expected a ReportParseError");
}

describe("parseReport refuses what it cannot read as a report", () => {
  it("rejects an empty text, saying it is empty", () => {
    expect(errorOf(() => parseReport("")).message).toMatch(/为空.*empty/);
    expect(errorOf(() => parseReport("  \n\t\n")).message).toMatch(/empty/);
  });

  it("rejects binary content passed as a string", () => {
    const binary = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0xff, 0xfe, 0x00, 0x13]).toString("latin1");
    expect(errorOf(() => parseReport(binary)).message).toMatch(/二进制.*binary/);
  });

  it("rejects an unrelated Chinese text, naming the missing report tables", () => {
    const text = "关于做好春季植树工作的通知\n各单位：\n为改善生态环境，现就2024年春季植树工作通知如下。\n一、提高认识\n二、抓好落实\n";
    expect(errorOf(() => parseReport(text)).message).toMatch(/找不到.*表格.*no report tables/);
  });

  it("rejects a report whose apply table was removed, naming that table", () => {
    const lines = readText(SEED).split("\n");
    const start = lines.findIndex(line => line.includes("三、收到和处理政府信息公开申请情况"));
    const end = lines.findIndex(line => line.includes("四、政府信息公开行政复议"));
    const text = [...lines.slice(0, start), ...lines.slice(end)].join("\n");
    expect(errorOf(() => parseReport(text)).message).toBe("找不到表格：收到和处理政府信息公开申请情况 (table apply not found)");
  });

  it("reads a report without any year as year null with a warning (its tables can still be checked), and takes options.year", () => {
    const text = readText(SEED).replace(/2020/g, "");
    const parsed = parseReport(text);
    expect(parsed.year).toBeNull();
    expect(parsed.format).toBe("gb2019");
    expect(parsed.warnings).toContain("找不到报告年度：标题和正文中都没有“XXXX年”，导入时须指定年度 (report year not found; give the year to import it)");
    expect(parseReport(text, { year: 2020 }).year).toBe(2020);
  });

  it("rejects a text with neither a year nor a template's own labels", () => {
    const text = "某机关政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n三、收到和处理政府信息公开申请情况\n";
    expect(errorOf(() => parseReport(text)).message).toMatch(/年度.*year not found/);
  });

  it("rejects a report whose review table has no numbers, naming that table", () => {
    const text = readText(SEED)
      .replace(/五、存在的主要问题及改进情况/, "")
      .replace(/(政府信息公开行政复议、行政诉讼情况[\s\S]*?)(\t0\n){15}/, "$1");
    expect(errorOf(() => parseReport(text)).message).toMatch(/政府信息公开行政复议、行政诉讼情况 \(table review not found\)/);
  });
});
