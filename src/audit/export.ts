import { Between } from "typeorm";
import type { Database } from "../db";
import { AuditEventEntity } from "../entities";
import { canonicalJson } from "./canonical";
import { recordBody } from "./record";

/**
 * Writes records `from`..`to` as JSON Lines: each line the canonical JSON of the
 * record with its `hash`. An outside party verifies it with
 * scripts/verify-audit-export.js, without Gongkai.
 */
export async function exportAudit(db: Database, range: { from?: number; to?: number }, write: (line: string) => void): Promise<number> {
  let next = Math.max(1, range.from ?? 1);
  // Note: the largest INTEGER on PostgreSQL; a larger bound would not even compare.
  const last = Math.min(range.to ?? 2_147_483_647, 2_147_483_647);
  let count = 0;
  for (;;) {
    // Note: keyset pages, so a gap in the sequence (a deleted record) does not end the export early.
    const rows = await db.read(m => m.find(AuditEventEntity, { where: { seq: Between(next, last) }, order: { seq: "ASC" }, take: 2_000 }));
    for (const row of rows) {
      write(`${canonicalJson({ ...recordBody(row), hash: row.hash })}\n`);
      count += 1;
    }
    if (rows.length < 2_000) break;
    next = Number(rows[rows.length - 1].seq) + 1;
  }
  return count;
}
