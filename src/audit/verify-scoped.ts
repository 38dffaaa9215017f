import { In } from "typeorm";
import type { Database } from "../db";
import { AuditEventEntity } from "../entities";
import { GENESIS_HASH } from "./canonical";
import { ownHashProblem } from "./verify";

export interface ScopedVerifyResult {
  ok: boolean;
  /** The agencies' own records. */
  total: number;
  checked: number;
  checkedFrom: number | null;
  checkedTo: number | null;
  /** Whether every own record after `after` was checked; otherwise continue after checkedTo. */
  complete: boolean;
  brokenAt: number | null;
  problem: string | null;
}

/**
 * Checks the agencies' own records where they stand in the global chain: each
 * record's content matches its hash, it links to the record before it, and
 * the record after it links to it — so none of them was altered or replaced.
 * Other agencies' records are read for their hashes only and never named.
 */
export async function verifyAgencyRecords(db: Database, agencyIds: number[], options: { after?: number; limit: number }): Promise<ScopedVerifyResult> {
  const after = options.after ?? 0;
  const { total, rows } = await db.read(async m => {
    const own = () => m.createQueryBuilder(AuditEventEntity, "e").where(agencyIds.length ? "e.agency_id IN (:...agencyIds)" : "1 = 0", { agencyIds });
    return {
      total: await own().getCount(),
      rows: await own().andWhere("e.seq > :after", { after }).orderBy("e.seq", "ASC").take(options.limit).getMany(),
    };
  });
  const neighbours = await neighbourHashes(
    db,
    rows.map(row => Number(row.seq)),
  );
  let checked = 0;
  for (const row of rows) {
    const seq = Number(row.seq);
    const problem = ownHashProblem(row) ?? linkProblem(seq, row, neighbours);
    if (problem) {
      return {
        ok: false,
        total,
        checked,
        checkedFrom: checked ? Number(rows[0].seq) : null,
        checkedTo: checked ? Number(rows[checked - 1].seq) : null,
        complete: false,
        brokenAt: seq,
        problem,
      };
    }
    checked += 1;
  }
  const last = rows.length ? Number(rows[rows.length - 1].seq) : null;
  return {
    ok: true,
    total,
    checked,
    checkedFrom: rows.length ? Number(rows[0].seq) : null,
    checkedTo: last,
    complete: rows.length < options.limit,
    brokenAt: null,
    problem: null,
  };
}

function linkProblem(seq: number, row: AuditEventEntity, neighbours: Map<number, { hash: string; prevHash: string }>): string | null {
  const before = seq === 1 ? GENESIS_HASH : neighbours.get(seq - 1)?.hash;
  if (before === undefined) return `the record before record ${seq} is missing: records were deleted`;
  if (before !== row.prevHash) return `record ${seq} does not link to the record before it (records removed, inserted or rewritten)`;
  const next = neighbours.get(seq + 1);
  if (next && next.prevHash !== row.hash) return `record ${seq} was replaced: the record after it links to a different record`;
  return null;
}

/** Hash and previous-hash of the records just before and after each of `seqs`, read in chunks. */
async function neighbourHashes(db: Database, seqs: number[]): Promise<Map<number, { hash: string; prevHash: string }>> {
  const wanted = [...new Set(seqs.flatMap(seq => [seq - 1, seq + 1]))].filter(seq => seq > 0);
  const found = new Map<number, { hash: string; prevHash: string }>();
  for (let i = 0; i < wanted.length; i += 500) {
    const chunk = wanted.slice(i, i + 500);
    const rows = await db.read(m => m.find(AuditEventEntity, { select: { seq: true, hash: true, prevHash: true }, where: { seq: In(chunk) } }));
    rows.forEach(row => found.set(Number(row.seq), { hash: row.hash, prevHash: row.prevHash }));
  }
  return found;
}
