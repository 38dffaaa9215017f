import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import { placeholder } from "../db/placeholder";

/** Parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMETERS = 16_000;

/**
 * Multi-row INSERT of `rows` — named row objects, keyed by the entity's property names — into the entity's table,
 * through the caller's transaction. Columns are written in `properties` order. Values go through the driver's own
 * conversion for each column (dates, booleans, bigint transformers), so what is stored is what TypeORM itself would
 * store, on SQLite and on PostgreSQL.
 */
export async function insertRows<E extends ObjectLiteral, K extends keyof E & string>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  properties: readonly K[],
  rows: ReadonlyArray<Pick<E, K>>,
): Promise<void> {
  const metadata = manager.connection.getMetadata(entity);
  const defs = properties.map(name => {
    const column = metadata.findColumnWithPropertyName(name);
    if (!column) throw new Error(`${metadata.tableName} has no column for ${name}`);
    return column;
  });
  const driver = manager.connection.driver;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / properties.length));
  const head = `INSERT INTO "${metadata.tableName}" (${defs.map(def => `"${def.databaseName}"`).join(",")}) VALUES `;
  for (let start = 0; start < rows.length; start += perStatement) {
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const row of rows.slice(start, start + perStatement)) {
      const marks = properties.map((name, index) => {
        params.push(driver.preparePersistentValue(row[name], defs[index]));
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
