import { MoreThan } from "typeorm";
import type { Database } from "../db";
import { AuditEventEntity } from "../entities";
import { GENESIS_HASH, recordHash } from "./canonical";
import { classifyCheckpoints } from "./checkpoints";
import type { Anchor } from "./checkpoints";
import { recordBody } from "./record";
import type { CheckpointVerifier } from "./signing";

export interface ChainPoint {
  seq: number;
  hash: string;
}

export interface VerifyOptions {
  /** Walk from record 1 even when a trusted checkpoint exists. */
  full?: boolean;
  /** The key checkpoints must be signed with; without one no checkpoint is trusted. */
  verifier?: CheckpointVerifier | null;
  /** A head the operator published outside the database: record `seq` must still have `hash`. */
  expectHead?: ChainPoint | null;
  /** Continue after this record, checked by an earlier bounded run. */
  after?: ChainPoint | null;
  /** Check at most this many records in this run (default: up to the head). */
  limit?: number;
}

export interface VerifyResult {
  ok: boolean;
  /** Records in the chain. */
  total: number;
  /** Records checked in this run: checkedFrom..checkedTo (null when none). */
  checked: number;
  checkedFrom: number | null;
  checkedTo: number | null;
  /** The last record reached (the head when complete) and its hash. */
  headSeq: number;
  headHash: string;
  /** Whether this run reached the head; otherwise continue after headSeq. */
  complete: boolean;
  /** The signed checkpoint this run started from, trusting the records up to it (null: from record 1). */
  resumedFrom: number | null;
  /** What was trusted rather than checked, in words (null when everything up to the head was checked). */
  trusted: string | null;
  /** Checkpoints not trusted and why. */
  notes: string[];
  /** The first record found wrong (null when the problem is not one record), and what is wrong. */
  brokenAt: number | null;
  problem: string | null;
}

const BATCH = 2_000;

/**
 * Walks the chain: consecutive sequence numbers, each record's previous-hash
 * equal to the hash before it, each hash equal to the SHA-256 of the record's
 * canonical form, and every point vouched for outside the database (a signed
 * checkpoint, the expected head) still holding the hash vouched for. Starts
 * from the latest trusted signed checkpoint unless `full`; an unsigned or
 * badly signed checkpoint is never a starting point.
 */
export async function verifyAuditChain(db: Database, options: VerifyOptions = {}): Promise<VerifyResult> {
  const total = await db.read(m => m.count(AuditEventEntity));
  const checkpoints = await classifyCheckpoints(db, options.verifier ?? null);
  const anchors = new Map<number, Anchor>(checkpoints.trusted.map(anchor => [anchor.seq, anchor]));
  const expect = options.expectHead;
  if (expect) anchors.set(expect.seq, { ...expect, label: `the expected head ${expect.seq}:${expect.hash}` });
  const start = options.after ?? (options.full ? null : startingPoint(checkpoints.trusted, expect));
  const base = { total, notes: checkpoints.notes, resumedFrom: options.after ? null : (start?.seq ?? null) };
  const trusted = options.after
    ? `records 1–${start!.seq} were checked by earlier requests (the cursor)`
    : start && `records 1–${start.seq} not re-checked: trusted on ${(start as Anchor).label}`;
  const fail = (at: ChainPoint, checked: number, brokenAt: number | null, problem: string): VerifyResult => ({
    ...base,
    ok: false,
    checked,
    checkedFrom: checked ? (start?.seq ?? 0) + 1 : null,
    checkedTo: checked ? at.seq : null,
    headSeq: at.seq,
    headHash: at.hash,
    complete: false,
    trusted: trusted ?? null,
    brokenAt,
    problem,
  });
  if (start && !options.after) {
    const problem = await startProblem(db, start as Anchor);
    if (problem) return fail(start, 0, start.seq, problem);
  }
  let previous: ChainPoint = start ?? { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  const limit = options.limit ?? Number.MAX_SAFE_INTEGER;
  let complete = false;
  while (checked < limit) {
    const take = Math.min(BATCH, limit - checked);
    const rows = await db.read(m => m.find(AuditEventEntity, { where: { seq: MoreThan(previous.seq) }, order: { seq: "ASC" }, take }));
    for (const row of rows) {
      const seq = Number(row.seq);
      const problem = checkRecord(row, previous) ?? anchorProblem(anchors.get(seq), row);
      if (problem) return fail(previous, checked, seq === previous.seq + 1 ? seq : previous.seq + 1, problem);
      previous = { seq, hash: row.hash };
      checked += 1;
    }
    if (rows.length < take) {
      complete = true;
      break;
    }
  }
  const ran = { ...base, checked, checkedFrom: checked ? (start?.seq ?? 0) + 1 : null, checkedTo: checked ? previous.seq : null };
  const done = { ...ran, headSeq: previous.seq, headHash: previous.hash, complete, trusted: trusted ?? null, brokenAt: null };
  if (!complete) return { ...done, ok: true, problem: null };
  const problem = endProblem(previous, total, [...anchors.values()], checkpoints.forged);
  return { ...done, ok: problem === null, problem };
}

/** The latest trusted checkpoint, at or below the expected head when one is given (so that head is walked over). */
function startingPoint(trusted: Anchor[], expect: ChainPoint | null | undefined): Anchor | null {
  const usable = trusted.filter(anchor => !expect || anchor.seq <= expect.seq);
  return usable.length ? usable[usable.length - 1] : null;
}

async function startProblem(db: Database, start: Anchor): Promise<string | null> {
  const row = await db.read(m => m.findOneBy(AuditEventEntity, { seq: start.seq }));
  if (!row) return `record ${start.seq} is gone, though ${start.label} vouches for it: records were deleted`;
  if (row.hash !== start.hash || checkRecord(row, { seq: start.seq - 1, hash: row.prevHash }) !== null) {
    return `record ${start.seq} no longer matches ${start.label}: the chain was altered or rewritten`;
  }
  return null;
}

function anchorProblem(anchor: Anchor | undefined, row: AuditEventEntity): string | null {
  if (!anchor || anchor.hash === row.hash) return null;
  return `record ${anchor.seq} has hash ${row.hash}, not the one vouched for by ${anchor.label}: the records up to it were rewritten`;
}

function endProblem(head: ChainPoint, total: number, anchors: Anchor[], forged: number[]): string | null {
  const beyond = anchors.find(anchor => anchor.seq > head.seq);
  if (beyond) return `the chain ends at record ${head.seq}, but ${beyond.label} vouches for record ${beyond.seq}: records were deleted`;
  if (total !== head.seq) {
    return `the chain ends at record ${head.seq} but holds ${total} records: records below the starting point were deleted; run a full verify to find them`;
  }
  if (forged.length) {
    return `the checkpoint(s) at record ${forged.join(", ")} carry a signature that does not verify with the audit public key: written by someone without the key; not trusted`;
  }
  return null;
}

/** Why a record does not follow `previous`, or null when it does. */
export function checkRecord(row: AuditEventEntity, previous: ChainPoint): string | null {
  const seq = Number(row.seq);
  if (seq !== previous.seq + 1) {
    return `record ${previous.seq + 1} is missing: record ${previous.seq} is followed by record ${seq}`;
  }
  if (row.prevHash !== previous.hash) {
    return `record ${seq} does not link to record ${previous.seq}: its previous-hash differs (records removed, inserted or reordered)`;
  }
  return ownHashProblem(row);
}

/** Why a record's content does not match its own hash, or null when it does. */
export function ownHashProblem(row: AuditEventEntity): string | null {
  const seq = Number(row.seq);
  let hash: string;
  try {
    hash = recordHash(recordBody(row));
  } catch {
    return `record ${seq} is unreadable: its diff is not valid JSON any more (altered)`;
  }
  return hash === row.hash ? null : `record ${seq} was altered: its content no longer matches its hash`;
}
