/**
 * A number broken over two lines ("1" / "62" for 162) gives its row one value
 * too many. Every way of joining adjacent values back into one is a reading;
 * the format's sum rules (row totals, column totals, the table's identity)
 * say which reading is right. Rows are decided after every table was read,
 * so the rules can see the other rows; a reading the rules cannot single out
 * is taken with a warning, and its cells are listed as uncertain.
 */
import { cellKey, sumDecimals } from "../formats";
import type { ColumnDef, Format, RowDef, SumRuleDef, TableDef } from "../formats";
import type { ReadState } from "./cell-values";
import { putRow } from "./cell-values";

export interface PendingRow {
  table: TableDef;
  row: RowDef;
  columns: ColumnDef[];
  values: Array<string | null>;
  inYuan: boolean;
}

/** Most values a split can leave: two numbers broken in one row. */
export const MAX_EXTRA = 2;

/** Joins two printed pieces; a piece that starts with 0 cannot continue a number ("1" + "05"). */
function join(left: string | null, right: string | null): string | null | undefined {
  if (left === null || right === null || !/^[-+]?\d+$/.test(left) || !/^\d+(?:\.\d+)?$/.test(right) || left === "0" || left === "-0") {
    return undefined;
  }
  return left + right;
}

/** Every reading of `values` as `width` values, joining adjacent pieces. */
export function readings(values: ReadonlyArray<string | null>, width: number): Array<Array<string | null>> {
  if (values.length === width) {
    return [[...values]];
  }
  if (values.length < width) {
    return [];
  }
  const found: Array<Array<string | null>> = [];
  for (let i = 0; i + 1 < values.length; i++) {
    const joined = join(values[i], values[i + 1]);
    if (joined !== undefined) {
      found.push(...readings([...values.slice(0, i), joined, ...values.slice(i + 2)], width));
    }
  }
  const unique = new Map(found.map(reading => [JSON.stringify(reading), reading]));
  return [...unique.values()];
}

function sumRules(format: Format): SumRuleDef[] {
  return format.def.rules.filter((rule): rule is SumRuleDef => rule.type === undefined);
}

/** Rules that fail with these cells; rules touching an unknown cell are not counted. */
function failures(rules: readonly SumRuleDef[], cells: Record<string, string | null>): number {
  const value = (key: string) => cells[key] ?? "0";
  return rules.filter(rule => {
    const keys = [...rule.lhs, ...rule.rhs];
    if (keys.some(key => !(key in cells) || (cells[key] !== null && !/^-?\d+(?:\.\d+)?$/.test(cells[key])))) {
      return false;
    }
    return sumDecimals(rule.lhs.map(value)) !== sumDecimals(rule.rhs.map(value));
  }).length;
}

function rowKeys(pending: PendingRow): string[] {
  return pending.columns.map(column => cellKey(pending.table.id, pending.row.id, column.id));
}

/** Chooses and writes a reading for every pending row; returns the keys of cells chosen without certainty. */
export function resolvePendingRows(state: ReadState, format: Format, pending: readonly PendingRow[]): string[] {
  const rules = sumRules(format);
  const uncertain: string[] = [];
  for (const item of pending) {
    const options = readings(item.values, item.columns.length);
    const keys = rowKeys(item);
    const touching = rules.filter(rule => [...rule.lhs, ...rule.rhs].some(key => keys.includes(key)));
    const scored = options.map(reading => {
      const trial = { ...state.cells };
      putRow({ cells: trial, warnings: [] }, item.table, item.row, item.columns, reading, item.inYuan);
      return { reading, failed: failures(touching, trial) };
    });
    scored.sort((a, b) => a.failed - b.failed);
    const best = scored[0];
    if (!best) {
      state.warnings.push(
        `${item.table.title}“${item.row.label}”行印有 ${item.values.length} 个数，表格有 ${item.columns.length} 列，取前 ${item.columns.length} 个 (row ${item.row.id}: ${item.values.length} values for ${item.columns.length} columns, the first ones read)`,
      );
      putRow(state, item.table, item.row, item.columns, item.values.slice(0, item.columns.length), item.inYuan);
      continue;
    }
    putRow(state, item.table, item.row, item.columns, best.reading, item.inYuan);
    const tied = scored.filter(option => option.failed === best.failed).length > 1;
    if (tied) {
      uncertain.push(...keys);
    }
    state.warnings.push(
      `${item.table.title}“${item.row.label}”行印有 ${item.values.length} 个数（有数字被拆成两行），${tied ? "按表格规则无法确定，暂按" : "按表格规则读作"} ${best.reading.map(v => v ?? "空").join(" ")} (row ${item.row.id}: a number broken over two lines, read ${tied ? "uncertainly " : ""}as the reading under which the sum rules hold)`,
    );
  }
  return uncertain;
}
