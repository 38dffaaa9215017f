import { parseDecimal } from "../../formats";
import type { CellDef, Format } from "../../formats";
import { cellLabel } from "../cell-labels";
import { violationCell } from "../equation";
import type { ReportToCheck, ViolationCell } from "../violation.types";

/** A reading of a statement evaluated on the tables: the cells and their sum. */
export interface ReadingValue {
  defs: CellDef[];
  /** Cell texts (null = blank, counted as 0). */
  values: (string | null)[];
  total: number;
}

/**
 * The format's cells a ref names. A row id ending in a star names every row
 * whose id starts with what precedes it: `apply.result.denied.` + star is each
 * 不予公开 row; `apply.result.other` + star also takes the row itself (one row
 * in gb2019, three in gb2021).
 */
export function cellsOf(format: Format, ref: string): CellDef[] {
  const [table, row, col] = ref.split("/");
  if (!row.endsWith("*")) {
    const def = format.cells.get(ref);
    return def ? [def] : [];
  }
  const prefix = row.slice(0, -1);
  return [...format.cells.values()].filter(def => def.table.id === table && def.column.id === col && def.row.id.startsWith(prefix));
}

/** The reading's sum, or undefined when a cell is absent or not a number (the statement cannot be judged). */
export function evaluate(report: ReportToCheck, refs: readonly string[]): ReadingValue | undefined {
  const defs = refs.flatMap(ref => cellsOf(report.format, ref));
  if (defs.length === 0) return undefined;
  const values: (string | null)[] = [];
  let total = 0;
  for (const def of defs) {
    if (!(def.key in report.cells)) return undefined;
    const value = report.cells[def.key];
    const parsed = value === null ? 0 : Number(parseDecimal(value)?.micros ?? NaN) / 1e6;
    if (Number.isNaN(parsed)) return undefined;
    values.push(value);
    total += parsed;
  }
  return { defs, values, total };
}

/** "“总计 · 四、结转下年度继续办理”为空白", or a sum: "“A” 3 + “B” 0 = 3"; long sums name their group. */
export function describeReading(reading: ReadingValue): string {
  const shown = (value: string | null) => value ?? "空白";
  if (reading.defs.length === 1) {
    return `“${cellLabel(reading.defs[0])}”为${reading.values[0] === null ? "空白" : ` ${reading.values[0]}`}`;
  }
  if (reading.defs.length > 3) {
    const first = reading.defs[0];
    const group = first.table.rows.find(row => row.id === first.row.parent)?.label ?? first.row.label;
    return `“${group}”各项（${reading.defs.length} 项，${first.column.label}列）之和为 ${reading.total}`;
  }
  const terms = reading.defs.map((def, index) => `“${cellLabel(def)}” ${shown(reading.values[index])}`);
  return `${terms.join(" + ")} = ${reading.total}`;
}

export function readingCells(reading: ReadingValue): ViolationCell[] {
  return reading.defs.map((def, index) => violationCell(def, reading.values[index]));
}
