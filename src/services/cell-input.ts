import { allFormats, canonicalDecimal, parseDecimal } from "../formats";
import type { CellDef, Format } from "../formats";
import { cellLabel, numberIssue } from "../validation";
import type { NumberIssue } from "../validation";
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

/** A canonical value (or null for blank), or the problem with it; the number rules are validation's (numberIssue). */
export function checkCellValue(cell: CellDef, raw: string | null): string | null | Problem {
  if (raw === null) {
    return null;
  }
  const label = `${cellLabel(cell)} (${cell.key})`;
  if (raw.length > LIMITS.cellValueLength) {
    return { code: UserErrorCode.TOO_LONG, message: `${label}: the value is ${raw.length} characters; a number needs at most ${LIMITS.cellValueLength}.` };
  }
  const text = raw.trim();
  const issue = numberIssue(cell, text);
  if (issue) {
    return { code: UserErrorCode.INVALID_VALUE, message: `${label}: ${numberProblem(cell, raw, text, issue)}` };
  }
  // Note: a bound on what input may store, not a number rule of the formats (validation knows no such rule), so it stays here.
  const { micros } = parseDecimal(text)!;
  if (micros >= MAX_MAGNITUDE || micros <= -MAX_MAGNITUDE) {
    return { code: UserErrorCode.INVALID_VALUE, message: `${label}: ${text} is too large; values must be below 1,000,000,000.` };
  }
  return canonicalDecimal(text);
}

const MAX_MAGNITUDE = 1_000_000_000n * 1_000_000n;

/** What is wrong with a value, in the words of an API answer: the problem and how to put it right. */
function numberProblem(cell: CellDef, raw: string, text: string, issue: NumberIssue): string {
  const example = `Enter a number such as 12${cell.dtype === "decimal" ? " or 27.37" : ""}, or leave it blank.`;
  switch (issue.ruleId) {
    case "domain.number":
      return `"${truncate(raw)}" is not a number. ${example}`;
    case "domain.scale":
      return `"${truncate(raw)}" has more than ${issue.scale} decimal places; at most ${issue.scale} decimal places are allowed. ${example}`;
    case "domain.integer":
      return `${text} is not a whole number; counts (件数) must be whole numbers.`;
    case "domain.nonnegative":
      return `${text} is below ${issue.min}; ${issue.min === 0 ? "this cell cannot be negative" : `the least this cell takes is ${issue.min}`}.`;
  }
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
