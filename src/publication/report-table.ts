import { cellKey } from "../formats";
import type { ColumnDef, RowDef, TableDef } from "../formats";
import { html } from "./html";
import type { SafeHtml } from "./html";

/** A header cell of the national template, with the span its place in the column or row tree gives it. */
interface HeaderCell {
  label: string;
  colspan: number;
  rowspan: number;
  unit?: string;
}

function children<T extends { id: string; parent: string | null }>(nodes: readonly T[], parent: string | null): T[] {
  return nodes.filter(node => node.parent === parent);
}

function depthOf<T extends { id: string; parent: string | null }>(nodes: readonly T[], node: T): number {
  let depth = 0;
  for (let current = node; current.parent !== null; depth++) {
    current = nodes.find(candidate => candidate.id === current.parent)!;
  }
  return depth;
}

/** The data columns in tree order (depth first): the order of the cells in every row. */
export function dataColumns(table: TableDef): ColumnDef[] {
  const walk = (parent: string | null): ColumnDef[] => children(table.columns, parent).flatMap(column => (column.data ? [column] : walk(column.id)));
  return walk(null);
}

/**
 * The column header rows: a group spans its data columns (colspan); a data
 * column reaches down to the last header row (rowspan), as in the template.
 */
export function columnHeaderRows(table: TableDef): HeaderCell[][] {
  const depth = Math.max(...table.columns.map(column => depthOf(table.columns, column))) + 1;
  const rows: HeaderCell[][] = Array.from({ length: depth }, () => []);
  const leaves = (column: ColumnDef): number => (column.data ? 1 : children(table.columns, column.id).reduce((sum, child) => sum + leaves(child), 0));
  const walk = (parent: string | null, level: number) => {
    for (const column of children(table.columns, parent)) {
      rows[level].push({
        label: column.label,
        colspan: leaves(column),
        rowspan: column.data ? depth - level : 1,
        unit: column.unit && !column.label.includes(column.unit) ? column.unit : undefined,
      });
      if (!column.data) walk(column.id, level + 1);
    }
  };
  walk(null, 0);
  return rows;
}

/** How many columns the row labels take: the depth of the row tree (0 when rows have no labels). */
export function rowHeaderWidth(table: TableDef): number {
  const labelled = table.rows.filter(row => row.label !== null);
  return labelled.length ? Math.max(...labelled.map(row => depthOf(table.rows, row))) + 1 : 0;
}

/**
 * The label cells in front of each data row: a group label (三、本年度办理结果,
 * （三）不予公开) once, spanning its data rows; the row's own label spanning the
 * label columns its depth leaves free.
 */
export function rowHeaderCells(table: TableDef): Map<string, HeaderCell[]> {
  const width = rowHeaderWidth(table);
  const dataRows = table.rows.filter(row => row.data);
  const dataRowsUnder = (group: RowDef): number => children(table.rows, group.id).reduce((sum, child) => sum + (child.data ? 1 : dataRowsUnder(child)), 0);
  const emitted = new Set<string>();
  const cells = new Map<string, HeaderCell[]>();
  for (const row of dataRows) {
    const ancestors: RowDef[] = [];
    for (let current = row; current.parent !== null;) {
      current = table.rows.find(candidate => candidate.id === current.parent)!;
      ancestors.unshift(current);
    }
    const list: HeaderCell[] = [];
    for (const group of ancestors) {
      if (!emitted.has(group.id)) {
        emitted.add(group.id);
        list.push({ label: group.label ?? "", colspan: 1, rowspan: dataRowsUnder(group) });
      }
    }
    if (width > 0) {
      list.push({ label: row.label ?? "", colspan: width - ancestors.length, rowspan: 1 });
    }
    cells.set(row.id, list);
  }
  return cells;
}

function th(cell: HeaderCell, scope: "col" | "row" | "colgroup" | "rowgroup"): SafeHtml {
  return html`<th scope="${scope}"${span("colspan", cell.colspan)}${span("rowspan", cell.rowspan)}>${cell.label}${
    cell.unit ? html`<span class="unit">（${cell.unit}）</span>` : ""
  }</th>`;
}

function span(name: string, value: number): SafeHtml {
  return html`${value > 1 ? html` ${name}="${value}"` : ""}`;
}

/**
 * One statistical table in the official layout. Every data cell carries
 * `data-cell="<table>/<row>/<column>"`; a blank cell is empty (not 0).
 */
export function renderTable(table: TableDef, cells: Record<string, string | null>, options: { caption?: string } = {}): SafeHtml {
  const columns = dataColumns(table);
  const headerRows = columnHeaderRows(table);
  const width = rowHeaderWidth(table);
  const rowCells = rowHeaderCells(table);
  const corner = table.row_header_label ?? table.corner_note ?? "";
  const total = width + columns.length;
  const head = headerRows.map(
    (row, level) =>
      html`<tr>${level === 0 && width > 0 ? html`<th class="corner" scope="col"${span("colspan", width)}${span("rowspan", headerRows.length)}>${corner}</th>` : ""}${row.map(cell => th(cell, cell.colspan > 1 ? "colgroup" : "col"))}</tr>`,
  );
  const body = table.rows
    .filter(row => row.data)
    .map(
      row =>
        html`<tr>${rowCells.get(row.id)!.map(cell => th(cell, cell.rowspan > 1 ? "rowgroup" : "row"))}${columns.map(column => {
          const key = cellKey(table.id, row.id, column.id);
          const value = cells[key] ?? null;
          return html`<td data-cell="${key}"${value === null ? html` class="blank"` : ""}>${value ?? ""}</td>`;
        })}</tr>`,
    );
  return html`<div class="table-wrap"><table class="form-table" id="${`table-${table.id}`}">${
    options.caption ? html`<caption>${options.caption}</caption>` : ""
  }<thead>${table.section === "sec.active" ? html`<tr><th class="block" scope="colgroup" colspan="${total}">${table.title}</th></tr>` : ""}${head}</thead><tbody>${body}</tbody></table></div>`;
}
