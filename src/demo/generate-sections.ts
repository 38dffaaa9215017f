import { textSections } from "../formats";
import type { Format } from "../formats";
import { repeatedShare } from "../validation/narrative/previous-year";
import type { AgencyProfile } from "./generate-content";
import { narrativeFigures, otherMatters } from "./generate-narrative";
import type { Rng } from "./generate-rng";

/**
 * The narrative sections of a generated report: section 一 states the
 * tables' figures (in one of the phrasings of generate-narrative.ts), 五 and 六
 * are assembled from phrases, rewritten until they do not copy last year's.
 */

/** True when a section repeats more than the format allows of last year's (text.repeated). */
export function repeatsLastYear(format: Format, sections: Record<string, string>, last: Record<string, string>): boolean {
  const rule = format.def.narrative_checks.repetition;
  return rule.sections.some(id => repeatedShare(sections[id] ?? "", last[id] ?? "", rule.min_chars) > rule.share);
}

const OPENING = [
  "深入贯彻落实《中华人民共和国政府信息公开条例》，坚持“以公开为常态、不公开为例外”",
  "认真贯彻党中央、国务院关于全面推进政务公开工作的决策部署",
  "严格落实政府信息公开工作要求，持续深化决策、执行、管理、服务、结果公开",
];
const PRACTICE = [
  "进一步规范政府信息公开平台栏目设置，及时更新法定主动公开内容。",
  "加强政策解读，采用图文、问答等形式解读重要政策文件。",
  "完善依申请公开办理流程，严格执行登记、审核、答复、归档制度。",
  "落实公开前保密审查制度，确保公开信息安全准确。",
  "开展政务公开业务培训，提升工作人员公开意识和业务能力。",
];
const PROBLEMS = [
  "政策解读形式较为单一，图解、视频等解读方式运用不多",
  "部分栏目信息更新不够及时",
  "依申请公开答复文书的规范化程度有待提高",
  "政务公开专业人员力量不足，业务培训覆盖面不够",
  "主动公开内容与公众需求的契合度有待提升",
];
const MEASURES = [
  "丰富政策解读形式，提高解读的针对性和可读性",
  "建立栏目内容定期检查机制，确保信息及时更新",
  "规范答复文书格式，加强法律审核",
  "加强业务培训，配齐配强工作人员",
  "围绕群众关切，拓展主动公开的广度和深度",
];

export function writeSections(
  format: Format,
  year: number,
  agency: AgencyProfile,
  cells: Record<string, string | null>,
  rng: Rng,
): { sections: Record<string, string>; earlierSections: Record<string, string> } {
  const items = rng.int(80, 1200);
  const practice = pickSome(PRACTICE, 2, rng).join("");
  const overview =
    `${year}年，${agency.name}${rng.pick(OPENING)}，扎实推进政府信息公开工作。全年通过门户网站主动公开政府信息${items}条。` +
    `${narrativeFigures(cells, rng)}${practice}`;
  const [p1, p2] = pickSome(PROBLEMS, 2, rng);
  const [m1, m2] = pickSome(MEASURES, 2, rng);
  const problemsDraft = `一是${p1}；二是${p2}。`;
  const problems = `${problemsDraft}下一步，将${m1}；${m2}。`;
  const { fee, other } = otherMatters(agency.government === true, rng);
  const sections: Record<string, string> = {};
  for (const section of textSections(format)) {
    sections[section.id] =
      section.id === "sec.overview" ? overview : section.id === "sec.problems" ? problems : section.id === "sec.other" ? other : `${section.title}：无。`;
  }
  return { sections, earlierSections: { "sec.problems": problemsDraft, "sec.other": `${fee}无其他需要报告的事项。` } };
}

function pickSome<T>(items: readonly T[], count: number, rng: Rng): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length) out.push(pool.splice(Math.floor(rng.next() * pool.length), 1)[0]);
  return out;
}
