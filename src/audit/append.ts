import type { EntityManager } from "typeorm";
import type { Actor } from "../auth/actor";
import { groupMemo, lockAuditChain } from "../db/chain-lock";
import { placeholders } from "../db/placeholder";
import type { Write } from "../db/write-batch";
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
  const append = await prepareAudit(manager, actor, entry);
  await manager.query(append.write.sql, append.write.params);
  append.written();
  return append.record;
}

/** A record ready to append: its INSERT, to run in the caller's transaction, and what to call once it has run. */
export interface PreparedAudit {
  record: AuditEventEntity;
  write: Write;
  /** The record is written: the next append of the group follows it without reading the head. */
  written(): void;
}

/**
 * appendAudit without the INSERT, for a caller that runs it with other writes in one statement (writeIfSet): the
 * chain's lock taken and its head read, the record and its hash made.
 */
export async function prepareAudit(manager: EntityManager, actor: Actor, entry: AuditEntry): Promise<PreparedAudit> {
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
  return {
    record,
    write: insertRecord(manager, record),
    // Note: the next step of the group appends after this record without reading the head again (a round trip).
    written: () => {
      if (group) group.head = { seq: record.seq, hash: record.hash };
    },
  };
}

/** The chain's last record; a plain query on the primary key (TypeORM's find() with take/order cost milliseconds). */
async function readHead(manager: EntityManager): Promise<{ seq: number; hash: string }> {
  const rows: Array<{ seq: number | string; hash: string }> = await manager.query("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1");
  return { seq: Number(rows[0]?.seq ?? 0), hash: rows[0]?.hash ?? GENESIS_HASH };
}

/** One plain INSERT, the same text every time (SQLite reuses its prepared statement); no query builder. */
function insertRecord(manager: EntityManager, record: AuditEventEntity): Write {
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
  return {
    sql: `INSERT INTO audit_event (seq, at, actor_kind, actor_id, actor_name, actor_roles, agency_id, report_id, action, diff, request_id,
       client_address, prev_hash, hash) VALUES (${placeholders(manager, values.length)})`,
    params: values,
  };
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
