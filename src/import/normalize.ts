/**
 * Text clean-up shared by every reader. Published texts come from PDF
 * extractors, HTML pages and Markdown conversions, so the same label can be
 * written with full- or half-width punctuation, letter-spaced, or broken
 * across lines; page footers interrupt tables. Everything that compares
 * labels goes through `labelKey`, so the readers never see those variants.
 */

const FULL_WIDTH_DIGIT = /[０-９]/g;

/** Full-width digits and decimal points become ASCII so numbers parse. */
export function asciiDigits(text: string): string {
  return text.replace(FULL_WIDTH_DIGIT, ch => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/．/g, ".");
}

/** Page footers and page markers: "- 1 -", "— 2 —", "第 3 页", "<!-- page 4 -->". */
const FOOTER_PATTERNS: RegExp[] = [
  /^\s*[-—–－~]+\s*\d+\s*[-—–－~]+\s*$/,
  /^\s*第\s*\d+\s*页(\s*[,，]?\s*共\s*\d+\s*页)?\s*$/,
  /^\s*\d+\s*\/\s*\d+\s*$/,
  /^\s*<!--.*-->\s*$/,
  /^\s*\[?\s*page\s*\d+\s*\]?\s*$/i,
];

export function isFooter(line: string): boolean {
  return FOOTER_PATTERNS.some(pattern => pattern.test(line));
}

/**
 * Radical supplement characters that PDF fonts map common ideographs to
 * (Chromium's and many CJK fonts' ToUnicode tables): 人民 comes out as 人⺠.
 * The Kangxi radicals (U+2F00–U+2FD5, ⼆ ⾏ ⼈) have NFKC forms; these do not.
 */
const RADICAL_SUPPLEMENT: Record<string, string> = {
  "⺠": "民",
  "⻓": "长",
  "⻔": "门",
  "⻅": "见",
  "⻩": "黄",
  "⻝": "食",
  "⻛": "风",
  "⻋": "车",
  "⻢": "马",
  "⻚": "页",
  "⻬": "齐",
  "⻰": "龙",
  "⻜": "飞",
  "⻄": "西",
  "⻦": "鸟",
  "⻥": "鱼",
  "⻆": "角",
  "⺟": "母",
  "⻘": "青",
  "⻨": "麦",
  "⻧": "卤",
  "⻳": "龟",
  "⻉": "贝",
  "⻈": "讠",
  "⻁": "虎",
  "⺁": "厂",
  "⻣": "骨",
  "⻤": "鬼",
};

/** Ideographs given as radicals by PDF text layers, back to the ideographs. */
export function unifyRadicals(text: string): string {
  return text.replace(/[\u2e80-\u2fdf]/g, ch => RADICAL_SUPPLEMENT[ch] ?? (ch >= "\u2f00" ? ch.normalize("NFKC") : ch));
}

/**
 * A browser's copy of a table whose cells hold paragraphs (<td><p>…</p></td>,
 * as Word-made pages have) puts blank lines around every TAB
 * ("规章\n\n\t\n\n0\n\n\t\n\n5\n\n\n\n\n"): one or two line breaks beside
 * a TAB belong to the cell boundary, three or more end the row, and two
 * inside a cell separate its paragraphs. Folded back, each row is one line
 * again. Only text with that signature is touched (Word's own copy puts one
 * line break before each TAB and must stay as it is).
 */
export function foldParagraphCells(text: string): string {
  if ((text.match(/\n\n\t\n\n/g)?.length ?? 0) < 3) {
    return text;
  }
  return text
    .replace(/ *\n{1,2} *\t/g, "\t")
    .replace(/\t *\n{1,2}(?!\n)/g, "\t")
    .replace(/([^\n])\n\n(?=[^\n])/g, "$1\n");
}

/** Splits the text into lines with digits normalised and page footers removed. */
export function toLines(text: string): string[] {
  return asciiDigits(unifyRadicals(foldParagraphCells(text.replace(/\r\n?/g, "\n"))))
    .replace(/\r\n?/g, "\n")
    .replace(/[\u00a0\u3000]/g, " ")
    .replace(/\[bookmark:[^\]]*\]/g, "")
    .split("\n")
    .filter(line => !isFooter(line));
}

/**
 * A comparison key for labels: no whitespace or Markdown marks, half-width
 * brackets, "1、" numbering read as "1.", curly quotes straightened.
 */
export function labelKey(text: string): string {
  return asciiDigits(text)
    .replace(/[\s|#*]/g, "")
    .replace(/（/g, "(")
    .replace(/）/g, ")")
    .replace(/[“”"]/g, '"')
    .replace(/，/g, ",")
    .replace(/：/g, ":")
    .replace(/(\d)、/g, "$1.");
}

/** The whole text as one label key: used to look for markers that may be line-broken. */
export function compactText(lines: readonly string[]): string {
  return labelKey(lines.join(""));
}

/** True when the text holds NUL bytes or is mostly control / replacement characters. */
export function looksBinary(text: string): boolean {
  if (text.includes("\u0000")) {
    return true;
  }
  const sample = text.slice(0, 4000);
  const bad = sample.match(/[\u0001-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0;
  return sample.length > 0 && bad / sample.length > 0.1;
}
