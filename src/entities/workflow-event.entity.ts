import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import type { ApprovalState } from "../workflow/approval.types";

/** One step of a report's approval workflow, written in the same transaction as the state change. */
@Entity({ name: "workflow_event" })
@Index("ix_workflow_event_report", ["reportId", "id"])
export class WorkflowEventEntity {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ name: "report_id", type: "integer" })
  reportId!: number;

  @Column({ name: "actor_id", type: "integer" })
  actorId!: number;

  /** The role under which the actor took the step. */
  @Column({ name: "actor_role", type: "varchar", length: 32 })
  actorRole!: string;

  @Column({ type: "varchar", length: 32 })
  event!: string;

  @Column({ name: "from_state", type: "varchar", length: 32 })
  fromState!: ApprovalState;

  @Column({ name: "to_state", type: "varchar", length: 32 })
  toState!: ApprovalState;

  @Column({ type: "text", nullable: true })
  reason!: string | null;

  /** SHA-256 of the report content the step acted on. */
  @Column({ name: "content_hash", type: "varchar", length: 64 })
  contentHash!: string;

  /** The report version this step produced. */
  @Column({ type: "integer" })
  version!: number;

  @CreateDateColumn({ name: "created_at" })
  createdAt!: Date;
}
