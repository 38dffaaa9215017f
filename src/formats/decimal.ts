/**
 * Exact decimal arithmetic for report cells.
 *
 * Cell values travel as canonical decimal strings ("588", "27.37", "-3") and
 * are added as BigInt multiples of 10^-6 (the finest unit the formats use:
 * 万元 to six places, a real report prints 24252.311082). Binary floats never
 * touch a value, so 27.37 stays 27.37.
 */

export const MAX_SCALE = 6;
const UNIT = 10n ** BigInt(MAX_SCALE);
const DECIMAL_PATTERN = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** A decimal as an integer count of 10^-6 units. */
export type Micros = bigint;

export interface ParsedDecimal {
  readonly micros: Micros;
  /** Number of fractional digits written (after dropping trailing zeros). */
  readonly scale: number;
}

/**
 * Short texts parsed before (validation reads every cell of a report and last year's, rule after rule; most are
 * "0" or a small count): answers are immutable and shared. Bounded: cleared when full.
 */
const parsedTexts = new Map<string, ParsedDecimal | null>();
const PARSED_KEPT = 20_000;
const PARSED_TEXT_LENGTH = 24;

/**
 * Given a decimal literal, returns its exact value, or null when the text is
 * not a plain decimal or has more than six fractional digits.
 */
export function parseDecimal(text: string): ParsedDecimal | null {
  if (text.length > PARSED_TEXT_LENGTH) return parseText(text);
  const kept = parsedTexts.get(text);
  if (kept !== undefined) return kept;
  if (parsedTexts.size >= PARSED_KEPT) parsedTexts.clear();
  const parsed = parseText(text);
  parsedTexts.set(text, parsed);
  return parsed;
}

function parseText(text: string): ParsedDecimal | null {
  const match = DECIMAL_PATTERN.exec(text.trim());
  if (!match) {
    return null;
  }
  const [, sign, whole, fraction = ""] = match;
  const significant = fraction.replace(/0+$/, "");
  if (significant.length > MAX_SCALE) {
    return null;
  }
  const padded = significant.padEnd(MAX_SCALE, "0");
  const magnitude = BigInt(whole) * UNIT + BigInt(padded);
  return { micros: sign === "-" ? -magnitude : magnitude, scale: significant.length };
}

/** Returns the shortest canonical text of a value: no trailing zeros, no "+". */
export function formatMicros(micros: Micros): string {
  const negative = micros < 0n;
  const magnitude = negative ? -micros : micros;
  const whole = magnitude / UNIT;
  const fraction = (magnitude % UNIT).toString().padStart(MAX_SCALE, "0").replace(/0+$/, "");
  const body = fraction ? `${whole}.${fraction}` : `${whole}`;
  return negative && magnitude !== 0n ? `-${body}` : body;
}

/** Canonicalises a decimal literal ("027.370" → "27.37"); null when invalid. */
export function canonicalDecimal(text: string): string | null {
  const parsed = parseDecimal(text);
  return parsed ? formatMicros(parsed.micros) : null;
}

/** Adds canonical decimal strings exactly. */
export function sumDecimals(values: readonly string[]): Micros {
  let total = 0n;
  for (const value of values) {
    const parsed = parseDecimal(value);
    if (!parsed) {
      throw new Error(`not a decimal: ${value}`);
    }
    total += parsed.micros;
  }
  return total;
}

/**
 * Converts an amount printed in 元 to 万元 exactly (divide by 10,000).
 * Returns null when the result would need more than six fractional digits.
 */
export function yuanToWanYuan(text: string): string | null {
  const parsed = parseDecimal(text);
  if (!parsed) {
    return null;
  }
  if (parsed.micros % 10_000n !== 0n && parsed.scale + 4 > MAX_SCALE) {
    return null;
  }
  // 元 → 万元 moves the point four places left; with ≤ 2 decimals in 元 that stays within 6.
  const shifted = parseDecimal(shiftPointLeft(formatMicros(parsed.micros), 4));
  return shifted ? formatMicros(shifted.micros) : null;
}

function shiftPointLeft(text: string, places: number): string {
  const negative = text.startsWith("-");
  const body = negative ? text.slice(1) : text;
  const [whole, fraction = ""] = body.split(".");
  const digits = whole.padStart(places + 1, "0") + fraction;
  const point = digits.length - fraction.length - places;
  const result = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${result}` : result;
}

/** Converts a canonical decimal to a JSON number (exact for every ≤6-place value we store). */
export function decimalToNumber(text: string): number {
  return Number(text);
}
