/**
 * Agency and year from the report title. Titles come as one line
 * (广州市越秀区应急管理局2020年政府信息公开工作年度报告), year first
 * (2025 年上海市人民政府办公厅政府信息公开工作年度报告), split over lines,
 * or with the agency on its own line above "2023 年政府信息公开工作年度报告".
 */
import { asciiDigits } from "./normalize";

export interface TitleInfo {
  agency?: string;
  year?: number;
  warnings: string[];
}

const REPORT = "(?:政府信息公开|政务公开)(?:工作)?(?:年度)?报告";

const CHINESE_DIGITS: Record<string, string> = {
  〇: "0",
  零: "0",
  Ｏ: "0",
  O: "0",
  一: "1",
  二: "2",
  三: "3",
  四: "4",
  五: "5",
  六: "6",
  七: "7",
  八: "8",
  九: "9",
};

/** A year written in Chinese numerals ("二〇二〇年") as digits. */
function titleDigits(text: string): string {
  return asciiDigits(text).replace(/([〇零Ｏ一二三四五六七八九]{4})(?=年)/g, year => [...year].map(ch => CHINESE_DIGITS[ch] ?? ch).join(""));
}
const YEAR_FIRST = new RegExp(`^((?:19|20)\\d{2})年度?(.{2,40}?)${REPORT}`);
const AGENCY_FIRST = new RegExp(`^(.{2,40}?)((?:19|20)\\d{2})年度?${REPORT}`);
const QUOTED = new RegExp(`《([^《》]{2,40}?)((?:19|20)\\d{2})年度?${REPORT}》`);

/** OCR confusions seen in place names (the published name is the right one). */
const OCR_FIXES: Array<[string, string]> = [["沐阳", "沭阳"]];

/** Short forms of agency names used in titles, with the official long form. */
const ABBREVIATIONS: Array<[string, string]> = [
  ["科委", "科学技术委员会"],
  ["发改委", "发展和改革委员会"],
  ["卫健委", "卫生健康委员会"],
  ["经信委", "经济和信息化委员会"],
];

/** The first lines joined without spaces, Markdown marks and "正文" captions. */
function titleHead(lines: readonly string[]): string {
  const head = lines
    .map(line => line.trim().replace(/^#+\s*/, ""))
    .filter(line => line !== "" && line !== "正文")
    .slice(0, 6)
    .join("");
  return titleDigits(head)
    .replace(/\s/g, "")
    .replace(/^[《「【]/, "");
}

/** A whole title line (or two or three lines together): agency and year in either order, or no year. */
const WHOLE_TITLE = new RegExp(`^(?:((?:19|20)\\d{2})年度?)?([\\u4e00-\\u9fa5（）()·]{2,40}?)(?:((?:19|20)\\d{2})年度?)?${REPORT}$`);

function squeeze(line: string): string {
  return titleDigits(line)
    .replace(/\s/g, "")
    .replace(/^#+/, "")
    .replace(/^[《「【]/, "")
    .replace(/[》」】]$/, "");
}

/**
 * The title among the first lines, which may hold site navigation and a page
 * title repeated above the article's: the first one line, or two or three
 * consecutive lines, that read as a title by themselves.
 */
function titleLines(lines: readonly string[]): { agency: string; year?: number } | undefined {
  const head = lines
    .map(squeeze)
    .filter(line => line !== "" && line !== "正文")
    .slice(0, 20);
  for (let start = 0; start < head.length; start++) {
    for (let count = 1; count <= 3 && start + count <= head.length; count++) {
      const match = WHOLE_TITLE.exec(head.slice(start, start + count).join(""));
      if (match) {
        const year = match[1] ?? match[3];
        return { agency: match[2], year: year ? Number(year) : undefined };
      }
    }
  }
  return undefined;
}

function fromTitle(head: string, all: string): { agency: string; year: number } | undefined {
  const yearFirst = YEAR_FIRST.exec(head);
  if (yearFirst) {
    return { year: Number(yearFirst[1]), agency: yearFirst[2] };
  }
  const match = AGENCY_FIRST.exec(head) ?? QUOTED.exec(all);
  return match ? { agency: match[1], year: Number(match[2]) } : undefined;
}

/** The statistics period "自 2023 年 1 月 1 日" gives the year when the title does not. */
function yearFromPeriod(all: string): number | undefined {
  const match = /((?:19|20)\d{2})年1月1日/.exec(all);
  return match ? Number(match[1]) : undefined;
}

/**
 * A county-level name in the title ("洪泽区人民政府") is completed with the city
 * the text itself puts before it ("淮安市洪泽区人民政府").
 */
function completeWithCity(agency: string, all: string): string {
  if (/[省市]/.test(agency) || !/[区县]/.test(agency)) {
    return agency;
  }
  const escaped = agency.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`(?:^|[^\\u4e00-\\u9fa5]|[由与向对将])([\\u4e00-\\u9fa5]{2,3}市)${escaped}`).exec(all);
  return match ? match[1] + agency : agency;
}

function cleanAgency(raw: string, all: string, warnings: string[]): string {
  // "XX局关于2023年政府信息公开工作年度报告" names the agency before 关于.
  let agency = raw.replace(/^[《「【]/, "").replace(/关于$/, "");
  for (const [wrong, right] of OCR_FIXES) {
    if (agency.includes(wrong)) {
      agency = agency.split(wrong).join(right);
      warnings.push(`机关名称疑似识别错误，已将“${wrong}”改为“${right}” (OCR fix in agency name: ${wrong} → ${right})`);
    }
  }
  for (const [short, long] of ABBREVIATIONS) {
    if (agency.endsWith(short) && !agency.endsWith(long)) {
      agency = agency.slice(0, -short.length) + long;
      warnings.push(`机关简称“${short}”按全称“${long}”读取 (agency short form expanded)`);
    }
  }
  return completeWithCity(agency, all);
}

export function readTitle(lines: readonly string[]): TitleInfo {
  const warnings: string[] = [];
  const all = titleDigits(lines.join("")).replace(/\s/g, "");
  const whole = titleLines(lines);
  const title = (whole?.year !== undefined ? { agency: whole.agency, year: whole.year } : undefined) ?? fromTitle(titleHead(lines), all);
  const year = title?.year ?? whole?.year ?? yearFromPeriod(all);
  const agencyName = title?.agency ?? whole?.agency;
  const agency = agencyName ? cleanAgency(agencyName, all, warnings) : undefined;
  return { agency, year, warnings };
}
