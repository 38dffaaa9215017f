import type { EntityManager } from "typeorm";
import type { Database } from "../db";
import { AuditEventEntity } from "../entities";
import { readableAgencyIds, requireSignedIn } from "./access";
import type { Actor } from "./actor";
import { UserErrorCode, problem } from "./errors";
import type { HistoryCache } from "./history-cache";
import type { Page } from "./report-query";

export interface AuditFilter {
  reportId?: number | null;
  agencyId?: number | null;
  actorId?: number | null;
  action?: string | null;
  /** ISO times, inclusive. */
  from?: string | null;
  to?: string | null;
}

/**
 * The agencies whose audit records an actor may read: an AUDITOR's agency and
 * those under it; null for trusted operators. Anyone else is refused.
 */
export async function auditScope(manager: EntityManager, actor: Actor): Promise<number[] | null> {
  const user = requireSignedIn(actor);
  if (user && !user.roles.includes("AUDITOR")) {
    throw problem(UserErrorCode.FORBIDDEN, "Only an AUDITOR may read the audit trail; ask your agency's ADMIN for the role.");
  }
  return readableAgencyIds(manager, actor);
}

/**
 * One audit record by its seq (node, nodes), under auditEvents' rule: a trusted operator, or an AUDITOR for a
 * record of an agency they audit. Null for anyone else, and when there is no such record (the two look alike).
 */
export async function findAuditEvent(db: Database, actor: Actor, seq: number): Promise<AuditEventEntity | null> {
  if (actor.kind === "anonymous" || (actor.kind === "user" && !actor.roles.includes("AUDITOR"))) return null;
  return db.read(async manager => {
    const row = await manager.findOneBy(AuditEventEntity, { seq });
    const agencies = row ? await readableAgencyIds(manager, actor) : null;
    if (!row || agencies === null) return row;
    return row.agencyId !== null && agencies.includes(Number(row.agencyId)) ? row : null;
  });
}

/** Audit records, newest first, keyset-paginated on the sequence number. */
export async function listAuditEvents(db: Database, actor: Actor, filter: AuditFilter, first: number, after?: string | null): Promise<Page<AuditEventEntity>> {
  if (!Number.isInteger(first) || first < 1 || first > 500) {
    throw problem(UserErrorCode.INVALID_INPUT, "first must be between 1 and 500.", ["first"]);
  }
  const before = after ? decodeSeq(after) : null;
  return db.read(async manager => {
    const agencies = await auditScope(manager, actor);
    const query = manager.createQueryBuilder(AuditEventEntity, "e");
    if (agencies !== null) query.andWhere(agencies.length ? "e.agency_id IN (:...agencies)" : "1 = 0", { agencies });
    if (filter.reportId != null) query.andWhere("e.report_id = :reportId", { reportId: filter.reportId });
    if (filter.agencyId != null) query.andWhere("e.agency_id = :agencyId", { agencyId: filter.agencyId });
    if (filter.actorId != null) query.andWhere("e.actor_id = :actorId", { actorId: filter.actorId });
    if (filter.action != null) query.andWhere("e.action = :action", { action: filter.action });
    if (filter.from != null) query.andWhere("e.at >= :from", { from: filter.from });
    if (filter.to != null) query.andWhere("e.at <= :to", { to: filter.to });
    const totalCount = await query.clone().getCount();
    if (before !== null) query.andWhere("e.seq < :before", { before });
    const rows = await query
      .orderBy("e.seq", "DESC")
      .take(first + 1)
      .getMany();
    const nodes = rows.slice(0, first);
    return { nodes, totalCount, hasNextPage: rows.length > first, endCursor: nodes.length ? encodeSeq(nodes[nodes.length - 1].seq) : null };
  });
}

export function encodeSeq(seq: number): string {
  return Buffer.from(`audit:${seq}`).toString("base64url");
}

function decodeSeq(cursor: string): number {
  const match = /^audit:(\d+)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) {
    throw problem(UserErrorCode.INVALID_INPUT, "The cursor is not valid; use an endCursor returned by auditEvents.", ["after"]);
  }
  return Number(match[1]);
}

/**
 * One report's records, oldest first (at most HISTORY_LIMIT), kept up to date in `histories`:
 * the caller has already established that the actor may see the report.
 */
export async function reportHistory(db: Database, actor: Actor, reportId: number, histories: HistoryCache): Promise<readonly AuditEventEntity[]> {
  const user = requireSignedIn(actor);
  if (user && !user.roles.includes("AUDITOR")) {
    throw problem(UserErrorCode.FORBIDDEN, "Only an AUDITOR may read a report's history; ask your agency's ADMIN for the role.");
  }
  return histories.read(db, reportId);
}
