import type { CellDef, ColumnDef, RowDef, TableDef } from "../formats";

/**
 * Human labels for cells, as an author sees them in the printed table.
 * Column labels repeat inside a table (three "结果维持" in the review table),
 * so a column is qualified by its ancestors until its label is unique there.
 */
export function columnLabel(table: TableDef, column: ColumnDef): string {
  // Note: formats are immutable data, so each column's label is worked out once (validation asks it per message).
  const known = columnLabels.get(column);
  if (known !== undefined) return known;
  const label = qualifiedLabel(table, column);
  columnLabels.set(column, label);
  return label;
}

const columnLabels = new WeakMap<ColumnDef, string>();
const cellLabels = new WeakMap<CellDef, string>();

function qualifiedLabel(table: TableDef, column: ColumnDef): string {
  const chain = ancestors(table.columns, column);
  for (let depth = 1; depth <= chain.length; depth++) {
    const label = chain
      .slice(-depth)
      .map(c => c.label)
      .join(" · ");
    if (depth === chain.length || !isAmbiguous(table, column, depth, label)) {
      return label;
    }
  }
  return column.label;
}

/** The row's label; a sub-row of a group (1.属于国家秘密) carries its group's label too. */
export function rowLabel(table: TableDef, row: RowDef): string | null {
  if (row.label === null) {
    return null;
  }
  const parent = table.rows.find(r => r.id === row.parent);
  // Note: top-level groups (三、本年度办理结果) add length but no meaning, so only nested groups are shown.
  return parent?.label && parent.parent ? `${parent.label} ${row.label}` : row.label;
}

/** "自然人 · 一、本年新收政府信息公开申请数量"; the review table's single row has no label. */
export function cellLabel(def: CellDef): string {
  const known = cellLabels.get(def);
  if (known !== undefined) return known;
  const col = columnLabel(def.table, def.column);
  const row = rowLabel(def.table, def.row);
  const label = row === null ? col : `${col} · ${row}`;
  cellLabels.set(def, label);
  return label;
}

/** What a table row is called in a message: its label, or the table's title for an unlabeled row. */
export function rowTitle(table: TableDef, row: RowDef): string {
  const label = rowLabel(table, row);
  if (label === null) {
    return table.title;
  }
  return table.id.startsWith("active.") ? `${table.title} · ${label}` : label;
}

/** The column's ancestor labels (行政诉讼 · 未经复议直接起诉) without the table-wide header. */
export function columnGroupLabel(table: TableDef, column: ColumnDef): string {
  return ancestors(table.columns, column)
    .slice(0, -1)
    .map(c => c.label)
    .join(" · ");
}

/** Data ancestors of a column from the top down, ending with the column itself. */
function ancestors(columns: ColumnDef[], column: ColumnDef): ColumnDef[] {
  const chain = [column];
  let parent = columns.find(c => c.id === column.parent);
  while (parent) {
    chain.unshift(parent);
    parent = columns.find(c => c.id === parent?.parent);
  }
  return chain;
}

function isAmbiguous(table: TableDef, column: ColumnDef, depth: number, label: string): boolean {
  return table.columns.some(
    other =>
      other.id !== column.id &&
      other.data &&
      ancestors(table.columns, other)
        .slice(-depth)
        .map(c => c.label)
        .join(" · ") === label,
  );
}
