/**
 * A cell is addressed as `<table id>/<row id>/<column id>`, the reference form
 * of formats.json. Row and column ids contain dots but never slashes.
 */
export interface CellAddress {
  table: string;
  row: string;
  col: string;
}

export function cellKey(table: string, row: string, col: string): string {
  return `${table}/${row}/${col}`;
}

export function parseCellKey(key: string): CellAddress | null {
  const parts = key.split("/");
  if (parts.length !== 3 || parts.some(part => part.length === 0)) {
    return null;
  }
  const [table, row, col] = parts;
  return { table, row, col };
}
