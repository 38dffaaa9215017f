import type { Format, NarrativeChecksDef, NarrativeRuleDef } from "../../formats";
import type { Violation, ViolationCell } from "../violation.types";

/** A section's text as the narrative checks read it: white space removed (PDF line breaks split words). */
export function compact(text: string): string {
  return text.replace(/\s+/g, "");
}

/** The narrative checks of a format (formats.json `narrative_checks`). */
export function narrativeOf(format: Format): NarrativeChecksDef {
  return format.def.narrative_checks;
}

/** "1,152" → 1152; undefined for anything that is not a plain number. */
export function figure(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text.replace(/,/g, ""));
  return Number.isFinite(value) ? value : undefined;
}

const SENTENCE_END = /[。；;！!？?]/;

/** The sentence around [start, end) of `text`, shortened around the match when long. */
export function quoteAround(text: string, start: number, end: number, max = 70): string {
  let from = start;
  while (from > 0 && !SENTENCE_END.test(text[from - 1])) from--;
  let to = end;
  while (to < text.length && !SENTENCE_END.test(text[to])) to++;
  if (to - from <= max) return text.slice(from, to);
  const left = Math.max(from, start - 24);
  const right = Math.min(to, Math.max(end + 16, left + max - 8));
  return `${left > from ? "…" : ""}${text.slice(left, right)}${right < to ? "…" : ""}`;
}

/** Start of the sentence holding position `at`. */
export function sentenceStart(text: string, at: number): number {
  let from = at;
  while (from > 0 && !SENTENCE_END.test(text[from - 1])) from--;
  return from;
}

/** Start of the clause (after the last ，。；：) holding position `at`. */
export function clauseStart(text: string, at: number): number {
  let from = at;
  while (from > 0 && !/[，,。；;：:！!？?]/.test(text[from - 1])) from--;
  return from;
}

/** Fills {placeholders} of a rule's message. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Builds a WARNING of a narrative rule, its message filled from the rule's template in the format data. */
export function warning(format: Format, ruleId: string, values: Record<string, string | number>, cells: ViolationCell[] = []): Violation {
  const rule = narrativeOf(format).rules.find((candidate: NarrativeRuleDef) => candidate.id === ruleId);
  if (!rule) {
    throw new Error(`formats.json has no narrative rule ${ruleId}`);
  }
  return { ruleId, kind: "heuristic", severity: "WARNING", message: fill(rule.message, values), cells };
}

/** Every match of the patterns in `text`, with the figure of group `n`. */
export function* matchAll(patterns: readonly string[], text: string): Generator<RegExpExecArray> {
  for (const pattern of patterns) {
    const regex = new RegExp(pattern, "g");
    for (let match = regex.exec(text); match; match = regex.exec(text)) {
      yield match;
      if (match[0].length === 0) regex.lastIndex++;
    }
  }
}

/** Rounds to at most two decimals for messages. */
export function round2(value: number): string {
  return String(Math.round(value * 100) / 100);
}
