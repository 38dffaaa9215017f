import { allFormats, canonicalDecimal, parseDecimal } from "../formats";
import type { CellDef, Format } from "../formats";
import { UserErrorCode } from "./errors";
import type { Problem } from "./errors";
import { LIMITS } from "./limits";

export interface CellInput {
  /** `<table>/<row>/<col>` with the ids of the report's format. */
  key: string;
  /** A decimal literal, or null for a blank cell. */
  value: string | null;
}

export interface CheckedCell {
  cell: CellDef;
  /** Canonical decimal text, or null for blank. */
  value: string | null;
}

/**
 * Checks a batch of cell inputs against a format. Returns every problem at
 * once, so an author can fix them all in one go.
 */
export function checkCellInputs(format: Format, inputs: CellInput[]): { cells: CheckedCell[]; problems: Problem[] } {
  const cells: CheckedCell[] = [];
  const problems: Problem[] = [];
  if (inputs.length > LIMITS.cellsPerRequest) {
    const message = `At most ${LIMITS.cellsPerRequest} cells may be set in one request (a whole report has about 200); you sent ${inputs.length}. Send them in smaller batches.`;
    return { cells, problems: [{ code: UserErrorCode.TOO_LONG, message, field: ["input", "cells"] }] };
  }
  const seen = new Set<string>();
  inputs.forEach((input, index) => {
    const field = ["input", "cells", String(index)];
    const cell = format.cells.get(input.key);
    if (!cell) {
      problems.push({ code: UserErrorCode.UNKNOWN_CELL, message: unknownCellMessage(format, input.key), field: [...field, "key"] });
    } else if (seen.has(input.key)) {
      problems.push({ code: UserErrorCode.INVALID_INPUT, message: `Cell ${input.key} is given twice; give each cell once.`, field });
    } else {
      seen.add(input.key);
      const checked = checkCellValue(cell, input.value);
      if (typeof checked === "string" || checked === null) {
        cells.push({ cell, value: checked });
      } else {
        problems.push({ ...checked, field: [...field, "value"] });
      }
    }
  });
  return { cells, problems };
}

/** A canonical value (or null for blank), or the problem with it. */
export function checkCellValue(cell: CellDef, raw: string | null): string | null | Problem {
  if (raw === null) {
    return null;
  }
  if (raw.length > LIMITS.cellValueLength) {
    return { code: UserErrorCode.TOO_LONG, message: `${cellLabel(cell)}: the value is ${raw.length} characters; a number needs at most ${LIMITS.cellValueLength}.` };
  }
  const text = raw.trim();
  const label = cellLabel(cell);
  const parsed = parseDecimal(text);
  if (!parsed) {
    const detail = /^[+-]?\d+\.\d{7,}$/.test(text) ? "at most 6 decimal places are allowed" : "not a number";
    return invalid(`${label}: "${truncate(raw)}" is ${detail}. Enter a number such as 12${cell.dtype === "decimal" ? " or 27.37" : ""}, or leave it blank.`);
  }
  if (cell.dtype === "int" && parsed.scale > 0) {
    return invalid(`${label}: ${text} is not a whole number; counts (件数) must be whole numbers.`);
  }
  if (cell.min !== null && parsed.micros < BigInt(cell.min) * 1_000_000n) {
    return invalid(`${label}: ${text} is below ${cell.min}; this cell cannot be negative.`);
  }
  if (parsed.micros >= 1_000_000_000n * 1_000_000n || parsed.micros <= -1_000_000_000n * 1_000_000n) {
    return invalid(`${label}: ${text} is too large; values must be below 1,000,000,000.`);
  }
  return canonicalDecimal(text);
}

function invalid(message: string): Problem {
  return { code: UserErrorCode.INVALID_VALUE, message };
}

export function cellLabel(cell: CellDef): string {
  const row = cell.row.label ?? cell.table.title;
  return `${cell.table.title} / ${row} / ${cell.column.label} (${cell.key})`;
}

function unknownCellMessage(format: Format, key: string): string {
  const other = allFormats().find(f => f.id !== format.id && f.cells.has(key));
  if (other) {
    return `Cell ${key} belongs to the ${other.id} format, but this report uses ${format.id}; use the ids of format ${format.id} (query format(id: "${format.id}")).`;
  }
  return `Unknown cell ${truncate(key)}: cells are addressed as <table>/<row>/<column> with the ids of format ${format.id}.`;
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
