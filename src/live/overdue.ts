import type { EntityManager } from "typeorm";
import { appendAudit } from "../audit/append";
import type { Actor } from "../auth/actor";
import type { Database } from "../db";
import { ScheduledJobEntity } from "../entities";
import { deadlineInstant, dueDate, isOverdue } from "../workflow";
import type { AgencyKind, AgencyLevel } from "../workflow";

/** The marker job kind: one `done` row per report that became overdue, so it is announced once. */
export const OVERDUE_JOB = "report.overdue";

interface Candidate {
  id: number | string;
  year: number | string;
  state: string;
  agency_id: number | string;
  kind: AgencyKind;
  level: AgencyLevel | null;
}

/**
 * Records, once per report, that a report never published passed its deadline (src/workflow/deadline.ts): an
 * audit record `report.overdue`, from which the inbox and notifications tell its drafters (kind OVERDUE). The
 * marker row's unique key makes it once across instances: a second instance's insert fails and its transaction,
 * audit record included, rolls back. Returns the ids of the reports this call marked.
 */
export async function markOverdueReports(db: Database, actor: Actor, now = new Date()): Promise<number[]> {
  const candidates: Candidate[] = await db.read(manager =>
    manager.query(
      `SELECT r.id, r.year, r.state, r.agency_id, a.kind, a.level FROM report r JOIN agency a ON a.id = r.agency_id
       WHERE r.published_at IS NULL AND r.year < ${now.getUTCFullYear()}
         AND NOT EXISTS (SELECT 1 FROM scheduled_job j WHERE j.kind = '${OVERDUE_JOB}' AND j.report_id = r.id)
       ORDER BY r.id`,
    ),
  );
  const marked: number[] = [];
  for (const row of candidates) {
    const [id, year, agencyId] = [Number(row.id), Number(row.year), Number(row.agency_id)];
    const agency = { kind: row.kind, level: row.level };
    if (!isOverdue(year, { state: row.state as never, publishedRevision: null }, now, agency)) continue;
    const wrote = await db
      .transaction(async manager => {
        await insertMarker(manager, id, deadlineInstant(year, agency).getTime(), now.getTime());
        await appendAudit(manager, actor, {
          action: "report.overdue",
          agencyId,
          reportId: id,
          diff: { year, dueDate: dueDate(year, agency), state: row.state },
        });
        return true;
      })
      .catch(() => false); // Note: another instance marked it first (the unique key refused this insert).
    if (wrote) marked.push(id);
  }
  return marked;
}

async function insertMarker(manager: EntityManager, reportId: number, due: number, now: number): Promise<void> {
  await manager.insert(ScheduledJobEntity, {
    kind: OVERDUE_JOB,
    key: `${OVERDUE_JOB}:${reportId}`,
    reportId,
    runAt: due,
    status: "done",
    attempts: 1,
    finishedAt: now,
  });
}
