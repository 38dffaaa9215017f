import { MoreThan } from "typeorm";
import type { Database } from "../db";
import { AuditCheckpointEntity, AuditEventEntity } from "../entities";
import { GENESIS_HASH, recordHash } from "./canonical";
import { recordBody } from "./record";

export interface VerifyResult {
  ok: boolean;
  /** Records checked in this run. */
  checked: number;
  /** Records in the chain. */
  total: number;
  headSeq: number;
  headHash: string;
  /** The checkpoint this run resumed from (null when it walked from record 1). */
  resumedFrom: number | null;
  /** The first record found wrong, and what is wrong with it. */
  brokenAt: number | null;
  problem: string | null;
}

const BATCH = 2_000;

/**
 * Walks the chain: consecutive sequence numbers, each record's previous-hash
 * equal to the hash before it, each hash equal to the SHA-256 of the record's
 * canonical form. Resumes from the latest checkpoint unless `full`.
 */
export async function verifyAuditChain(db: Database, options: { full?: boolean } = {}): Promise<VerifyResult> {
  const total = await db.read(m => m.count(AuditEventEntity));
  const start = options.full ? null : await resumePoint(db, total);
  if (start && start.problem !== null) {
    return result(total, 0, start.seq, GENESIS_HASH, null, start.seq, start.problem);
  }
  let previous = { seq: start?.seq ?? 0, hash: start?.hash ?? GENESIS_HASH };
  let checked = 0;
  for (;;) {
    const rows = await db.read(m => m.find(AuditEventEntity, { where: { seq: MoreThan(previous.seq) }, order: { seq: "ASC" }, take: BATCH }));
    for (const row of rows) {
      const problem = checkRecord(row, previous);
      if (problem) {
        return result(total, checked, previous.seq, previous.hash, start?.seq ?? null, Number(row.seq) === previous.seq + 1 ? Number(row.seq) : previous.seq + 1, problem);
      }
      previous = { seq: Number(row.seq), hash: row.hash };
      checked += 1;
    }
    if (rows.length < BATCH) break;
  }
  if (total !== previous.seq) {
    const problem = `the chain ends at record ${previous.seq} but holds ${total} records: records before checkpoint ${start?.seq} were deleted; run a full verify to find them`;
    return result(total, checked, previous.seq, previous.hash, start?.seq ?? null, null, problem);
  }
  return result(total, checked, previous.seq, previous.hash, start?.seq ?? null, null, null);
}

/** Why a record does not follow `previous`, or null when it does. */
export function checkRecord(row: AuditEventEntity, previous: { seq: number; hash: string }): string | null {
  const seq = Number(row.seq);
  if (seq !== previous.seq + 1) {
    return `record ${previous.seq + 1} is missing: record ${previous.seq} is followed by record ${seq}`;
  }
  if (row.prevHash !== previous.hash) {
    return `record ${seq} does not link to record ${previous.seq}: its previous-hash differs (records removed, inserted or reordered)`;
  }
  let hash: string;
  try {
    hash = recordHash(recordBody(row));
  } catch {
    return `record ${seq} is unreadable: its diff is not valid JSON any more (altered)`;
  }
  return hash === row.hash ? null : `record ${seq} was altered: its content no longer matches its hash`;
}

async function resumePoint(db: Database, total: number): Promise<{ seq: number; hash: string; problem: string | null } | null> {
  const checkpoint = await db.read(m => m.find(AuditCheckpointEntity, { order: { seq: "DESC" }, take: 1 }));
  if (!checkpoint.length) return null;
  const { seq, hash } = checkpoint[0];
  const row = await db.read(m => m.findOneBy(AuditEventEntity, { seq }));
  if (!row || total < seq) {
    return { seq, hash, problem: `record ${seq}, verified at a checkpoint, is gone: records were deleted` };
  }
  if (row.hash !== hash || checkRecord(row, { seq: seq - 1, hash: row.prevHash }) !== null) {
    return { seq, hash, problem: `record ${seq} no longer matches the checkpoint taken of it (altered)` };
  }
  return { seq, hash, problem: null };
}

function result(
  total: number,
  checked: number,
  headSeq: number,
  headHash: string,
  resumedFrom: number | null,
  brokenAt: number | null,
  problem: string | null,
): VerifyResult {
  return { ok: problem === null, checked, total, headSeq, headHash, resumedFrom, brokenAt, problem };
}

/** Verifies the whole chain and, when intact, records its head as a checkpoint. */
export async function checkpointAuditChain(db: Database): Promise<VerifyResult> {
  const verified = await verifyAuditChain(db, { full: true });
  if (verified.ok && verified.headSeq > 0) {
    await db.transaction(async m => {
      if (!(await m.existsBy(AuditCheckpointEntity, { seq: verified.headSeq }))) {
        await m.insert(AuditCheckpointEntity, { seq: verified.headSeq, hash: verified.headHash });
      }
    });
  }
  return verified;
}
