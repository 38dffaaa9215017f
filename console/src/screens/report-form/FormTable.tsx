import { memo } from "react";
import type { CellMessages, CellValues, FormatColumnDef, FormatRowDef, FormatTableDef } from "./types";

interface Props {
  table: FormatTableDef;
  values: CellValues;
  messages: CellMessages;
  /** Cells changed since the previous revision (the review desk). */
  changed?: ReadonlySet<string>;
  /** Last year's figures shown beside this year's, by this year's cell key. */
  beside?: CellValues;
  readOnly: boolean;
  onChange?: (key: string, value: string | null) => void;
  onCommit?: () => void;
}

/**
 * One statistical table drawn from the format's trees, like the national
 * template: merged column headers from the column tree, row groups from the
 * row tree, units in the headers, one input per data cell.
 */
export const FormTable = memo(function FormTable({ table, values, messages, changed, beside, readOnly, onChange, onCommit }: Props) {
  const dataColumns = table.columns.filter(column => column.isData);
  const headerRows = headerLayout(table.columns);
  return (
    <div className="gk-table-wrap">
      <table className="gk-table" id={`table-${table.id}`}>
        <caption>{table.title}</caption>
        <thead>
          {headerRows.map((cells, depth) => (
            <tr key={depth}>
              {depth === 0 && (
                <th scope="col" rowSpan={headerRows.length} className="gk-corner">
                  {table.rowHeaderLabel ?? ""}
                  {table.cornerNote && <div className="gk-corner-note">{table.cornerNote}</div>}
                </th>
              )}
              {cells.map(cell => (
                <th key={cell.column.id} scope={cell.span > 1 ? "colgroup" : "col"} colSpan={cell.span} rowSpan={cell.rowSpan}>
                  {cell.column.label}
                  {cell.column.unit && <span className="gk-unit">（{cell.column.unit}）</span>}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.rows.map(row =>
            row.isData ? (
              <tr key={row.id}>
                <th scope="row" className={`gk-row gk-depth-${row.depth}`}>
                  {row.label ?? ""}
                </th>
                {dataColumns.map(column => {
                  const key = `${table.id}/${row.id}/${column.id}`;
                  return (
                    <td key={column.id} className={changed?.has(key) ? "gk-changed" : undefined}>
                      <CellInput
                        cellKey={key}
                        label={cellLabel(table, row, column)}
                        value={values.get(key) ?? null}
                        problems={messages.get(key)}
                        before={beside?.get(key)}
                        readOnly={readOnly}
                        onChange={onChange}
                        onCommit={onCommit}
                      />
                    </td>
                  );
                })}
              </tr>
            ) : (
              <tr key={row.id} className="gk-group">
                <th scope="rowgroup" colSpan={dataColumns.length + 1} className={`gk-row gk-depth-${row.depth}`}>
                  {row.label}
                </th>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
});

interface CellProps {
  cellKey: string;
  label: string;
  value: string | null;
  problems?: string[];
  before?: string | null;
  readOnly: boolean;
  onChange?: (key: string, value: string | null) => void;
  onCommit?: () => void;
}

const CellInput = memo(function CellInput({ cellKey, label, value, problems, before, readOnly, onChange, onCommit }: CellProps) {
  const invalid = Boolean(problems?.length);
  const describedBy = invalid ? `msg-${cellKey}` : undefined;
  return (
    <>
      {before !== undefined && <span className="gk-beside">上年结转下年度：{before ?? "空"}</span>}
      <input
        className={`gk-cell${invalid ? " gk-invalid" : ""}`}
        data-cell={cellKey}
        aria-label={label}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        title={invalid ? problems!.join("\n") : undefined}
        inputMode="decimal"
        value={value ?? ""}
        readOnly={readOnly}
        onChange={event => onChange?.(cellKey, event.target.value.trim() === "" ? null : event.target.value.trim())}
        onBlur={onCommit}
      />
      {invalid && (
        <span id={describedBy} className="gk-sr-only">
          {problems!.join("；")}
        </span>
      )}
    </>
  );
});

/** A cell's label from its key (<table>/<row>/<column>), or the key itself if the format does not know it. */
export function keyLabel(tables: readonly FormatTableDef[], key: string): string {
  const [tableId, rowId, columnId] = key.split("/");
  const table = tables.find(candidate => candidate.id === tableId);
  const row = table?.rows.find(candidate => candidate.id === rowId);
  const column = table?.columns.find(candidate => candidate.id === columnId);
  return table && row && column ? `${table.title}：${cellLabel(table, row, column)}` : key;
}

/** Column path then row path, e.g. "自然人 · 一、本年新收政府信息公开申请数量", as the API labels cells. */
function cellLabel(table: FormatTableDef, row: FormatRowDef, column: FormatColumnDef): string {
  const columnPath = ancestry(table.columns, column)
    .filter(c => c.depth > 0 || c.isData)
    .map(c => c.label);
  const rowPath = ancestry(table.rows, row)
    .map(r => r.label ?? "")
    .filter(Boolean);
  return [columnPath.join(" / ") || column.label, rowPath.join(" / ") || table.title].join(" · ");
}

function ancestry<T extends { id: string; parentId?: string | null }>(all: readonly T[], item: T): T[] {
  const path = [item];
  let parent = item.parentId;
  while (parent) {
    const found = all.find(candidate => candidate.id === parent);
    if (!found) break;
    path.unshift(found);
    parent = found.parentId;
  }
  return path;
}

interface HeaderCell {
  column: FormatColumnDef;
  span: number;
  rowSpan: number;
}

/** Header rows by depth: a group spans its data leaves; a leaf spans down to the last header row. */
function headerLayout(columns: readonly FormatColumnDef[]): HeaderCell[][] {
  const depth = Math.max(0, ...columns.map(column => column.depth)) + 1;
  const leaves = (column: FormatColumnDef): number => {
    const children = columns.filter(child => child.parentId === column.id);
    return children.length ? children.reduce((sum, child) => sum + leaves(child), 0) : 1;
  };
  const rows: HeaderCell[][] = Array.from({ length: depth }, () => []);
  for (const column of columns) {
    const isLeaf = !columns.some(child => child.parentId === column.id);
    rows[column.depth].push({ column, span: leaves(column), rowSpan: isLeaf ? depth - column.depth : 1 });
  }
  return rows;
}
