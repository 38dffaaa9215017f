/**
 * Writing read values into the cell map: canonical decimals, 元 → 万元, and
 * a warning for every cell that could not be found.
 */
import { canonicalDecimal, cellKey, yuanToWanYuan } from "../formats";
import type { ColumnDef, RowDef, TableDef } from "../formats";
import { valueUnit } from "./number-token";
import { ReportParseError } from "./parsed-report.types";
import type { PendingRow } from "./split-numbers";

export interface ReadState {
  cells: Record<string, string | null>;
  warnings: string[];
  /** Rows printed with more values than columns (a number broken over two lines), decided once every table is read. */
  pending?: PendingRow[];
}

/** Canonical text of one printed value; null stays null (a blank cell). */
export function cellValue(printed: string | null, inYuan: boolean): string | null {
  if (printed === null) {
    return null;
  }
  const canonical = canonicalDecimal(valueUnit(printed).digits);
  if (canonical === null) {
    return null;
  }
  return inYuan ? yuanToWanYuan(canonical) : canonical;
}

/** Puts a row's values under the given columns, in order. */
export function putRow(
  state: ReadState,
  table: TableDef,
  row: RowDef,
  columns: readonly ColumnDef[],
  values: ReadonlyArray<string | null | undefined>,
  inYuan = false,
): void {
  columns.forEach((column, i) => {
    const value = values[i];
    if (value === undefined) {
      return;
    }
    const key = cellKey(table.id, row.id, column.id);
    // A value printed with 元 in its own cell is in 元 whatever the header says.
    const printedInYuan = value !== null && valueUnit(value).inYuan;
    if (printedInYuan && !inYuan && column.dtype === "decimal") {
      state.warnings.push(`${key}：单元格中的金额以“元”为单位（${value}），已换算为万元 (amount printed in 元 converted to 万元)`);
    }
    state.cells[key] = cellValue(value, column.dtype === "decimal" && (inYuan || printedInYuan));
  });
}

/** One warning per row listing the cells of that row that were not found. */
export function warnMissing(state: ReadState, table: TableDef, rows: readonly RowDef[], columns: readonly ColumnDef[]): void {
  for (const row of rows) {
    const missing = columns.map(column => cellKey(table.id, row.id, column.id)).filter(key => !(key in state.cells));
    if (missing.length > 0) {
      state.warnings.push(`找不到单元格 (cells not found in the text): ${missing.join(", ")}`);
    }
  }
}

export function tableNotFound(table: TableDef): ReportParseError {
  return new ReportParseError(`找不到表格：${table.title} (table ${table.id} not found)`);
}

/** Data rows / columns of a table in format order. */
export function dataRows(table: TableDef): RowDef[] {
  return table.rows.filter(row => row.data);
}

export function dataColumns(table: TableDef): ColumnDef[] {
  return table.columns.filter(column => column.data);
}
