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

  it("rejects a report without any year when none is given, and accepts it with options.year", () => {
    const text = readText(SEED).replace(/2020/g, "");
    expect(errorOf(() => parseReport(text)).message).toMatch(/年度.*year not found/);
    expect(parseReport(text, { year: 2020 }).year).toBe(2020);
  });

  it("rejects a report whose review table has no numbers, naming that table", () => {
    const text = readText(SEED).replace(/五、存在的主要问题及改进情况/, "").replace(/(政府信息公开行政复议、行政诉讼情况[\s\S]*?)(\t0\n){15}/, "$1");
    expect(errorOf(() => parseReport(text)).message).toMatch(/政府信息公开行政复议、行政诉讼情况 \(table review not found\)/);
  });
});
