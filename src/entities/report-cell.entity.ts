import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";
import { ReportEntity } from "./report.entity";
import { bigintTransformer } from "./scaled-integer.transformer";

/**
 * One statistical cell. A missing row or a NULL value is a blank cell (空白),
 * which is not the same as 0.
 *
 * Note: values are stored as integers scaled by 10^scale, where scale is 0 for
 * counts and 6 for 万元 amounts (see formats/cell-value.ts), so both engines
 * store and SUM them exactly; a NUMERIC column would become a REAL in SQLite.
 */
@Entity({ name: "report_cell" })
export class ReportCellEntity {
  @PrimaryColumn({ name: "report_id", type: "integer" })
  reportId!: number;

  @PrimaryColumn({ name: "table_id", type: "varchar", length: 64 })
  tableId!: string;

  @PrimaryColumn({ name: "row_id", type: "varchar", length: 96 })
  rowId!: string;

  @PrimaryColumn({ name: "col_id", type: "varchar", length: 96 })
  colId!: string;

  @Column({ type: "bigint", nullable: true, transformer: bigintTransformer })
  value!: bigint | null;

  @ManyToOne(() => ReportEntity, { onDelete: "CASCADE" })
  @JoinColumn({ name: "report_id" })
  report?: ReportEntity;
}
