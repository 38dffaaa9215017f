import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/**
 * An immutable snapshot of a report's full content, taken at submission,
 * sign-off and publication. The public page serves the latest `published` one,
 * so a correction in progress never replaces what the public sees.
 */
@Entity({ name: "report_revision" })
@Index("ix_report_revision_report", ["reportId", "id"])
export class ReportRevisionEntity {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ name: "report_id", type: "integer" })
  reportId!: number;

  /** The workflow revision (1, then +1 per correction). */
  @Column({ type: "integer" })
  revision!: number;

  /** submitted | signed | published */
  @Column({ type: "varchar", length: 16 })
  kind!: string;

  /** Canonical JSON of the content (format, year, title, cells, sections). */
  @Column({ type: "text" })
  content!: string;

  @Column({ name: "content_hash", type: "varchar", length: 64 })
  contentHash!: string;

  @Column({ name: "created_by", type: "integer" })
  createdBy!: number;

  /** Set on a correction's publication: why the previous revision was corrected. */
  @Column({ name: "correction_reason", type: "text", nullable: true })
  correctionReason!: string | null;

  /** A publication recorded after the fact (RECORD_PUBLISHED): its original date; null when published here (created_at). */
  @Column({ name: "published_at", type: Date, nullable: true })
  publishedAt!: Date | null;

  /** Where a publication recorded after the fact was published: JSON {url?, fileName?, sha256?}. */
  @Column({ type: "text", nullable: true })
  source!: string | null;

  @CreateDateColumn({ name: "created_at" })
  createdAt!: Date;
}
