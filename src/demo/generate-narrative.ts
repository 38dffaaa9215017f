import type { Rng } from "./generate-rng";

/**
 * The sentences of section 一 that state the tables' figures, in the
 * phrasings real reports use (上海、淮安、沭阳…). The narrative checks read
 * them back (test/validation/narrative-property.test.ts proves every phrasing
 * reads back to the same figures).
 */
export const NARRATIVE_PHRASINGS = ["plain", "received", "accepted", "results", "review"] as const;
export type NarrativePhrasing = (typeof NARRATIVE_PHRASINGS)[number];

type Cells = Record<string, string | null>;

const count = (cells: Cells, key: string) => Number(cells[key] ?? "0");
const apply = (cells: Cells, row: string) => count(cells, `apply/${row}/col.total`);
const review = (cells: Cells, col: string) => count(cells, `review/review.count/${col}`);

/** Sum of the col.total cells of every apply row whose id starts with `prefix`. */
function applyGroup(cells: Cells, prefix: string): number {
  return Object.entries(cells)
    .filter(([key]) => key.startsWith(`apply/${prefix}`) && key.endsWith("/col.total"))
    .reduce((sum, [, value]) => sum + Number(value ?? "0"), 0);
}

/** "208 件（17.46%）" of `base`; without a percentage when there is nothing to divide by. */
function share(part: number, base: number): string {
  return base > 0 ? `${part}件（${((100 * part) / base).toFixed(2)}%）` : `${part}件`;
}

function applications(cells: Cells, phrasing: NarrativePhrasing): string {
  const fresh = apply(cells, "apply.new");
  const carried = apply(cells, "apply.carry_over");
  const done = apply(cells, "apply.result.total");
  const forward = apply(cells, "apply.carry_forward");
  switch (phrasing) {
    case "received":
      return `全年收到政府信息公开申请${fresh}件，上年结转政府信息公开申请${carried}件，办结${done}件，转下一年度办理答复的有${forward}件。`;
    case "accepted":
      return `全年共受理政府信息公开申请${fresh + carried}件（含上年度结转申请${carried}件），答复${done}件，另有${forward}件顺延到下年度答复。`;
    case "results": {
      const results = [
        `予以公开及部分公开${share(apply(cells, "apply.result.open") + apply(cells, "apply.result.partial"), done)}`,
        `不予公开${share(applyGroup(cells, "apply.result.denied."), done)}`,
        `无法提供${share(applyGroup(cells, "apply.result.unable."), done)}`,
        `不予处理${share(applyGroup(cells, "apply.result.not_processed."), done)}`,
        `其他处理${share(applyGroup(cells, "apply.result.other"), done)}`,
      ];
      return `共受理政府信息公开申请${fresh}件，办结${done}件（含上年结转${carried}件）。其中，${results.join("，")}。结转下一年${forward}件。`;
    }
    default:
      return `新收政府信息公开申请${fresh}件，上年结转${carried}件，办结${done}件，结转下年度继续办理${forward}件。`;
  }
}

function reviewsAndSuits(cells: Cells, phrasing: NarrativePhrasing): string {
  const reviews = review(cells, "col.review.total");
  const suits = review(cells, "col.litigation.direct.total") + review(cells, "col.litigation.after_review.total");
  if (phrasing === "review") {
    const outcome = (key: string) => review(cells, `col.litigation.direct.${key}`) + review(cells, `col.litigation.after_review.${key}`);
    return (
      `政府信息公开行政复议${reviews}件，其中结果维持${review(cells, "col.review.upheld")}件，结果纠正${review(cells, "col.review.corrected")}件，` +
      `其他结果${review(cells, "col.review.other")}件，尚未审结${review(cells, "col.review.pending")}件；政府信息公开行政诉讼${suits}件，` +
      `其中结果维持${outcome("upheld")}件，结果纠正${outcome("corrected")}件，其他结果${outcome("other")}件，尚未审结${outcome("pending")}件。`
    );
  }
  if (phrasing === "received") {
    return `全年有${reviews}件涉及政府信息公开工作的行政复议，涉及的行政诉讼数为${suits}件。`;
  }
  return `因政府信息公开被申请行政复议${reviews}件、被提起行政诉讼${suits}件。`;
}

/** The figures of 三 and 四 as section 一 states them, in one phrasing (a random one when not given). */
export function narrativeFigures(cells: Cells, rng: Rng, phrasing: NarrativePhrasing = rng.pick(NARRATIVE_PHRASINGS)): string {
  return applications(cells, phrasing) + reviewsAndSuits(cells, phrasing);
}

const FEES = ["本年度未收取信息处理费。", "全年未向申请人收取信息处理费。", "本机关严格执行《政府信息公开信息处理费管理办法》，本年度未收取信息处理费。"];
const PROPOSALS = [
  (a: number, b: number) => `本年度共办理人大代表建议${a}件、政协提案${b}件，均按时办结。`,
  (a: number, b: number) => `全年承办人大代表建议${a}件、政协提案${b}件，办理结果均按规定公开。`,
  (a: number, b: number) => `办理人大代表建议${a}件和政协提案${b}件，均在规定时限内办复。`,
];
const CLOSINGS = ["无其他需要报告的事项。", "本年度无其他需要报告的事项。", "除上述情况外，无其他需要报告的事项。"];
/** 条例 第五十条（四）: a government reports 工作考核、社会评议 and 责任追究. */
const GOVERNMENT_RESULTS = [
  "将政府信息公开工作纳入年度绩效考核，各部门考核结果均为合格以上；通过门户网站开展社会评议，群众总体满意；全年未发生政府信息公开工作责任追究情况。",
  "政府信息公开工作考核结果良好；组织服务对象开展社会评议，评议结果较好；本年度无因政府信息公开工作被责任追究的情况。",
  "本年度对各部门政府信息公开工作进行考核并通报结果；社会评议中公众对公开工作总体认可；未发生需要责任追究的情形。",
];

/** Section 六: fees, proposals and — for a people's government — 考核、社会评议、责任追究 results. */
export function otherMatters(government: boolean, rng: Rng): { fee: string; other: string } {
  const fee = rng.pick(FEES);
  const proposals = rng.pick(PROPOSALS)(rng.int(0, 30), rng.int(0, 30));
  const results = government ? rng.pick(GOVERNMENT_RESULTS) : "";
  return { fee, other: `${fee}${results}${proposals}${rng.pick(CLOSINGS)}` };
}
