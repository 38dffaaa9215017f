import type { CellDef } from "./catalog";
import { MAX_SCALE, formatMicros, parseDecimal } from "./decimal";

/** How many decimal places a cell's stored integer carries: 0 for counts, 6 for amounts. */
export function storageScale(cell: CellDef): number {
  return cell.dtype === "decimal" ? MAX_SCALE : 0;
}

/** Canonical decimal text → the scaled integer stored for that cell. */
export function toStoredValue(cell: CellDef, text: string): bigint {
  const parsed = parseDecimal(text);
  if (!parsed) {
    throw new Error(`not a decimal: ${text}`);
  }
  return parsed.micros / 10n ** BigInt(MAX_SCALE - storageScale(cell));
}

/** The scaled integer stored for a cell → canonical decimal text. */
export function fromStoredValue(cell: CellDef, stored: bigint): string {
  return formatMicros(stored * 10n ** BigInt(MAX_SCALE - storageScale(cell)));
}

const INTEGER_TEXT = /^-?(?:0|[1-9]\d{0,17})$/;

/**
 * A cell's stored integer as the driver gives it (PostgreSQL: text; SQLite: a number) → canonical decimal text.
 * A count's stored integer is its text already: no BigInt arithmetic for the ~200 counts of every report read.
 */
export function fromStoredColumn(cell: CellDef, stored: number | string): string {
  if (storageScale(cell) === 0 && (typeof stored === "number" ? Number.isSafeInteger(stored) : INTEGER_TEXT.test(stored))) {
    return String(stored);
  }
  return fromStoredValue(cell, BigInt(stored));
}
