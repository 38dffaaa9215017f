import { validateReport } from "../../src/validation";
import type { ReportToCheck, ReportIdentity, Violation } from "../../src/validation";
import { perItemCap } from "../../src/validation/narrative/contents";
import { nearMiss } from "../../src/validation/narrative/identity";
import { repeatedShare } from "../../src/validation/narrative/previous-year";
import { withCells, zeroReport } from "./report-fixtures";

const COUNTY_GOVERNMENT: ReportIdentity["agency"] = { name: "沭阳县人民政府", kind: "GOVERNMENT", level: "COUNTY" };
const DEPARTMENT: ReportIdentity["agency"] = { name: "沭阳县发展和改革局", kind: "DEPARTMENT", level: "COUNTY" };
const ARTICLE50_TEXT = "本年度开展政府信息公开工作考核，组织社会评议，未发生责任追究情况。";

function withText(report: ReportToCheck, sections: Record<string, string>): ReportToCheck {
  return { ...report, sections: { ...report.sections, ...sections } };
}

function rule(violations: Violation[], ruleId: string): Violation[] {
  return violations.filter(violation => violation.ruleId === ruleId);
}

describe("identity checks", () => {
  it("warns when the title's year is not the report's year", () => {
    const report = zeroReport("gb2021", 2024);
    const violations = validateReport(report, undefined, { title: "沭阳县发展和改革局2023年政府信息公开工作年度报告" });

    expect(rule(violations, "identity.title_year").map(v => v.message)).toEqual([
      "标题“沭阳县发展和改革局2023年政府信息公开工作年度报告”写的是 2023 年，但报告是 2024 年度的",
    ]);
    expect(rule(validateReport(report, undefined, { title: "沭阳县发展和改革局2024年政府信息公开工作年度报告" }), "identity.title_year")).toEqual([]);
  });

  it("warns when the statistics period is another year", () => {
    const report = withText(zeroReport("gb2021", 2024), { "sec.overview": "本报告所列数据统计期限自2023年1月1日起至2023年12月31日止。" });
    expect(rule(validateReport(report), "identity.period_year")[0].message).toContain("统计期限为 2023 年");
  });

  it("finds a one-character slip of the agency's name (沐阳县 for 沭阳县), not a shorter form of it", () => {
    expect(nearMiss("沭阳县人民政府", "沐阳县人民政府2025年政府信息公开工作年度报告")).toEqual({ printed: "沐阳县人民政府", distance: 1 });
    expect(nearMiss("淮安市洪泽区人民政府", "洪泽区人民政府2023年政府信息公开工作年度报告")).toBeUndefined();
    expect(nearMiss("上海市科学技术委员会", "2024年上海市科委政府信息公开工作年度报告")).toBeUndefined();
    expect(nearMiss("沭阳县人民政府", "沭阳县人民政府2025年政府信息公开工作年度报告")).toBeUndefined();
  });

  it("reads the signature at the end of section 六 and warns of a signing date after the agency's deadline", () => {
    const signed = (date: string) => withText(zeroReport("gb2021", 2024), { "sec.other": `无其他需要报告的事项。\n沭阳县发展和改革局\n${date}` });
    const late = validateReport(signed("2025年2月10日"), undefined, { agency: DEPARTMENT });
    const governmentOnTime = validateReport(signed("2025年2月10日"), undefined, { agency: { ...DEPARTMENT, kind: "GOVERNMENT" } });

    expect(rule(late, "identity.signing_date").map(v => v.message)).toEqual([
      "落款日期 2025-02-10 晚于政府部门年度报告的公布期限 2025-01-31（条例第四十九条）",
    ]);
    expect(rule(governmentOnTime, "identity.signing_date")).toEqual([]);
    expect(rule(validateReport(signed("2025年1月17日"), undefined, { agency: DEPARTMENT }), "identity.signing_date")).toEqual([]);
  });

  it("warns of a slip in the signature's agency name", () => {
    const report = withText(zeroReport("gb2021", 2025), { "sec.other": `${ARTICLE50_TEXT}沐阳县人民政府2026年1月23日` });
    expect(rule(validateReport(report, undefined, { agency: COUNTY_GOVERNMENT }), "identity.agency_name").map(v => v.message)).toEqual([
      "落款中的机关名称“沐阳县人民政府”与本机关“沭阳县人民政府”相差 1 个字，请核对",
    ]);
  });
});

describe("条例 第五十条（四）", () => {
  it("asks a people's government's report for 工作考核、社会评议 and 责任追究, naming each missing item", () => {
    const report = withText(zeroReport("gb2021", 2024), { "sec.other": "本年度开展政府信息公开工作考核。" });
    expect(rule(validateReport(report, undefined, { agency: COUNTY_GOVERNMENT }), "content.article50").map(v => v.message)).toEqual([
      "人民政府的年度报告应包括社会评议结果情况（条例第五十条第（四）项），但报告中没有提到“社会评议”",
      "人民政府的年度报告应包括责任追究结果情况（条例第五十条第（四）项），但报告中没有提到“责任追究”",
    ]);
  });

  it("accepts a government's report that reports all three, and asks nothing of a department", () => {
    const complete = withText(zeroReport("gb2021", 2024), { "sec.other": ARTICLE50_TEXT });
    expect(rule(validateReport(complete, undefined, { agency: COUNTY_GOVERNMENT }), "content.article50")).toEqual([]);
    expect(rule(validateReport(zeroReport("gb2021", 2024), undefined, { agency: DEPARTMENT }), "content.article50")).toEqual([]);
  });
});

describe("fees (国办函〔2020〕109号)", () => {
  const withApplications = (count: string, other: string) =>
    withText(withCells(zeroReport("gb2021", 2024), { "apply/apply.new/col.total": count }), { "sec.other": other });

  it("warns of a fee that is not a multiple of 10 元", () => {
    const violations = validateReport(withApplications("40", "全年收取信息处理费 385 元。"));
    expect(rule(violations, "fee.unit")[0].message).toContain("收取信息处理费 385 元");
  });

  it("warns of a fee beyond what 按件计收 allows for the applications, and of a fee without applications", () => {
    expect(perItemCap(10, 10)).toBe(0);
    expect(perItemCap(30, 10)).toBe(2000);
    expect(perItemCap(35, 10)).toBe(3000);
    expect(rule(validateReport(withApplications("12", "全年收取信息处理费 900 元。")), "fee.tiers")[0].message).toContain("按件计收最多 200 元");
    expect(rule(validateReport(withApplications("0", "全年收取信息处理费 100 元。")), "fee.tiers")[0].message).toContain("没有申请就不应收取信息处理费");
    expect(rule(validateReport(withApplications("3119", "全年收取政府信息公开信息处理费 3940 元。")), "fee.tiers")).toEqual([]);
  });

  it("warns when the text says no fee was noticed but 表三（六）2 counts applicants who did not pay a notice", () => {
    const report = withCells(withApplications("5", "2024 年，本机关未发生政府信息公开收费事项。"), {
      "apply/apply.result.other.unpaid_fee/col.total": "2",
    });
    const [warning] = rule(validateReport(report), "fee.notice");
    expect(warning.message).toBe(
      "正文称“2024年，本机关未发生政府信息公开收费事项”，但表三“总计 · （六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请”为 2 件，说明本年发出过收费通知",
    );
    expect(warning.cells.map(cell => cell.key)).toEqual(["apply/apply.result.other.unpaid_fee/col.total"]);
  });
});

describe("last year's report", () => {
  it("warns of a 万元 amount a thousand times last year's (元 entered as 万元)", () => {
    const previous = withCells(zeroReport("gb2021", 2023), { "active.art20_8/active.fee/col.fee_amount": "0.7545" });
    const report = withCells(zeroReport("gb2021", 2024), { "active.art20_8/active.fee/col.fee_amount": "7730.28" });
    const [warning] = rule(validateReport(report, previous), "amount.magnitude");

    expect(warning.message).toBe(
      "“本年收费金额（单位：万元） · 行政事业性收费”本年 7730.28 万元，2023 年报告为 0.7545 万元，相差约 10246 倍，请核对单位是否为万元",
    );
    expect(rule(validateReport(withCells(report, { "active.art20_8/active.fee/col.fee_amount": "0.81" }), previous), "amount.magnitude")).toEqual([]);
  });

  it("warns of a section repeating more than half of last year's, with the share", () => {
    const lastYear = "2023年，我局严格落实政府信息公开条例。主动公开政府信息120条。依申请公开工作规范有序。";
    const previous = withText(zeroReport("gb2021", 2023), { "sec.problems": lastYear });
    const copied = withText(zeroReport("gb2021", 2024), { "sec.problems": lastYear.replace("2023", "2024").replace("120", "98") });
    const rewritten = withText(zeroReport("gb2021", 2024), { "sec.problems": "2024年，我局完善依申请公开办理流程。主动公开政府信息98条。" });

    expect(repeatedShare(copied.sections["sec.problems"], lastYear, 8)).toBe(1);
    const problems = (violations: Violation[]) => rule(violations, "text.repeated").filter(v => v.message.includes("五、"));
    expect(problems(validateReport(copied, previous)).map(v => v.message)).toEqual([
      "“五、存在的主要问题及改进情况”有 100% 的文字与 2023 年报告的同一部分相同",
    ]);
    expect(problems(validateReport(rewritten, previous))).toEqual([]);
  });
});

describe("narrative checks are warnings", () => {
  it("never turn a valid report invalid", () => {
    const report = withText(zeroReport("gb2021", 2024), { "sec.overview": "全年收到政府信息公开申请 9 件。", "sec.other": "全年收取信息处理费 5 元。" });
    const violations = validateReport(report, undefined, { title: "某局2023年政府信息公开工作年度报告", agency: COUNTY_GOVERNMENT });

    expect(violations.length).toBeGreaterThan(3);
    expect(violations.every(v => v.severity === "WARNING" && v.kind === "heuristic")).toBe(true);
  });
});
