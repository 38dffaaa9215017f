import { parseReport } from "../../src/import";
import { cellDifferences, readExpected, readText, SEED } from "./fixtures";

describe("parseReport on the seed (越秀区应急管理局 2020, gb2019)", () => {
  const expected = readExpected(SEED);
  const parsed = parseReport(readText(SEED));

  it("reads agency, year and format from the title", () => {
    expect(parsed.agency).toBe(expected.agency);
    expect(parsed.year).toBe(expected.year);
    expect(parsed.format).toBe(expected.format);
  });

  it("reads all 198 cells with the expected values", () => {
    expect(Object.keys(expected.cells)).toHaveLength(198);
    expect(cellDifferences(parsed, expected)).toEqual([]);
  });

  it("keeps exact decimals (27.37 万元) as canonical strings", () => {
    expect(parsed.cells["active.art20_9/active.procurement/col.procurement_amount"]).toBe("27.37");
  });

  it("reads the three narrative sections as the expected file describes them", () => {
    expect(parsed.sections["sec.overview"].startsWith("广州市越秀区应急管理局严格按照《中华人民共和国政府信息公开条例》")).toBe(true);
    expect(parsed.sections["sec.overview"]).toContain("全年共主动公开政府信息1152条");
    expect(parsed.sections["sec.problems"].startsWith("我局政府信息公开工作虽取得了一定的成效")).toBe(true);
    expect(parsed.sections["sec.problems"]).not.toContain("[bookmark");
    expect(parsed.sections["sec.other"]).toBe(expected.sections?.["sec.other"]);
  });

  it("parses the channel chart after 六 into extras, in order, and keeps it out of the section", () => {
    const want = Object.entries(expected.extras?.channel_distribution ?? {}).map(([label, count]) => ({ label, count }));
    expect(parsed.extras.channelDistribution).toEqual(want);
    expect(parsed.sections["sec.other"]).not.toContain("越秀区政府门户网站");
  });

  it("produces no warnings for a clean text", () => {
    expect(parsed.warnings).toEqual([]);
  });
});
