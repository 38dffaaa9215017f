import type { EntityManager } from "typeorm";

/** One SQL statement and its parameters, written with this engine's placeholders (`placeholder`), numbered from 1. */
export interface Write {
  sql: string;
  params: unknown[];
}

/**
 * A compare-and-set (`UPDATE … WHERE version = ? RETURNING …`) and the writes that belong with it, which return
 * nothing. Returns the rows the compare-and-set returned: none means it did not apply, and the caller must throw,
 * so that its transaction (a unit of a group: src/db/group-commit.ts) takes back whatever was written.
 *
 * PostgreSQL: all of it is ONE statement, each write a data-modifying WITH of the compare-and-set — one round trip
 * instead of one each, on the path every step of a group waits for (issue 14 (d)). Its parts run on one snapshot: no
 * write may depend on another's effect, nor two touch the same row (the caller's to ensure); the statement lands or
 * fails whole. SQLite (in-process, a statement costs microseconds): the compare-and-set first, then the writes only
 * if it applied.
 */
export async function writeIfSet(manager: EntityManager, set: Write, writes: Write[]): Promise<unknown[]> {
  if (manager.connection.driver.options.type !== "postgres") {
    const rows = await manager.query<unknown[]>(set.sql, set.params);
    if (rows.length) for (const write of writes) await manager.query(write.sql, write.params);
    return rows;
  }
  const params: unknown[] = [];
  const renumbered = (write: Write) => {
    const offset = params.length;
    params.push(...write.params);
    // Note: our statements carry every value as a parameter; `$n` appears in their text only as a placeholder.
    return write.sql.replace(/\$(\d+)/g, (_match, n: string) => `$${Number(n) + offset}`);
  };
  const parts = writes.map((write, i) => `w${i} AS (${renumbered(write)})`);
  const sql = `${parts.length ? `WITH ${parts.join(", ")} ` : ""}${renumbered(set)}`;
  // Note: TypeORM answers an UPDATE on PostgreSQL as [rows, rowCount].
  const result = await manager.query<[unknown[], number]>(sql, params);
  return result[0];
}
