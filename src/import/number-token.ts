/**
 * What a printed table cell holds when it is a number: digits with an optional
 * sign (本年增/减 prints "+1", "-2"), thousands separators, a decimal part,
 * and sometimes the unit inside the cell ("481714587.29元", "12件"). A value
 * printed in 元 keeps its unit so the table reader can convert it to 万元 and
 * say so; count units are dropped.
 */

const NUMBER = /^([-+]?\d+(?:,\d{3})*(?:\.\d+)?)\s*(万元|元|件|个|项|次|宗|条|人次)?$/;

/** Cells printed as a dash or slash mean "nothing to report": a blank. */
export const BLANK_MARK = /^[-—–－/／]$/;

/** Full-width thousands separators and points, as some pages print them ("１，２３４"). */
function plain(token: string): string {
  return token
    .trim()
    .replace(/(\d)，(?=\d{3}(?:\D|$))/g, "$1,")
    .replace(/(\d)．(?=\d)/g, "$1.");
}

export function isNumberToken(token: string): boolean {
  return NUMBER.test(plain(token));
}

/** The value as the table holds it: "1234.5", "-2", or "481714587.29元" (still in 元). */
export function numberValue(token: string): string | null {
  const match = NUMBER.exec(plain(token));
  if (!match) {
    return null;
  }
  const digits = match[1].replace(/,/g, "");
  return match[2] === "元" ? `${digits}元` : digits;
}

/** Splits a stored value into its digits and whether it was printed in 元. */
export function valueUnit(value: string): { digits: string; inYuan: boolean } {
  return value.endsWith("元") ? { digits: value.slice(0, -1), inYuan: true } : { digits: value, inYuan: false };
}
