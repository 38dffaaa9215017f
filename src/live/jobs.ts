import os from "node:os";
import type { EntityManager } from "typeorm";
import type { Database } from "../db";
import { ScheduledJobEntity } from "../entities";

/**
 * A generic table of jobs due at a time, claimed with a lease, the same on SQLite and PostgreSQL (scheduled
 * publication uses it; any job kind may). Exactly once: an instance claims a due job with one conditional UPDATE
 * (only one UPDATE can match a pending row, or a running row whose lease ran out), and its work commits in the
 * same transaction as `finish`, which only matches while the row is still claimed by that instance — so a slow
 * instance whose lease was taken over rolls its work back. A claim held by an instance that died expires after
 * the lease and is claimed again.
 */
export type JobStatus = "pending" | "running" | "done" | "refused" | "cancelled";

export interface NewJob {
  kind: string;
  key: string;
  reportId: number | null;
  runAt: number;
  createdBy: number | null;
  payload: unknown;
}

/** This process, as named in claims and audit records. */
export const INSTANCE_NAME = `${os.hostname()}:${process.pid}`;

/** Adds a pending job in the caller's transaction (its key must be new). */
export async function enqueueJob(manager: EntityManager, job: NewJob): Promise<void> {
  await manager.insert(ScheduledJobEntity, {
    kind: job.kind,
    key: job.key,
    reportId: job.reportId,
    runAt: job.runAt,
    status: "pending",
    attempts: 0,
    createdBy: job.createdBy,
    payload: JSON.stringify(job.payload),
  });
}

/** Cancels the pending (unclaimed) jobs of one kind for a report, in the caller's transaction. */
export async function cancelJobs(manager: EntityManager, kind: string, reportId: number, now: number): Promise<void> {
  await manager
    .createQueryBuilder()
    .update(ScheduledJobEntity)
    .set({ status: "cancelled", finishedAt: now })
    .where("kind = :kind AND report_id = :reportId AND status = 'pending'", { kind, reportId })
    .execute();
}

const DUE = "((status = 'pending' AND run_at <= :now) OR (status = 'running' AND lease_until < :now))";

/** Claims up to `limit` due jobs of the given kinds for `instance`; returns those this instance won. */
export async function claimDueJobs(
  db: Database,
  kinds: readonly string[],
  instance: string,
  now: number,
  leaseMs: number,
  limit = 10,
): Promise<ScheduledJobEntity[]> {
  const candidates = await db.read(manager =>
    manager
      .createQueryBuilder(ScheduledJobEntity, "job")
      .where(`job.kind IN (:...kinds) AND ${DUE.replace(/(status|run_at|lease_until)/g, "job.$1")}`, { kinds, now })
      .orderBy("job.run_at")
      .limit(limit)
      .getMany(),
  );
  const won: ScheduledJobEntity[] = [];
  for (const job of candidates) {
    const claimed = await db.transaction(async manager => {
      const result = await manager
        .createQueryBuilder()
        .update(ScheduledJobEntity)
        .set({ status: "running", claimedBy: instance, leaseUntil: now + leaseMs, attempts: () => "attempts + 1" })
        .where(`id = :id AND ${DUE}`, { id: job.id, now })
        .execute();
      return result.affected === 1;
    });
    if (claimed) won.push({ ...job, status: "running", claimedBy: instance, leaseUntil: now + leaseMs, attempts: job.attempts + 1 });
  }
  return won;
}

/**
 * Marks a claimed job finished in the caller's transaction, first thing, so the row is locked for the rest of
 * it. Returns false when this instance no longer holds the claim: the caller must roll back.
 */
export async function finishJob(manager: EntityManager, job: ScheduledJobEntity, status: "done" | "refused", outcome: unknown, now: number): Promise<boolean> {
  const result = await manager
    .createQueryBuilder()
    .update(ScheduledJobEntity)
    .set({ status, finishedAt: now, outcome: JSON.stringify(outcome) })
    .where("id = :id AND status = 'running' AND claimed_by = :instance AND attempts = :attempts", {
      id: job.id,
      instance: job.claimedBy,
      attempts: job.attempts,
    })
    .execute();
  return result.affected === 1;
}

/** The earliest time a pending job of these kinds is due (for the timer), or null. */
export async function nextDue(db: Database, kinds: readonly string[]): Promise<number | null> {
  const row = await db.read(manager =>
    manager
      .createQueryBuilder(ScheduledJobEntity, "job")
      .select("MIN(job.run_at)", "next")
      .where("job.kind IN (:...kinds) AND job.status IN ('pending', 'running')", { kinds })
      .getRawOne<{ next: string | number | null }>(),
  );
  return row?.next === null || row?.next === undefined ? null : Number(row.next);
}
