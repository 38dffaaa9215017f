import type { Format, StatementDef } from "../../formats";
import { clauseStart, compact, figure, matchAll, narrativeOf, quoteAround, sentenceStart } from "./text";

/** One figure the narrative states, read with confidence. */
export interface Statement {
  def: StatementDef;
  sectionId: string;
  stated: number;
  /** The sentence, for the message. */
  quote: string;
  /** Readings to compare with: the statement's own, or those its context keyword chooses. */
  readings: string[][];
  /** A percentage printed right after the figure ("208 件（17.46%）"), as text. */
  percent?: string;
  start: number;
  end: number;
}

const PERCENT_AFTER = /^[（(](\d+(?:\.\d+)?)[%％]/;

/**
 * Reads every statement of the format's list from the narrative sections.
 * Left alone (never guessed): a clause whose subject is someone else
 * (代表、其中、各部门…) for statements that carry `subject_guard`, a context
 * statement without its keyword, and a figure inside another statement's match.
 */
export function readStatements(format: Format, sections: Record<string, string>): Statement[] {
  const checks = narrativeOf(format);
  const guard = new RegExp(checks.subject_guard);
  const statements: Statement[] = [];
  for (const [sectionId, body] of Object.entries(sections)) {
    const text = compact(body ?? "");
    const taken: Array<[number, number]> = [];
    for (const def of checks.statements) {
      for (const match of matchAll(def.patterns, text)) {
        const start = match.index;
        const end = start + match[0].length;
        const stated = figure(match.groups?.n);
        if (stated === undefined || taken.some(([from, to]) => start < to && from < end)) continue;
        if (def.subject_guard && guard.test(text.slice(clauseStart(text, start), start))) continue;
        const readings = readingsFor(def, text, start);
        if (!readings) continue;
        taken.push([start, end]);
        const percent = PERCENT_AFTER.exec(text.slice(end))?.[1];
        statements.push({ def, sectionId, stated, quote: quoteAround(text, start, end), readings, percent, start, end });
      }
    }
  }
  return statements;
}

/** A context statement (结果维持 …) takes the readings of the nearest keyword before it in its sentence. */
function readingsFor(def: StatementDef, text: string, at: number): string[][] | undefined {
  if (def.readings) return def.readings;
  if (!def.context) return undefined;
  const before = text.slice(sentenceStart(text, at), at);
  let best: { index: number; readings: string[][] } | undefined;
  for (const [keyword, readings] of Object.entries(def.context)) {
    const index = before.lastIndexOf(keyword);
    if (index >= 0 && (!best || index > best.index)) best = { index, readings };
  }
  return best?.readings;
}
