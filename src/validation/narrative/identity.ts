import { deadlineRule, dueDate } from "../../workflow/deadline";
import type { ReportToCheck, ReportIdentity, Violation } from "../violation.types";
import { compact, figure, matchAll, narrativeOf, quoteAround, warning } from "./text";

/** The title as printed: the first lines of a report's text, up to 年度报告 (for a report known only as text). */
export function printedTitle(text: string): string {
  const head = text
    .split("\n")
    .map(line => line.trim().replace(/^#+\s*/, ""))
    .filter(line => line !== "" && line !== "正文")
    .slice(0, 4)
    .join("");
  const end = head.indexOf("年度报告");
  return end < 0 ? head.slice(0, 80) : head.slice(0, end + "年度报告".length);
}

const TITLE_YEAR = /((?:19|20)\d{2})年/;
const SIGNED_AT_END = /((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日[）)]?$/;
/** How far before the signing date the agency's name is looked for. */
const SIGNATURE_SPAN = 40;

/** identity.*: the title's year, the statistics period, the agency's name in title and signature, the signing date. */
export function checkIdentity(report: ReportToCheck, identity: ReportIdentity): Violation[] {
  return [...titleYear(report, identity), ...periodYear(report), ...agencyNames(report, identity), ...signingDate(report, identity)];
}

function titleYear(report: ReportToCheck, { title }: ReportIdentity): Violation[] {
  const printed = title ? TITLE_YEAR.exec(compact(title))?.[1] : undefined;
  return printed && Number(printed) !== report.year ? [warning(report.format, "identity.title_year", { title: title!, printed, year: report.year })] : [];
}

function periodYear(report: ReportToCheck): Violation[] {
  for (const body of Object.values(report.sections)) {
    const text = compact(body ?? "");
    for (const match of matchAll(narrativeOf(report.format).period_patterns, text)) {
      const printed = figure(match.groups?.n);
      if (printed !== undefined && printed !== report.year) {
        const quote = quoteAround(text, match.index, match.index + match[0].length);
        return [warning(report.format, "identity.period_year", { printed, quote, year: report.year })];
      }
    }
  }
  return [];
}

/** The text of the signature: the end of the last section, before a closing date. */
function signature(report: ReportToCheck): { text: string; date?: RegExpExecArray } {
  const text = compact(report.sections["sec.other"] ?? "");
  const date = SIGNED_AT_END.exec(text) ?? undefined;
  const end = date ? date.index : text.length;
  return { text: date ? text.slice(Math.max(0, end - SIGNATURE_SPAN), end) : "", date };
}

function agencyNames(report: ReportToCheck, identity: ReportIdentity): Violation[] {
  const agency = identity.agency?.name;
  if (!agency) return [];
  const places: Array<[string, string]> = [
    ["标题", compact(identity.title ?? "")],
    ["落款", signature(report).text],
  ];
  return places.flatMap(([where, text]) => {
    const slip = nearMiss(agency, text);
    return slip ? [warning(report.format, "identity.agency_name", { where, printed: slip.printed, agency, distance: slip.distance })] : [];
  });
}

/**
 * A one- or two-character slip of the agency's name in `text` (沐阳县 for 沭阳县).
 * A text holding the name, or a part of it that ends like it (洪泽区人民政府 for
 * 淮安市洪泽区人民政府), is right; a text too different (a short form) is left alone.
 */
export function nearMiss(name: string, text: string): { printed: string; distance: number } | undefined {
  if (!text || text.includes(name)) return undefined;
  let best: { printed: string; distance: number } | undefined;
  for (let length = Math.min(name.length, text.length); length >= Math.min(5, name.length); length--) {
    const suffix = name.slice(name.length - length);
    if (text.includes(suffix) && length < name.length) {
      // A shorter form of the name, not a slip.
      return best;
    }
    for (let at = 0; at + length <= text.length; at++) {
      const printed = text.slice(at, at + length);
      const distance = [...printed].filter((char, i) => char !== suffix[i]).length;
      if (distance >= 1 && distance <= Math.max(1, Math.floor(length / 7)) && (!best || distance < best.distance)) {
        best = { printed, distance };
      }
    }
    if (best) return best;
  }
  return best;
}

function signingDate(report: ReportToCheck, identity: ReportIdentity): Violation[] {
  const { date } = signature(report);
  if (!date || !identity.agency) return [];
  const signed = `${date[1]}-${date[2].padStart(2, "0")}-${date[3].padStart(2, "0")}`;
  const due = dueDate(report.year, identity.agency);
  return signed > due ? [warning(report.format, "identity.signing_date", { date: signed, kind: deadlineRule(identity.agency).label, due })] : [];
}
