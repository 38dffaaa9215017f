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
