import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { ScaledBigint } from "./scheduled-job.transformer";

/**
 * A job due at a time, claimed by one instance with a lease (src/live/jobs.ts). `key` is unique, so a job
 * enqueued twice — or a fact recorded once, such as a report becoming overdue — exists once whatever the number
 * of instances. Times are epoch milliseconds, compared the same way on SQLite and PostgreSQL.
 */
@Entity({ name: "scheduled_job" })
@Index("ix_scheduled_job_due", ["status", "runAt"])
export class ScheduledJobEntity {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  /** What to do: report.publish (scheduled publication), report.overdue (a marker, done at once). */
  @Column({ type: "varchar", length: 40 })
  kind!: string;

  @Index("uq_scheduled_job_key", { unique: true })
  @Column({ type: "varchar", length: 120 })
  key!: string;

  @Column({ name: "report_id", type: "integer", nullable: true })
  reportId!: number | null;

  @Column({ name: "run_at", type: "bigint", transformer: ScaledBigint })
  runAt!: number;

  /** pending → running (claimed) → done | refused; or cancelled before it ran. */
  @Column({ type: "varchar", length: 16 })
  status!: string;

  /** The instance holding (or that last held) the claim: host:pid. */
  @Column({ name: "claimed_by", type: "varchar", length: 100, nullable: true })
  claimedBy!: string | null;

  @Column({ name: "lease_until", type: "bigint", nullable: true, transformer: ScaledBigint })
  leaseUntil!: number | null;

  @Column({ type: "integer", default: 0 })
  attempts!: number;

  @Column({ name: "created_by", type: "integer", nullable: true })
  createdBy!: number | null;

  @Column({ name: "finished_at", type: "bigint", nullable: true, transformer: ScaledBigint })
  finishedAt!: number | null;

  /** JSON: what the job needs (payload) and, once finished, what came of it (outcome). */
  @Column({ type: "text", nullable: true })
  payload!: string | null;

  @Column({ type: "text", nullable: true })
  outcome!: string | null;
}
