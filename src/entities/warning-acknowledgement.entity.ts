import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { ReportEntity } from "./report.entity";

/**
 * A reviewer's record that one WARNING was considered: who, when, why. Tied
 * to the workflow revision it was made on, so a correction (a new revision)
 * is considered afresh while earlier revisions keep theirs. Never updated.
 */
@Entity({ name: "warning_acknowledgement" })
@Index("ix_warning_ack_report", ["reportId", "revision"])
export class WarningAcknowledgementEntity {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ name: "report_id", type: "integer" })
  reportId!: number;

  @ManyToOne(() => ReportEntity, { onDelete: "CASCADE" })
  @JoinColumn({ name: "report_id" })
  report?: ReportEntity;

  /** The workflow revision (1, then one more per correction) the warning was raised on. */
  @Column({ type: "integer" })
  revision!: number;

  /** The report's version when acknowledged: the content the reviewer looked at. */
  @Column({ name: "report_version", type: "integer" })
  reportVersion!: number;

  @Column({ name: "rule_id", type: "varchar", length: 64 })
  ruleId!: string;

  /** Identifies the warning: its rule, message and cells (see violationFingerprint). */
  @Column({ type: "varchar", length: 32 })
  fingerprint!: string;

  /** The warning's message as it read then. */
  @Column({ type: "text" })
  message!: string;

  @Column({ type: "text" })
  reason!: string;

  @Column({ name: "user_id", type: "integer", nullable: true })
  userId!: number | null;

  @Column({ name: "actor_name", type: "varchar", length: 200 })
  actorName!: string;

  @CreateDateColumn({ name: "created_at" })
  createdAt!: Date;
}
