import { Table, TableForeignKey, TableIndex } from "typeorm";
import type { MigrationInterface, QueryRunner } from "typeorm";
import { nowDefault, timestampType } from "./1764300000000-core-schema";

/** A reviewer's acknowledgement that a WARNING was considered (who, when, why), per report revision. */
export class WarningAcknowledgement1764841000000 implements MigrationInterface {
  name = "WarningAcknowledgement1764841000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: "warning_acknowledgement",
        columns: [
          { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" },
          { name: "report_id", type: "integer" },
          { name: "revision", type: "integer" },
          { name: "report_version", type: "integer" },
          { name: "rule_id", type: "varchar", length: "64" },
          { name: "fingerprint", type: "varchar", length: "32" },
          { name: "message", type: "text" },
          { name: "reason", type: "text" },
          { name: "user_id", type: "integer", isNullable: true },
          { name: "actor_name", type: "varchar", length: "200" },
          { name: "created_at", type: timestampType(queryRunner), default: nowDefault(queryRunner) },
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ["report_id"], referencedTableName: "report", referencedColumnNames: ["id"], onDelete: "CASCADE" })],
        indices: [new TableIndex({ name: "ix_warning_ack_report", columnNames: ["report_id", "revision"] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("warning_acknowledgement");
  }
}
