import type { EntityManager } from "typeorm";
import type { Actor } from "../auth/actor";
import { groupMemo, lockAuditChain } from "../db/chain-lock";
import { placeholders } from "../db/placeholder";
import { AuditEventEntity } from "../entities";
import { GENESIS_HASH, canonicalJson, recordHash } from "./canonical";
import type { AuditRecordBody } from "./canonical";

export interface AuditEntry {
  action: string;
  agencyId: number | null;
  reportId?: number | null;
  /** What changed: before → after for each field, never a copy of the whole report. */
  diff: Record<string, unknown>;
}

/**
 * Appends one record to the chain inside the caller's transaction: the change
 * and its record commit together or not at all.
 */
export async function appendAudit(manager: EntityManager, actor: Actor, entry: AuditEntry): Promise<AuditEventEntity> {
  await lockAuditChain(manager);
  const group = groupMemo(manager);
  const head = group?.head ?? (await readHead(manager));
  const body: AuditRecordBody = {
    seq: head.seq + 1,
    at: new Date().toISOString(),
    ...actorFields(actor),
    agencyId: entry.agencyId,
    reportId: entry.reportId ?? null,
    action: entry.action,
    diff: JSON.parse(canonicalJson(entry.diff)),
    requestId: actor.request?.id ?? null,
    clientAddress: actor.request?.address ?? null,
    prevHash: head.hash,
  };
  const record = Object.assign(new AuditEventEntity(), { ...body, diff: canonicalJson(body.diff), hash: recordHash(body) });
  await insertRecord(manager, record);
  // Note: the next step of the group appends after this record without reading the head again (a round trip).
  if (group) group.head = { seq: record.seq, hash: record.hash };
  return record;
}

/** The chain's last record; a plain query on the primary key (TypeORM's find() with take/order cost milliseconds). */
async function readHead(manager: EntityManager): Promise<{ seq: number; hash: string }> {
  const rows: Array<{ seq: number | string; hash: string }> = await manager.query("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1");
  return { seq: Number(rows[0]?.seq ?? 0), hash: rows[0]?.hash ?? GENESIS_HASH };
}

/** One plain INSERT, the same text every time (SQLite reuses its prepared statement); no query builder. */
async function insertRecord(manager: EntityManager, record: AuditEventEntity): Promise<void> {
  const values = [
    record.seq,
    record.at,
    record.actorKind,
    record.actorId,
    record.actorName,
    record.actorRoles,
    record.agencyId,
    record.reportId,
    record.action,
    record.diff,
    record.requestId,
    record.clientAddress,
    record.prevHash,
    record.hash,
  ];
  await manager.query(
    `INSERT INTO audit_event (seq, at, actor_kind, actor_id, actor_name, actor_roles, agency_id, report_id, action, diff, request_id,
       client_address, prev_hash, hash) VALUES (${placeholders(manager, values.length)})`,
    values,
  );
}

function actorFields(actor: Actor): Pick<AuditRecordBody, "actorKind" | "actorId" | "actorName" | "actorRoles"> {
  if (actor.kind === "user") {
    return { actorKind: "user", actorId: actor.userId, actorName: actor.name, actorRoles: actor.roles.join(",") };
  }
  if (actor.kind === "anonymous") {
    throw new Error("anonymous actors change nothing");
  }
  return { actorKind: actor.kind, actorId: null, actorName: actor.name, actorRoles: null };
}
