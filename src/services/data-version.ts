import type { Database } from "../db";
import { placeholder } from "../db/placeholder";

/**
 * The data version: the audit chain's head. Every change to what a report, agency, user, statistic or audit answer
 * shows writes its audit record in the change's own transaction, so while the head stays at one record nothing
 * those answers read has changed — in this process or in any other sharing the database. Read for each request
 * (never shared between requests: a reader must see at least every change committed before it asked), in one
 * statement with the agencies of the reports a request names (null when one of them does not exist).
 */
export async function dataVersion(db: Database, reportIds: readonly number[] = []): Promise<{ version: number; agencies: number[] | null }> {
  const [row] = await db.read(manager => {
    const agencies = reportIds.map((_id, i) => `, (SELECT agency_id FROM report WHERE id = ${placeholder(manager, i + 1)}) AS a${i}`).join("");
    return manager.query<Array<Record<string, number | string | null>>>(`SELECT (SELECT seq FROM audit_event ORDER BY seq DESC LIMIT 1) AS head${agencies}`, [
      ...reportIds,
    ]);
  });
  const agencies = reportIds.map((_id, i) => row[`a${i}`]);
  return {
    version: Number(row.head ?? 0),
    agencies: agencies.every(agency => agency !== null && agency !== undefined) ? [...new Set(agencies.map(Number))] : null,
  };
}
