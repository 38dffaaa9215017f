import { createHash } from "node:crypto";
import type { EntityManager } from "typeorm";
import { groupMemo, lockAuditChain } from "../db/chain-lock";
import { placeholder } from "../db/placeholder";
import { AuditEventEntity } from "../entities";
import { GENESIS_HASH, canonicalJson } from "./canonical";
import type { AuditRecordBody } from "./canonical";

/** A record to append: everything but its place in the chain (seq, prevHash, hash). */
export type AuditDraft = Omit<AuditRecordBody, "seq" | "prevHash">;

export interface ChainHead {
  seq: number;
  hash: string;
}

const COLUMNS = [
  "seq",
  "at",
  "actor_kind",
  "actor_id",
  "actor_name",
  "actor_roles",
  "agency_id",
  "report_id",
  "action",
  "diff",
  "request_id",
  "client_address",
  "prev_hash",
  "hash",
];
/** Rows per INSERT: 14 parameters each, well under SQLite's 32,766 and PostgreSQL's 65,535. */
const ROWS_PER_STATEMENT = 500;

/**
 * Appends many records inside the caller's transaction, keeping the chain
 * valid: takes the chain lock, reads the head once, hashes each record in
 * sequence (each `prevHash` the hash before it) and inserts them with
 * multi-row INSERTs. For bulk loads (the demo generator); a single change uses
 * `appendAudit`. Returns the new head.
 */
export async function appendAuditBatch(manager: EntityManager, drafts: readonly AuditDraft[]): Promise<ChainHead> {
  await lockAuditChain(manager);
  const head = await manager.find(AuditEventEntity, { order: { seq: "DESC" }, take: 1, select: { seq: true, hash: true } });
  let previous: ChainHead = { seq: Number(head[0]?.seq ?? 0), hash: head[0]?.hash ?? GENESIS_HASH };
  const table = manager.connection.getMetadata(AuditEventEntity).tableName;
  for (let start = 0; start < drafts.length; start += ROWS_PER_STATEMENT) {
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const draft of drafts.slice(start, start + ROWS_PER_STATEMENT)) {
      // Note: the stored diff and the hashed one must be the same canonical text.
      const diffText = canonicalJson(draft.diff);
      const body: AuditRecordBody = { ...draft, diff: null, seq: previous.seq + 1, prevHash: previous.hash };
      const hash = hashWithDiff(body, diffText);
      const values = [
        body.seq,
        body.at,
        body.actorKind,
        body.actorId,
        body.actorName,
        body.actorRoles,
        body.agencyId,
        body.reportId,
        body.action,
        diffText,
        body.requestId,
        body.clientAddress,
        body.prevHash,
        hash,
      ];
      tuples.push(`(${values.map(value => (params.push(value), placeholder(manager, params.length))).join(",")})`);
      previous = { seq: body.seq, hash };
    }
    await manager.query(`INSERT INTO "${table}" (${COLUMNS.map(c => `"${c}"`).join(",")}) VALUES ${tuples.join(",")}`, params);
  }
  // Note: a later append of the same group takes this as the head (appendAudit).
  const group = groupMemo(manager);
  if (group) group.head = previous;
  return previous;
}

/**
 * `recordHash` of the body with `diff` = the parsed `diffText`, without parsing
 * and re-serialising the diff: the canonical form of the body with a null diff
 * has `"diff":null` exactly once at the top level (quotes inside strings are
 * escaped), so the diff's canonical text can be put in its place.
 */
function hashWithDiff(body: AuditRecordBody, diffText: string): string {
  const text = canonicalJson(body).replace('"diff":null', () => `"diff":${diffText}`);
  return createHash("sha256").update(text, "utf8").digest("hex");
}
