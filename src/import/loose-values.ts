/**
 * Values a conversion pulled out of the 第二十条第（一）项 table: a cell printed
 * on two lines ("55（含自然失效 29 件）") can end up as a loose number under
 * the title, while its table row prints one number short. The note says which
 * column it is (修订/制发 → 本年制发件数, 废止/失效 → 本年废止件数); only
 * 行政规范性文件 have a validity period, so "自然失效"/"有效期" names that row.
 * A loose value is used only when that leaves exactly one cell it can fill.
 */
import { cellKey } from "../formats";
import type { TableDef } from "../formats";
import type { ReadState } from "./cell-values";
import { cellValue, dataColumns, dataRows } from "./cell-values";
import type { TableRow } from "./table-rows";

function columnIndex(note: string): number | undefined {
  if (/失效|废止/.test(note)) {
    return 1;
  }
  if (/修订|制发|新制/.test(note)) {
    return 0;
  }
  return /有效|累计/.test(note) ? 2 : undefined;
}

/** Loose single numbers in the region, each with the note on the following line. */
function looseValues(rows: readonly TableRow[], lines: readonly string[]): Array<{ value: string; note: string }> {
  return rows
    .filter(row => row.label === "" && row.values.length === 1 && row.values[0] !== null)
    .map(row => ({ value: row.values[0] as string, note: lines[row.endLine + 1] ?? "" }))
    .filter(loose => /^[（(].*[)）]$/.test(loose.note.trim()));
}

export function fillLooseValues(state: ReadState, table: TableDef, regionRows: readonly TableRow[], lines: readonly string[]): void {
  const columns = dataColumns(table);
  if (table.id !== "active.art20_1" || columns.length !== 3) {
    return;
  }
  for (const loose of looseValues(regionRows, lines)) {
    const column = columns[columnIndex(loose.note) ?? -1];
    if (!column) {
      continue;
    }
    const value = cellValue(loose.value, false);
    const keys = dataRows(table)
      .filter(row => !/失效|有效期/.test(loose.note) || row.id === "active.normative")
      .map(row => cellKey(table.id, row.id, column.id));
    const duplicate = keys.some(key => state.cells[key] === value);
    const open = keys.filter(key => !(key in state.cells));
    if (!duplicate && open.length === 1) {
      state.cells[open[0]] = value;
      state.warnings.push(`${table.title}：表外数字 ${loose.value}${loose.note.trim()} 记入 ${open[0]} (loose value placed by its note)`);
    }
  }
}
