import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, JoinColumn } from "typeorm";
import type { AgencyKind, AgencyLevel } from "../workflow/deadline";

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

  /** GOVERNMENT (人民政府) or DEPARTMENT (政府部门): decides the 条例 第四十九条 deadline and the 第五十条 contents. */
  @Column({ type: "varchar", length: 16, default: "DEPARTMENT" })
  kind!: AgencyKind;

  /** NATIONAL, PROVINCIAL, CITY, COUNTY or TOWNSHIP; null when not recorded. */
  @Column({ type: "varchar", length: 16, nullable: true })
  level!: AgencyLevel | null;

  @CreateDateColumn({ name: "created_at" })
  createdAt!: Date;
}
