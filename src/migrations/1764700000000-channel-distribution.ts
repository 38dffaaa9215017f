import { Table, TableForeignKey } from "typeorm";
import type { MigrationInterface, QueryRunner } from "typeorm";

/** The optional channel distribution of section 一 (label → count), one row per channel. */
export class ChannelDistribution1764700000000 implements MigrationInterface {
  name = "ChannelDistribution1764700000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: "report_channel",
        columns: [
          { name: "report_id", type: "integer", isPrimary: true },
          { name: "position", type: "integer", isPrimary: true },
          { name: "label", type: "varchar", length: "100" },
          { name: "count", type: "integer" },
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ["report_id"],
            referencedTableName: "report",
            referencedColumnNames: ["id"],
            onDelete: "CASCADE",
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("report_channel");
  }
}
