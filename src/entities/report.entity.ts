import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import type { ApprovalState } from "../workflow/approval.types";
import { AgencyEntity } from "./agency.entity";

/** One agency's annual report for one year. */
@Entity({ name: "report" })
@Index("uq_report_agency_year", ["agencyId", "year"], { unique: true })
export class ReportEntity {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ name: "agency_id", type: "integer" })
  agencyId!: number;

  @ManyToOne(() => AgencyEntity, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "agency_id" })
  agency?: AgencyEntity;

  /** The calendar year reported on (the report is due 31 January of year + 1). */
  @Index("ix_report_year")
  @Column({ type: "integer" })
  year!: number;

  /** gb2019 or gb2021; follows from the year, or from the template an import actually used. */
  @Column({ name: "format_id", type: "varchar", length: 16 })
  formatId!: string;

  @Column({ type: "varchar", length: 300 })
  title!: string;

  /** Workflow state, derived from the persisted machine snapshot; kept as a column for filtering. */
  @Index("ix_report_state")
  @Column({ type: "varchar", length: 32, default: "draft" })
  state!: ApprovalState;

  /** Bumped by every change; writers compare-and-set on it (UPDATE … WHERE version = ?). */
  @Column({ type: "integer", default: 1 })
  version!: number;

  /** The persisted XState snapshot (JSON) and the machine version that wrote it. */
  @Column({ name: "workflow_snapshot", type: "text", nullable: true })
  workflowSnapshot!: string | null;

  /** The user who last changed the content; always among the editors the four-eyes rule keeps from clearing or signing it. */
  @Column({ name: "last_editor_id", type: "integer", nullable: true })
  lastEditorId!: number | null;

  /** When the current public revision was first published; null until then. */
  @Column({ name: "published_at", type: Date, nullable: true })
  publishedAt!: Date | null;

  @CreateDateColumn({ name: "created_at" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt!: Date;
}
