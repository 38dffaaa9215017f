import { cellLabel } from "../cell-labels";
import { violationCell } from "../equation";
import type { ReportToCheck, ReportIdentity, Violation } from "../violation.types";
import { evaluate } from "./readings";
import { compact, figure, matchAll, narrativeOf, quoteAround, warning } from "./text";

/**
 * content.article50: 条例 第五十条（四） — a people's government's report
 * includes the results of 工作考核、社会评议 and 责任追究. Applies by the
 * agency's recorded kind; unknown agencies are left alone.
 */
export function checkArticle50(report: ReportToCheck, identity: ReportIdentity): Violation[] {
  const rule = narrativeOf(report.format).article50;
  if (identity.agency?.kind !== rule.applies_to) return [];
  const text = Object.values(report.sections).map(compact).join("");
  return rule.items
    .filter(item => !item.patterns.some(pattern => new RegExp(pattern).test(text)))
    .map(item => warning(report.format, "content.article50", { item: item.item }));
}

interface FeeStatement {
  fee: number;
  quote: string;
}

/** The first 信息处理费 figure in 元 the narrative states, in any section. */
function statedFee(report: ReportToCheck): FeeStatement | undefined {
  for (const body of Object.values(report.sections)) {
    const text = compact(body ?? "");
    for (const match of matchAll(narrativeOf(report.format).fee.patterns, text)) {
      const fee = figure(match.groups?.n);
      if (fee !== undefined) return { fee, quote: quoteAround(text, match.index, match.index + match[0].length) };
    }
  }
  return undefined;
}

/** The most 按件计收 allows for `count` applications: all from one applicant in one month, 11–30 at 100 元, 31+ at 200 元. */
export function perItemCap(count: number, free: number): number {
  return 100 * Math.min(20, Math.max(0, count - free)) + 200 * Math.max(0, count - free - 20);
}

/**
 * fee.*: 信息处理费 (国办函〔2020〕109号). Every tier is a multiple of 10 元, no
 * application means no fee, 按件 has a ceiling for the applications reported,
 * and a text saying no fee was charged or noticed disagrees with 表三（六）2
 * (申请人逾期未按收费通知要求缴纳费用) above 0.
 */
export function checkFees(report: ReportToCheck): Violation[] {
  const rules = narrativeOf(report.format).fee;
  const violations: Violation[] = [];
  const stated = statedFee(report);
  if (stated && stated.fee > 0) {
    if (stated.fee % rules.unit_yuan !== 0) {
      violations.push(warning(report.format, "fee.unit", { fee: stated.fee, quote: stated.quote }));
    }
    const applications = evaluate(report, ["apply/apply.new/col.total", "apply/apply.carry_over/col.total"]);
    if (applications) {
      const cap = perItemCap(applications.total, rules.free_per_applicant_month);
      const limit =
        applications.total === 0 ? "没有申请就不应收取信息处理费" : `按件计收最多 ${cap} 元（即使全部申请来自同一申请人、同一月份）；如按量计收，请核对页数`;
      if (applications.total === 0 || stated.fee > cap) {
        violations.push(warning(report.format, "fee.tiers", { fee: stated.fee, quote: stated.quote, applications: applications.total, limit }));
      }
    }
  }
  return [...violations, ...feeNotice(report)];
}

function feeNotice(report: ReportToCheck): Violation[] {
  const rules = narrativeOf(report.format).fee;
  const def = report.format.cells.get(rules.unpaid_cell);
  const value = def ? report.cells[def.key] : undefined;
  const count = figure(value ?? undefined);
  if (!def || !count) return [];
  for (const body of Object.values(report.sections)) {
    const text = compact(body ?? "");
    for (const match of matchAll(rules.none_patterns, text)) {
      const quote = quoteAround(text, match.index, match.index + match[0].length);
      return [warning(report.format, "fee.notice", { quote, cell: cellLabel(def), count }, [violationCell(def, value ?? null)])];
    }
  }
  return [];
}
