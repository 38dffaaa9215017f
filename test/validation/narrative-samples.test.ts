import { validateReport } from "../../src/validation";
import type { Violation } from "../../src/validation";
import { readStatements } from "../../src/validation/narrative";
import { SEED } from "../import/fixtures";
import { REPORT_NAMES, narrativeFixture } from "./narrative-fixtures";

/** The rules that compare the narrative's figures with the tables and the chart. */
const STATEMENT_RULES = new Set(["text.statement", "text.percentage", "text.channels"]);

function statementWarnings(name: string, text?: string): Violation[] {
  const { report, identity } = narrativeFixture(name, text);
  return validateReport(report, undefined, identity).filter(violation => STATEMENT_RULES.has(violation.ruleId));
}

/** One deliberate change per report: a figure the text states, made to disagree with its table or chart. */
const ALTERATIONS: Record<string, { from: string; to: string; rule: string }> = {
  [SEED]: { from: "主动公开政府信息1152条", to: "主动公开政府信息1252条", rule: "text.channels" },
  "samples/2023_huaian_hongzequ_renmin_zhengfu": { from: "受理政府信息公开申请 21 件", to: "受理政府信息公开申请 12 件", rule: "text.statement" },
  "samples/2023_suqian_shuyangxian_fazhan_gaige_ju": { from: "依申请信息公开26件", to: "依申请信息公开62件", rule: "text.statement" },
  // The original says 区政府办代表区政府 (17 of the 95 in the table): someone else's figure, left alone until the subject is the agency.
  "samples/2024_huaian_hongzequ_renmin_zhengfu": { from: "区政府办代表区政府受理政府", to: "全区受理政府", rule: "text.statement" },
  "samples/2024_huaian_shi_renmin_zhengfu": { from: "政府信息公开行政复议 351", to: "政府信息公开行政复议 315", rule: "text.statement" },
  "samples/2024_shanghai_shi_kewei": { from: "申请 2 件，所有申请", to: "申请 3 件，所有申请", rule: "text.statement" },
  "samples/2025_shanghai_shi_zhengfu_bangongting": { from: "不予公开 20 件（1.68%）", to: "不予公开 20 件（2.68%）", rule: "text.percentage" },
  "samples/2025_suqian_shuyangxian_renmin_zhengfu": { from: "结转下一年 31 件", to: "结转下一年 13 件", rule: "text.statement" },
};

describe("the narrative against the tables on the seed and the samples", () => {
  it("covers the seed and all seven samples", () => {
    expect(REPORT_NAMES).toHaveLength(8);
    expect(Object.keys(ALTERATIONS).sort()).toEqual([...REPORT_NAMES].sort());
  });

  it("reads the statements a careful reader reads (about 25 of them, all but one consistent)", () => {
    const statements = REPORT_NAMES.flatMap(name => {
      const { report } = narrativeFixture(name);
      return readStatements(report.format, report.sections);
    });
    expect(statements.length).toBeGreaterThanOrEqual(25);
  });

  it("finds 上海市科委 2024's 转下一年度 1 件, whose table cell is blank", () => {
    const warnings = statementWarnings("samples/2024_shanghai_shi_kewei");

    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ ruleId: "text.statement", severity: "WARNING", kind: "heuristic" });
    expect(warnings[0].message).toContain("转下一年度办理答复的有1件");
    expect(warnings[0].message).toContain("“总计 · 四、结转下年度继续办理”为空白");
    expect(warnings[0].cells.map(cell => [cell.key, cell.value])).toEqual([["apply/apply.carry_forward/col.total", null]]);
  });

  it.each(REPORT_NAMES.filter(name => name !== "samples/2024_shanghai_shi_kewei"))("flags no statement of %s", name => {
    expect(statementWarnings(name).map(violation => violation.message)).toEqual([]);
  });

  it("agrees the seed's channel chart (1,152 in all) with section 一's 主动公开 figure", () => {
    const { report } = narrativeFixture(SEED);

    expect(report.channels?.reduce((sum, channel) => sum + channel.count, 0)).toBe(1152);
    expect(statementWarnings(SEED)).toEqual([]);
  });

  it("flags a channel chart that no longer adds up to the stated figure", () => {
    const { report, identity } = narrativeFixture(SEED);
    const channels = report.channels!.map((channel, index) => (index === 0 ? { ...channel, count: channel.count + 1 } : channel));

    const warnings = validateReport({ ...report, channels }, undefined, identity).filter(v => v.ruleId === "text.channels");

    expect(warnings.map(v => v.message)).toEqual([expect.stringContaining("各渠道合计 1153 条，但第一部分称主动公开政府信息 1152 条")]);
  });

  it.each(REPORT_NAMES)("finds a deliberately altered sentence in %s", name => {
    const { from, to, rule } = ALTERATIONS[name];
    const { text } = narrativeFixture(name);
    expect(text).toContain(from);

    const warnings = statementWarnings(name, text.replace(from, to)).filter(violation => violation.ruleId === rule);
    const before = statementWarnings(name).filter(violation => violation.ruleId === rule);

    expect(warnings.length).toBe(before.length + 1);
    expect(warnings.some(violation => violation.message.includes(to.replace(/\s/g, "").slice(0, 8)))).toBe(true);
  });
});
