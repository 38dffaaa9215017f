import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";
import { ReportEntity } from "./report.entity";

/**
 * One bar of the optional chart in section 一: how many items the agency
 * proactively disclosed through one channel (门户网站, 南方+, 微博 …), in the
 * order the author gave them.
 */
@Entity({ name: "report_channel" })
export class ReportChannelEntity {
  @PrimaryColumn({ name: "report_id", type: "integer" })
  reportId!: number;

  /** 0-based place in the author's order. */
  @PrimaryColumn({ type: "integer" })
  position!: number;

  @Column({ type: "varchar", length: 100 })
  label!: string;

  @Column({ type: "integer" })
  count!: number;

  @ManyToOne(() => ReportEntity, { onDelete: "CASCADE" })
  @JoinColumn({ name: "report_id" })
  report?: ReportEntity;
}
