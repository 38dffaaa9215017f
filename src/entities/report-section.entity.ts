import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";
import { ReportEntity } from "./report.entity";

/** The narrative text of one section (一 总体情况, 五 存在的主要问题及改进情况, 六 其他需要报告的事项). */
@Entity({ name: "report_section" })
export class ReportSectionEntity {
  @PrimaryColumn({ name: "report_id", type: "integer" })
  reportId!: number;

  /** A section id of the report's format, e.g. sec.overview. */
  @PrimaryColumn({ name: "section_id", type: "varchar", length: 64 })
  sectionId!: string;

  @Column({ type: "text" })
  body!: string;

  @ManyToOne(() => ReportEntity, { onDelete: "CASCADE" })
  @JoinColumn({ name: "report_id" })
  report?: ReportEntity;
}
