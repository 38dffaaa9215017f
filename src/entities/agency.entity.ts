import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, JoinColumn } from "typeorm";

/** An administrative agency (行政机关) that publishes an annual report. */
@Entity({ name: "agency" })
export class AgencyEntity {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  /** Stable, unique code used in URLs and imports (e.g. a unified social credit code or a slug). */
  @Index("uq_agency_code", { unique: true })
  @Column({ type: "varchar", length: 64 })
  code!: string;

  @Column({ type: "varchar", length: 200 })
  name!: string;

  /** The supervising office (上级主管部门), if any. */
  @Column({ name: "parent_id", type: "integer", nullable: true })
  parentId!: number | null;

  @ManyToOne(() => AgencyEntity, { nullable: true, onDelete: "RESTRICT" })
  @JoinColumn({ name: "parent_id" })
  parent?: AgencyEntity | null;

  @CreateDateColumn({ name: "created_at" })
  createdAt!: Date;
}
