import { Table, TableColumn } from "typeorm";
import type { MigrationInterface, QueryRunner } from "typeorm";
import { nowDefault, timestampType } from "./1764300000000-core-schema";

/** Identities and roles, the approval workflow's state and events, and content revisions. */
export class Workflow1764400000000 implements MigrationInterface {
  name = "Workflow1764400000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    const timestamp = timestampType(queryRunner);
    const now = nowDefault(queryRunner);
    const id = { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" as const };
    await queryRunner.createTable(
      new Table({
        name: "app_user",
        columns: [
          id,
          { name: "name", type: "varchar", length: "100" },
          { name: "agency_id", type: "integer" },
          { name: "roles", type: "varchar", length: "200" },
          { name: "active", type: "boolean", default: true },
          { name: "created_at", type: timestamp, default: now },
        ],
        indices: [
          { name: "uq_app_user_name", columnNames: ["name"], isUnique: true },
          { name: "ix_app_user_agency", columnNames: ["agency_id"] },
        ],
        foreignKeys: [{ columnNames: ["agency_id"], referencedTableName: "agency", referencedColumnNames: ["id"], onDelete: "RESTRICT" }],
      }),
    );
    await queryRunner.addColumns("report", [
      new TableColumn({ name: "workflow_snapshot", type: "text", isNullable: true }),
      new TableColumn({ name: "last_editor_id", type: "integer", isNullable: true }),
      new TableColumn({ name: "published_at", type: timestamp, isNullable: true }),
    ]);
    await queryRunner.createTable(
      new Table({
        name: "workflow_event",
        columns: [
          id,
          { name: "report_id", type: "integer" },
          { name: "actor_id", type: "integer" },
          { name: "actor_role", type: "varchar", length: "32" },
          { name: "event", type: "varchar", length: "32" },
          { name: "from_state", type: "varchar", length: "32" },
          { name: "to_state", type: "varchar", length: "32" },
          { name: "reason", type: "text", isNullable: true },
          { name: "content_hash", type: "varchar", length: "64" },
          { name: "version", type: "integer" },
          { name: "created_at", type: timestamp, default: now },
        ],
        indices: [{ name: "ix_workflow_event_report", columnNames: ["report_id", "id"] }],
        foreignKeys: [
          { columnNames: ["report_id"], referencedTableName: "report", referencedColumnNames: ["id"], onDelete: "RESTRICT" },
          { columnNames: ["actor_id"], referencedTableName: "app_user", referencedColumnNames: ["id"], onDelete: "RESTRICT" },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: "report_revision",
        columns: [
          id,
          { name: "report_id", type: "integer" },
          { name: "revision", type: "integer" },
          { name: "kind", type: "varchar", length: "16" },
          { name: "content", type: "text" },
          { name: "content_hash", type: "varchar", length: "64" },
          { name: "created_by", type: "integer" },
          { name: "correction_reason", type: "text", isNullable: true },
          { name: "created_at", type: timestamp, default: now },
        ],
        indices: [{ name: "ix_report_revision_report", columnNames: ["report_id", "id"] }],
        foreignKeys: [
          { columnNames: ["report_id"], referencedTableName: "report", referencedColumnNames: ["id"], onDelete: "RESTRICT" },
          { columnNames: ["created_by"], referencedTableName: "app_user", referencedColumnNames: ["id"], onDelete: "RESTRICT" },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("report_revision");
    await queryRunner.dropTable("workflow_event");
    await queryRunner.dropColumns("report", ["workflow_snapshot", "last_editor_id", "published_at"]);
    await queryRunner.dropTable("app_user");
  }
}
