import type { CellDef } from "../formats";
import { cellLabel, columnGroupLabel, columnLabel, rowLabel, rowTitle } from "./cell-labels";

/** A rule term for wording: the cell, its sign, and a year tag for cross-year rules. */
export interface Addend {
  def: CellDef;
  negated: boolean;
  /** "本年", "2022 年", "上年"… shown before the name; absent for same-year rules. */
  yearTag?: string;
  /** The text shown after the name (a value); absent in rule descriptions. */
  shown?: string;
}

/** How a side's terms are named: a shared prefix plus the part that varies per term. */
export interface Axis {
  prefix: string;
  name: (def: CellDef) => string;
}

/**
 * Given all terms of a rule, picks the clearest naming: "自然人列：" + row names when
 * every term sits in one column, a row title + column names when in one row, else full labels.
 * Note: this is what lets a rule added to formats.json later still read naturally.
 */
export function axisOf(defs: CellDef[]): Axis {
  const [first] = defs;
  if (!first) {
    return { prefix: "", name: cellLabel };
  }
  const sameTable = defs.every(d => d.table.id === first.table.id);
  if (sameTable && defs.every(d => d.column.id === first.column.id)) {
    return {
      prefix: `${columnLabel(first.table, first.column)}列：`,
      name: d => rowLabel(d.table, d.row) ?? d.table.title,
    };
  }
  if (sameTable && defs.every(d => d.row.id === first.row.id)) {
    return sameGroup(defs) ? groupAxis(first) : rowAxis(first);
  }
  return { prefix: "", name: cellLabel };
}

/** True when all columns share one header group (行政复议's 结果维持 … 总计). */
function sameGroup(defs: CellDef[]): boolean {
  const parent = defs[0].column.parent;
  return parent !== null && defs.every(d => d.column.parent === parent);
}

/** "行政复议：总计 = 结果维持 + …": the group names the terms, so each keeps its short header. */
function groupAxis(first: CellDef): Axis {
  const row = rowLabel(first.table, first.row);
  const group = columnGroupLabel(first.table, first.column);
  return { prefix: row === null ? `${group}：` : `${row} · ${group}：`, name: d => d.column.label };
}

function rowAxis(first: CellDef): Axis {
  return { prefix: `${rowTitle(first.table, first.row)}：`, name: d => columnLabel(d.table, d.column) };
}

/** "自然人 3 + 商业企业 1 − 其他 0": names joined by their signs, with values if shown. */
export function joinAddends(addends: Addend[], name: (def: CellDef) => string): string {
  return addends
    .map((addend, index) => {
      const sign = addend.negated ? (index === 0 ? "− " : " − ") : index === 0 ? "" : " + ";
      const tagged = addend.yearTag ? `${addend.yearTag}“${name(addend.def)}”` : name(addend.def);
      return addend.shown === undefined ? `${sign}${tagged}` : `${sign}${tagged} ${addend.shown}`;
    })
    .join("");
}
