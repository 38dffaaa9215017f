/**
 * Table 四, 行政复议、行政诉讼: one unlabeled row of 15 numbers (复议 5, 直接起诉
 * 5, 复议后起诉 5). Some conversions print it as three rows of five.
 */
import type { Format, TableDef } from "../formats";
import type { ReadState } from "./cell-values";
import { dataColumns, dataRows, putRow, tableNotFound, warnMissing } from "./cell-values";
import { MAX_EXTRA } from "./split-numbers";
import type { TableRow } from "./table-rows";
import { filledCount, fitWidth } from "./table-rows";

const WIDTH = 15;
const PART = 5;

/** The values and the last line they came from, or undefined. */
function findValues(rows: readonly TableRow[]): { values: Array<string | null>; endLine: number } | undefined {
  // A row of fifteen empty fields is the table printed blank.
  const withValues = rows.filter(row => filledCount(row) > 0 || row.values.length === WIDTH);
  const whole = withValues.find(row => fitWidth(row.values, WIDTH).length >= WIDTH && fitWidth(row.values, WIDTH).length <= WIDTH + MAX_EXTRA);
  if (whole) {
    return { values: fitWidth(whole.values, WIDTH), endLine: whole.endLine };
  }
  const parts = withValues.filter(row => fitWidth(row.values, PART).length === PART);
  if (parts.length >= 3) {
    return { values: parts.slice(0, 3).flatMap(row => fitWidth(row.values, PART)), endLine: parts[2].endLine };
  }
  return consecutiveValues(withValues);
}

/** Other splits (复议 5 + 诉讼 10, one row per group of cells): consecutive rows whose values add up to fifteen. */
function consecutiveValues(rows: readonly TableRow[]): { values: Array<string | null>; endLine: number } | undefined {
  for (let start = 0; start < rows.length; start++) {
    const values: Array<string | null> = [];
    for (let end = start; end < rows.length && values.length < WIDTH; end++) {
      values.push(...rows[end].values);
      if (values.length === WIDTH) {
        return { values, endLine: rows[end].endLine };
      }
    }
  }
  return undefined;
}

/** Reads the table; returns the last line of its values (where section 五 may start). */
export function readReviewTable(state: ReadState, format: Format, rows: readonly TableRow[], region: { start: number; end: number }): number {
  const table = format.tables.get("review") as TableDef;
  const found = findValues(rows.filter(row => row.line >= region.start && row.line < region.end));
  if (!found) {
    throw tableNotFound(table);
  }
  const columns = dataColumns(table);
  if (found.values.length > WIDTH) {
    (state.pending ??= []).push({ table, row: dataRows(table)[0], columns, values: found.values, inYuan: false });
  } else {
    putRow(state, table, dataRows(table)[0], columns, found.values);
  }
  warnMissing(state, table, dataRows(table), columns);
  return found.endLine;
}
