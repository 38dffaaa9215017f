/**
 * Table 三, 收到和处理政府信息公开申请情况: 7 columns, 23 (2019) or 25 (2021)
 * data rows. Converted texts keep the numbers of each row together but often
 * lose, split or misplace the labels (pdfplumber puts a wrapped row's numbers
 * before its label; Markdown fragments drop labels). So the rows with seven
 * values are taken in document order, and the labels that can be matched
 * anchor them: a labelled group goes to its row, an unlabelled one to the row
 * after the previous group.
 */
import type { Format, RowDef, TableDef } from "../formats";
import type { ReadState } from "./cell-values";
import { dataColumns, dataRows, putRow, tableNotFound, warnMissing } from "./cell-values";
import { uniqueMatch } from "./labels";
import { labelKey } from "./normalize";
import { MAX_EXTRA } from "./split-numbers";
import type { TableRow } from "./table-rows";
import { filledCount, fitWidth } from "./table-rows";

const WIDTH = 7;

/** The rows to fill; a 2021 report printing one （六）其他处理 row fills only 3.其他. */
function targetRows(table: TableDef, loneOther: boolean): Array<{ row: RowDef; labels: string[] }> {
  return dataRows(table)
    .filter(row => !(loneOther && (row.id === "apply.result.other.no_correction" || row.id === "apply.result.other.unpaid_fee")))
    .map(row => ({
      row,
      labels: loneOther && row.id === "apply.result.other.other" ? ["（六）其他处理"] : [row.label ?? "", ...(row.label_variants ?? [])],
    }));
}

/** A 2021 text without the (六) sub-row labels but with a （六）其他处理 line. */
function hasLoneOtherRow(format: Format, regionKey: string): boolean {
  if (format.id !== "gb2021") {
    return false;
  }
  const subRows = ["逾期不补正", "缴纳费用", "逾期未按收费通知"].some(marker => regionKey.includes(marker));
  return !subRows && regionKey.includes("其他处理");
}

/** Rows of seven values, or a few more where a number was broken over two lines. */
function groupsOf(rows: readonly TableRow[]): TableRow[] {
  return rows
    .filter(
      row =>
        (filledCount(row) > 0 || row.values.length === WIDTH) &&
        fitWidth(row.values, WIDTH).length >= WIDTH &&
        fitWidth(row.values, WIDTH).length <= WIDTH + MAX_EXTRA,
    )
    .map(row => ({ ...row, values: fitWidth(row.values, WIDTH) }));
}

/** Pairs groups with target rows; see the file comment. */
function assign(groups: readonly TableRow[], targets: ReturnType<typeof targetRows>): Map<RowDef, TableRow> {
  const assigned = new Map<RowDef, TableRow>();
  if (groups.length === targets.length) {
    groups.forEach((group, i) => assigned.set(targets[i].row, group));
    return assigned;
  }
  const candidates = targets.map((target, index) => ({ item: index, labels: target.labels }));
  let next = 0;
  for (const group of groups) {
    const anchor = group.label ? uniqueMatch(group.label, candidates)?.item : undefined;
    const index = anchor !== undefined && anchor >= next ? anchor : next;
    if (index >= targets.length) {
      break;
    }
    assigned.set(targets[index].row, group);
    next = index + 1;
  }
  return assigned;
}

export function readApplyTable(
  state: ReadState,
  format: Format,
  lines: readonly string[],
  rows: readonly TableRow[],
  region: { start: number; end: number },
): void {
  const table = format.tables.get("apply") as TableDef;
  const regionRows = rows.filter(row => row.line >= region.start && row.line < region.end);
  const groups = groupsOf(regionRows);
  if (groups.length === 0) {
    throw tableNotFound(table);
  }
  const loneOther = hasLoneOtherRow(format, labelKey(lines.slice(region.start, region.end).join("")));
  if (loneOther) {
    state.warnings.push(
      "（六）其他处理只印了一行，数字记入“3.其他”，另两个子行空缺 (single （六）其他处理 row read as apply.result.other.other; the two other sub-rows are absent)",
    );
  }
  const targets = targetRows(table, loneOther);
  if (groups.length !== targets.length) {
    state.warnings.push(
      `收到和处理政府信息公开申请情况表：找到 ${groups.length} 行数字，应有 ${targets.length} 行，按标签对位 (apply table: ${groups.length} value rows for ${targets.length} rows, placed by label)`,
    );
  }
  const columns = dataColumns(table);
  for (const [row, group] of assign(groups, targets)) {
    if (group.values.length > WIDTH) {
      (state.pending ??= []).push({ table, row, columns, values: group.values, inYuan: false });
    } else {
      putRow(state, table, row, columns, group.values);
    }
  }
  warnMissing(state, table, dataRows(table), columns);
}
