import { TableColumn } from "typeorm";
import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The agency's kind (GOVERNMENT or DEPARTMENT) and level, which decide its
 * 条例 第四十九条 deadline. Existing agencies named …人民政府 become governments
 * (their reports are due 31 March); every other one stays a department (31 January,
 * the date applied to everyone so far). 人民政府办公厅/办公室 are departments.
 */
export class AgencyKind1764840000000 implements MigrationInterface {
  name = "AgencyKind1764840000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns("agency", [
      new TableColumn({ name: "kind", type: "varchar", length: "16", default: "'DEPARTMENT'" }),
      new TableColumn({ name: "level", type: "varchar", length: "16", isNullable: true }),
    ]);
    await queryRunner.query(`UPDATE agency SET kind = 'GOVERNMENT' WHERE name LIKE '%人民政府'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn("agency", "level");
    await queryRunner.dropColumn("agency", "kind");
  }
}
