/**
 * Finds the numbered section headings ("一、总体情况" … "六、其他需要报告的事项").
 * Headings are matched on whole short lines that start with a Chinese
 * numeral, so the same words inside a paragraph (the introduction often
 * lists every section title) are never taken for a heading.
 */
import { allFormats } from "../formats";
import { labelKey } from "./normalize";

export type HeadingKind = "overview" | "active" | "apply" | "review" | "problems" | "other";

const KIND_WORDS: Array<[HeadingKind, RegExp]> = [
  ["overview", /总体情况/],
  ["active", /主动公开政府信息(?:的)?情况/],
  ["apply", /收到和处理政府信息公开申请/],
  ["review", /行政复议/],
  ["problems", /存在的主要问题/],
  ["other", /其他需要报告的事项/],
];

const NUMBERED = /^[一二三四五六七八九十]+[、.]/;

/** A top-level heading line: numbered "X、" and short. */
export function isTopHeading(line: string): boolean {
  const key = labelKey(line);
  return NUMBERED.test(key) && key.length <= 40 && !/[。；]$/.test(key);
}

export function headingKind(line: string): HeadingKind | undefined {
  if (!isTopHeading(line)) {
    return undefined;
  }
  const key = labelKey(line);
  return KIND_WORDS.find(([, words]) => words.test(key))?.[0];
}

/** First line index of each kind of heading. */
export function findHeadings(lines: readonly string[]): Partial<Record<HeadingKind, number>> {
  const found: Partial<Record<HeadingKind, number>> = {};
  lines.forEach((line, index) => {
    const kind = headingKind(line);
    if (kind && found[kind] === undefined) {
      found[kind] = index;
    }
  });
  return found;
}

/** Index of the next top-level heading after `from`, or the end of the text. */
export function nextTopHeading(lines: readonly string[], from: number): number {
  for (let i = from + 1; i < lines.length; i++) {
    if (isTopHeading(lines[i])) {
      return i;
    }
  }
  return lines.length;
}

/** "二、主动公开政府信息情况" … as printed, from the format data (both formats share the six titles). */
const SECTION_HEADINGS = [...new Set(allFormats().flatMap(format => format.def.sections.map(section => `${section.no}、${section.title}`)))];

/**
 * A line that starts with a section heading and goes on ("四、…情况五、存在的…",
 * "二、主动公开政府信息情况第二十条第（一）项") becomes the heading and the rest.
 * Only a heading at the start of a line is split off, so an introduction that
 * lists the six titles in a sentence stays one line.
 */
export function splitRunTogetherHeadings(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    let rest = line;
    for (;;) {
      const trimmed = rest.trim();
      const heading = SECTION_HEADINGS.find(title => trimmed.startsWith(title) && trimmed.length > title.length);
      if (!heading || rest.includes("\t")) {
        break;
      }
      out.push(heading);
      rest = trimmed.slice(heading.length).replace(/^[。：:\s]+/, "");
    }
    out.push(rest);
  }
  return out;
}
