import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import { placeholder } from "../db/placeholder";

/** Parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMETERS = 16_000;

/**
 * Multi-row INSERT of `rows` (one value per column, in `columns` order, by
 * database column name) into an entity's table, through the caller's
 * transaction. Values go through the driver's own conversion for each column
 * (dates, booleans, bigint transformers), so what is stored is what TypeORM
 * itself would store, on SQLite and on PostgreSQL.
 */
export async function insertRows(
  manager: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  columns: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
): Promise<void> {
  const metadata = manager.connection.getMetadata(entity);
  const defs = columns.map(name => {
    const column = metadata.findColumnWithDatabaseName(name);
    if (!column) throw new Error(`${metadata.tableName} has no column ${name}`);
    return column;
  });
  const driver = manager.connection.driver;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const head = `INSERT INTO "${metadata.tableName}" (${columns.map(name => `"${name}"`).join(",")}) VALUES `;
  for (let start = 0; start < rows.length; start += perStatement) {
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const row of rows.slice(start, start + perStatement)) {
      const marks = row.map((value, index) => {
        params.push(driver.preparePersistentValue(value, defs[index]));
        return placeholder(manager, params.length);
      });
      tuples.push(`(${marks.join(",")})`);
    }
    await manager.query(head + tuples.join(","), params);
  }
}

/** Runs `query` with an IN list of `ids`, in chunks; returns all rows. */
export async function selectIn<T>(
  manager: EntityManager,
  ids: readonly unknown[],
  query: (inList: string) => string,
  leading: readonly unknown[] = [],
): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < ids.length; start += 900) {
    const chunk = ids.slice(start, start + 900);
    const params = [...leading, ...chunk];
    const marks = chunk.map((_, index) => placeholder(manager, leading.length + index + 1)).join(",");
    out.push(...(await manager.query<T[]>(query(marks), params)));
  }
  return out;
}
