import { textSections } from "../formats";
import type { CellDef, Format } from "../formats";
import { columnLabel, rowTitle } from "./cell-labels";
import { violationCell } from "./equation";
import type { ReportToCheck, Violation, ViolationCell } from "./violation.types";

/** Cells of one table row that are not filled in. */
interface RowGap {
  defs: CellDef[];
  blank: CellDef[];
  absent: CellDef[];
}

/**
 * Every data cell of the format must be filled: the national format has no
 * optional cells, and a blank is ambiguous (zero, unknown, or forgotten?).
 * One violation per table row keeps a fully blank column readable.
 */
export function checkRequiredCells(report: ReportToCheck): Violation[] {
  return rowGaps(report)
    .filter(gap => gap.blank.length + gap.absent.length > 0)
    .map(gap => ({
      ruleId: "required.cell",
      kind: "required",
      severity: "ERROR",
      message: gapMessage(gap),
      cells: gapCells(gap),
    }));
}

/** Each narrative section (一、五、六) must say something. */
export function checkRequiredSections(report: ReportToCheck): Violation[] {
  return textSections(report.format)
    .filter(section => (report.sections[section.id] ?? "").trim() === "")
    .map(section => ({
      ruleId: "required.section",
      kind: "required",
      severity: "ERROR",
      message: `“${section.no}、${section.title}”未填写`,
      cells: [],
    }));
}

/** Groups the format's cells by table row, in form order, sorting out blank and absent ones. */
function rowGaps(report: ReportToCheck): RowGap[] {
  return tableRows(report.format).map(defs => {
    const gap: RowGap = { defs, blank: [], absent: [] };
    for (const def of defs) {
      const value = report.cells[def.key];
      if (value === null) gap.blank.push(def);
      else if (value === undefined && !(def.key in report.cells)) gap.absent.push(def);
    }
    return gap;
  });
}

/** Each format's cells by table row, in form order: the same for every report, so built once (a format is never changed). */
const rowsOfFormat = new WeakMap<Format, CellDef[][]>();

function tableRows(format: Format): CellDef[][] {
  let rows = rowsOfFormat.get(format);
  if (!rows) {
    const byRow = new Map<string, CellDef[]>();
    for (const def of format.cells.values()) {
      const id = `${def.table.id}/${def.row.id}`;
      byRow.set(id, [...(byRow.get(id) ?? []), def]);
    }
    rows = [...byRow.values()];
    rowsOfFormat.set(format, rows);
  }
  return rows;
}

function gapMessage({ defs, blank, absent }: RowGap): string {
  const { table, row } = defs[0];
  const where = row.label === null ? `“${table.title}”表` : `“${rowTitle(table, row)}”行`;
  const parts: string[] = [];
  if (blank.length > 0) {
    parts.push(`有 ${blank.length} 个空白单元格（${names(blank)}），如为零请填 0`);
  }
  if (absent.length > 0) {
    parts.push(`有 ${absent.length} 个单元格在报告中找不到（${names(absent)}），请核对原表`);
  }
  return `${where}${parts.join("；另")}`;
}

/** Blank and absent cells in column order; absent ones are marked, since they have no value at all. */
function gapCells({ defs, blank, absent }: RowGap): ViolationCell[] {
  return defs.flatMap(def => {
    if (absent.includes(def)) {
      return [{ ...violationCell(def, null), absent: true as const }];
    }
    return blank.includes(def) ? [violationCell(def, null)] : [];
  });
}

function names(defs: CellDef[]): string {
  return defs.map(def => columnLabel(def.table, def.column)).join("、");
}
