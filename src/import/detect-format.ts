/**
 * Which national template the text actually uses. The year decides the
 * format a report should use, but reports are sometimes filled in the other
 * template; the column and row labels that exist in only one template tell.
 */
import type { FormatId } from "../formats";

const MARKERS: Record<FormatId, string[]> = {
  gb2019: ["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "第二十条第(九)项", "采购项目数量", "政府集中采购"],
  gb2021: ["本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额", "逾期不补正", "缴纳费用"],
};

/** The template whose own labels appear more often; undefined when neither shows. */
export function detectTemplate(compact: string): FormatId | undefined {
  const score = (id: FormatId) => MARKERS[id].filter(marker => compact.includes(marker)).length;
  const old = score("gb2019");
  const current = score("gb2021");
  if (old === current) {
    return undefined;
  }
  return old > current ? "gb2019" : "gb2021";
}
