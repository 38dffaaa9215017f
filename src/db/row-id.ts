/**
 * The largest id an id column holds: every id and seq column is a 32-bit integer. A global id may carry a larger
 * number (fromGlobalId accepts any safe integer); it names no row, and PostgreSQL refuses to compare it with the
 * column ("out of range for type integer"), so such ids are answered as unknown before any query.
 */
export const MAX_ROW_ID = 2_147_483_647;

/** Whether this id can name a row at all. */
export function isRowId(id: number): boolean {
  return Number.isInteger(id) && id >= 1 && id <= MAX_ROW_ID;
}
