/**
 * A made-up 2021-format report for the demo's second agency. The numbers are
 * invented but add up, so the demo shows a report that validates cleanly.
 */
export const JUSTICE_2021_CELLS: Record<string, string> = {
  "active.art20_1/active.rules/col.issued": "0",
  "active.art20_1/active.rules/col.repealed": "0",
  "active.art20_1/active.rules/col.in_force": "0",
  "active.art20_1/active.normative/col.issued": "3",
  "active.art20_1/active.normative/col.repealed": "1",
  "active.art20_1/active.normative/col.in_force": "25",
  "active.art20_5/active.license/col.decisions": "320",
  "active.art20_6/active.penalty/col.decisions": "45",
  "active.art20_6/active.coercion/col.decisions": "2",
  "active.art20_8/active.fee/col.fee_amount": "12.5",
  "apply/apply.new/col.natural": "12",
  "apply/apply.new/col.legal.commercial": "3",
  "apply/apply.new/col.total": "15",
  "apply/apply.carry_over/col.natural": "1",
  "apply/apply.carry_over/col.total": "1",
  "apply/apply.result.open/col.natural": "6",
  "apply/apply.result.open/col.legal.commercial": "2",
  "apply/apply.result.open/col.total": "8",
  "apply/apply.result.partial/col.natural": "2",
  "apply/apply.result.partial/col.total": "2",
  "apply/apply.result.unable.not_held/col.natural": "3",
  "apply/apply.result.unable.not_held/col.legal.commercial": "1",
  "apply/apply.result.unable.not_held/col.total": "4",
  "apply/apply.result.other.other/col.natural": "1",
  "apply/apply.result.other.other/col.total": "1",
  "apply/apply.result.total/col.natural": "12",
  "apply/apply.result.total/col.legal.commercial": "3",
  "apply/apply.result.total/col.total": "15",
  "apply/apply.carry_forward/col.natural": "1",
  "apply/apply.carry_forward/col.total": "1",
  "review/review.count/col.review.upheld": "1",
  "review/review.count/col.review.total": "1",
  "review/review.count/col.litigation.direct.upheld": "1",
  "review/review.count/col.litigation.direct.total": "1",
};

export const JUSTICE_2021_SECTIONS: Record<string, string> = {
  "sec.overview":
    "2021年，广州市越秀区司法局坚持“公开为常态、不公开为例外”，全年通过区政府门户网站主动公开政府信息136条，受理政府信息公开申请15件，均在法定期限内答复。",
  "sec.problems": "一是政策解读形式较为单一；二是依申请公开答复文书规范化程度有待提高。下一步将丰富解读形式，加强业务培训。",
  "sec.other": "本年度未收取信息处理费。无其他需要报告的事项。",
};
