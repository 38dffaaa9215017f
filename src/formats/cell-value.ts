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
