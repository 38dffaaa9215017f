/**
 * The 第二十条 tables of section 二. Each table is found by its title
 * (第二十条第（X）项) and each row by its label; when a conversion moved a
 * table away from its title (Markdown fragments), the row is looked for in
 * the whole section. Values are read left to right under the format's columns.
 */
import type { Format, RowDef, TableDef } from "../formats";
import type { ReadState } from "./cell-values";
import { dataColumns, dataRows, putRow, tableNotFound, warnMissing } from "./cell-values";
import { matchLabel } from "./labels";
import { fillLooseValues } from "./loose-values";
import { labelKey } from "./normalize";
import type { TableRow } from "./table-rows";
import { filledCount, fitWidth } from "./table-rows";

export interface ActiveBounds {
  start: number;
  end: number;
}

/** Labels a row may be printed with: its own, its variants, and the other template's name. */
function rowLabels(row: RowDef): string[] {
  const labels = [row.label ?? "", ...(row.label_variants ?? [])];
  if (row.id === "active.normative") {
    labels.push("规范性文件", "行政规范性文件");
  }
  return labels.filter(Boolean);
}

function titleLines(lines: readonly string[], bounds: ActiveBounds, title: string): number[] {
  const key = labelKey(title);
  const found: number[] = [];
  for (let i = bounds.start; i < bounds.end; i++) {
    if (labelKey(lines[i]).includes(key)) {
      found.push(i);
    }
  }
  return found;
}

/**
 * The first row carrying values whose label is the row's (exact, or one
 * character off); a row whose cells are all printed blank (a table with
 * empty fields) counts only when no row with numbers has the label.
 */
function findRow(rows: readonly TableRow[], row: RowDef, from: number, to: number): TableRow | undefined {
  const labelled = rows.filter(r => r.line >= from && r.line < to && r.values.length > 0 && r.label !== "");
  const filled = labelled.filter(r => filledCount(r) > 0);
  const blank = labelled.filter(r => filledCount(r) === 0);
  for (const kind of ["exact", "near"] as const) {
    const hit = filled.find(r => matchLabel(r.label, rowLabels(row)) === kind) ?? blank.find(r => matchLabel(r.label, rowLabels(row)) === kind);
    if (hit) {
      return hit;
    }
  }
  return undefined;
}

/** An amount header in 元 (not 万元) means the values must be divided by 10,000. */
function headerInYuan(lines: readonly string[], from: number, to: number): boolean {
  const key = labelKey(lines.slice(from, to).join(""));
  return /(?:单位:|\()元\)?/.test(key.replace(/万元/g, ""));
}

/** Spreads k printed values over n columns: first ones in order, the last under the last column. */
function spread(values: Array<string | null>, width: number): Array<string | null | undefined> {
  if (values.length >= width) {
    return values.slice(0, width);
  }
  const spreadValues: Array<string | null | undefined> = new Array<string | null | undefined>(width).fill(undefined);
  values.slice(0, -1).forEach((value, i) => (spreadValues[i] = value));
  spreadValues[width - 1] = values[values.length - 1];
  return spreadValues;
}

function readTable(
  state: ReadState,
  table: TableDef,
  lines: readonly string[],
  rows: readonly TableRow[],
  bounds: ActiveBounds,
  nextTitle: (line: number) => number,
): void {
  const columns = dataColumns(table);
  const starts = titleLines(lines, bounds, table.title);
  const from = starts[0] ?? bounds.start;
  const to = starts.length > 0 ? nextTitle(from) : bounds.end;
  let found = 0;
  for (const row of dataRows(table)) {
    const hit = findRow(rows, row, from, to) ?? findRow(rows, row, bounds.start, bounds.end);
    if (!hit) {
      continue;
    }
    const values = fitWidth(hit.values, columns.length);
    const inYuan = headerInYuan(lines, Math.min(from, hit.line - 4), hit.line);
    if (inYuan) {
      state.warnings.push(`${table.title}的金额以“元”为单位，已换算为万元 (amounts in 元 converted to 万元)`);
    }
    found++;
    if (values.length > columns.length) {
      (state.pending ??= []).push({ table, row, columns, values, inYuan });
      continue;
    }
    if (values.length !== columns.length) {
      state.warnings.push(
        `${table.title}“${row.label}”行印有 ${values.length} 个数，表格有 ${columns.length} 列 (row ${row.id}: ${values.length} values for ${columns.length} columns)`,
      );
    }
    putRow(state, table, row, columns, spread(values, columns.length), inYuan);
  }
  if (found === 0) {
    throw tableNotFound(table);
  }
  fillLooseValues(
    state,
    table,
    rows.filter(r => r.line >= from && r.line < to),
    lines,
  );
  warnMissing(state, table, dataRows(table), columns);
}

export function readActiveTables(state: ReadState, format: Format, lines: readonly string[], rows: readonly TableRow[], bounds: ActiveBounds): void {
  const tables = format.def.tables.filter(table => table.section === "sec.active");
  const allTitles = tables.flatMap(table => titleLines(lines, bounds, table.title)).sort((a, b) => a - b);
  const nextTitle = (line: number) => allTitles.find(t => t > line) ?? bounds.end;
  for (const table of tables) {
    readTable(state, table, lines, rows, bounds, nextTitle);
  }
}
