import type { EntityManager } from "typeorm";
import type { Database } from "../db";
import { placeholder } from "../db/placeholder";
import type { AuditEventEntity } from "../entities";

/** A report's history answers at most this many records, oldest first. */
export const HISTORY_LIMIT = 1_000;

/**
 * What the kept records may take, in bytes as weightOf estimates them (it overestimates: 40 MB of estimate
 * measured 27 MB of heap), about 300 histories of 100 records; sized with the content caches to keep a busy
 * instance under ~300 MB RSS.
 */
const BUDGET_BYTES = 40 * 1024 * 1024;
/** What an entry takes besides its records (so that empty histories count too). */
const ENTRY_BYTES = 200;

interface Entry {
  rows: readonly AuditEventEntity[];
  weight: number;
}

interface AuditRow {
  seq: number | string;
  at: string;
  actor_kind: string;
  actor_id: number | string | null;
  actor_name: string;
  actor_roles: string | null;
  agency_id: number | string | null;
  report_id: number | string | null;
  action: string;
  diff: string;
  request_id: string | null;
  client_address: string | null;
  prev_hash: string;
  hash: string;
}

/**
 * Each report's audit records, oldest first, kept per process and brought up to date with one statement per
 * read. The trail only grows: records are never changed or removed (triggers refuse it), and they become
 * visible in the order of their sequence numbers — each is numbered under the chain lock, held until its
 * transaction commits (lockAuditChain) — so the records after the last kept one are exactly what is new. The
 * statement starts at the last kept record and its hash must match, so a kept history is never joined to
 * another chain's (a database restored or recreated under a running process): it is read again from the start.
 * Rows handed out are shared between requests: treat them as read-only.
 */
export class HistoryCache {
  private readonly entries = new Map<number, Entry>();
  private weight = 0;

  /** The report's records, oldest first, at most HISTORY_LIMIT. */
  async read(db: Database, reportId: number): Promise<readonly AuditEventEntity[]> {
    const kept = this.entries.get(reportId);
    const last = kept?.rows.at(-1);
    if (!kept || !last) return this.keep(reportId, await db.read(manager => recordsFrom(manager, reportId, 0, HISTORY_LIMIT)));
    const fresh = await db.read(manager => recordsFrom(manager, reportId, last.seq, HISTORY_LIMIT - kept.rows.length + 1));
    if (fresh[0]?.seq !== last.seq || fresh[0].hash !== last.hash) {
      return this.keep(reportId, await db.read(manager => recordsFrom(manager, reportId, 0, HISTORY_LIMIT)));
    }
    return fresh.length === 1 ? this.touch(reportId, kept) : this.keep(reportId, [...kept.rows, ...fresh.slice(1)]);
  }

  private touch(reportId: number, entry: Entry): readonly AuditEventEntity[] {
    this.entries.delete(reportId);
    this.entries.set(reportId, entry);
    return entry.rows;
  }

  private keep(reportId: number, rows: readonly AuditEventEntity[]): readonly AuditEventEntity[] {
    this.drop(reportId);
    const entry = { rows, weight: rows.reduce((sum, row) => sum + weightOf(row), ENTRY_BYTES) };
    this.entries.set(reportId, entry);
    this.weight += entry.weight;
    for (const oldest of this.entries.keys()) {
      if (this.weight <= BUDGET_BYTES || oldest === reportId) break;
      this.drop(oldest);
    }
    return rows;
  }

  private drop(reportId: number): void {
    const entry = this.entries.get(reportId);
    if (!entry) return;
    this.entries.delete(reportId);
    this.weight -= entry.weight;
  }
}

/** The report's records with seq ≥ `from`, oldest first: one statement on the (report, seq) index. */
async function recordsFrom(manager: EntityManager, reportId: number, from: number, limit: number): Promise<AuditEventEntity[]> {
  const rows: AuditRow[] = await manager.query(
    `SELECT seq, at, actor_kind, actor_id, actor_name, actor_roles, agency_id, report_id, action, diff, request_id, client_address, prev_hash, hash
       FROM audit_event WHERE report_id = ${placeholder(manager, 1)} AND seq >= ${placeholder(manager, 2)} ORDER BY seq LIMIT ${placeholder(manager, 3)}`,
    [reportId, from, limit],
  );
  return rows.map(toRecord);
}

const orNull = (value: number | string | null) => (value === null ? null : Number(value));

function toRecord(row: AuditRow): AuditEventEntity {
  return {
    seq: Number(row.seq),
    at: row.at,
    actorKind: row.actor_kind,
    actorId: orNull(row.actor_id),
    actorName: row.actor_name,
    actorRoles: row.actor_roles,
    agencyId: orNull(row.agency_id),
    reportId: orNull(row.report_id),
    action: row.action,
    diff: row.diff,
    requestId: row.request_id,
    clientAddress: row.client_address,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Bytes a kept record takes, roughly: its text as UTF-16 and the object around it. */
function weightOf(row: AuditEventEntity): number {
  return 2 * (row.diff.length + row.actorName.length + row.action.length + (row.actorRoles?.length ?? 0)) + 640;
}
