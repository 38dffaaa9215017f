import type { Database } from "../db";

/**
 * The audit chain's head: every change to what a report, agency, user, statistic or audit answer shows writes
 * its audit record in the change's own transaction, so while the head stays at one record nothing those answers
 * read has changed — in this process or in any other sharing the database. One primary-key lookup, read for each
 * request (never shared between requests: a reader must see at least every change committed before it asked).
 */
export async function dataVersion(db: Database): Promise<number> {
  const rows = await db.read(manager => manager.query<Array<{ seq: number | string }>>("SELECT seq FROM audit_event ORDER BY seq DESC LIMIT 1"));
  return Number(rows[0]?.seq ?? 0);
}
