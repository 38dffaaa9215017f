import { Table, TableForeignKey } from "typeorm";
import type { MigrationInterface, QueryRunner } from "typeorm";

/** The core schema: agencies, reports, their narrative sections and statistical cells. */
export class CoreSchema1764300000000 implements MigrationInterface {
  name = "CoreSchema1764300000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    const timestamp = timestampType(queryRunner);
    const now = nowDefault(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: "agency",
        columns: [
          { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" },
          { name: "code", type: "varchar", length: "64" },
          { name: "name", type: "varchar", length: "200" },
          { name: "parent_id", type: "integer", isNullable: true },
          { name: "created_at", type: timestamp, default: now },
        ],
        indices: [{ name: "uq_agency_code", columnNames: ["code"], isUnique: true }],
        foreignKeys: [{ columnNames: ["parent_id"], referencedTableName: "agency", referencedColumnNames: ["id"], onDelete: "RESTRICT" }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: "report",
        columns: [
          { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" },
          { name: "agency_id", type: "integer" },
          { name: "year", type: "integer" },
          { name: "format_id", type: "varchar", length: "16" },
          { name: "title", type: "varchar", length: "300" },
          { name: "state", type: "varchar", length: "32", default: "'draft'" },
          { name: "version", type: "integer", default: 1 },
          { name: "created_at", type: timestamp, default: now },
          { name: "updated_at", type: timestamp, default: now },
        ],
        indices: [
          { name: "uq_report_agency_year", columnNames: ["agency_id", "year"], isUnique: true },
          { name: "ix_report_year", columnNames: ["year"] },
          { name: "ix_report_state", columnNames: ["state"] },
        ],
        foreignKeys: [{ columnNames: ["agency_id"], referencedTableName: "agency", referencedColumnNames: ["id"], onDelete: "RESTRICT" }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: "report_section",
        columns: [
          { name: "report_id", type: "integer", isPrimary: true },
          { name: "section_id", type: "varchar", length: "64", isPrimary: true },
          { name: "body", type: "text" },
        ],
        foreignKeys: [reportForeignKey()],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: "report_cell",
        columns: [
          { name: "report_id", type: "integer", isPrimary: true },
          { name: "table_id", type: "varchar", length: "64", isPrimary: true },
          { name: "row_id", type: "varchar", length: "96", isPrimary: true },
          { name: "col_id", type: "varchar", length: "96", isPrimary: true },
          { name: "value", type: "bigint", isNullable: true },
        ],
        foreignKeys: [reportForeignKey()],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ["report_cell", "report_section", "report", "agency"]) {
      await queryRunner.dropTable(table);
    }
  }
}

function reportForeignKey() {
  return new TableForeignKey({
    columnNames: ["report_id"],
    referencedTableName: "report",
    referencedColumnNames: ["id"],
    onDelete: "CASCADE",
  });
}

/** The column type TypeORM maps a Date property to on this engine. */
export function timestampType(queryRunner: QueryRunner): string {
  return queryRunner.connection.driver.options.type === "postgres" ? "timestamp" : "datetime";
}

export function nowDefault(queryRunner: QueryRunner): string {
  return queryRunner.connection.driver.options.type === "postgres" ? "now()" : "(datetime('now'))";
}
