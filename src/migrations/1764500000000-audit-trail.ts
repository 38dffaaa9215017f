import { Table } from "typeorm";
import type { MigrationInterface, QueryRunner } from "typeorm";
import { nowDefault, timestampType } from "./1764300000000-core-schema";

const APPEND_ONLY = ["audit_event", "audit_checkpoint"];

/** The tamper-evident audit trail: append-only in the database itself. */
export class AuditTrail1764500000000 implements MigrationInterface {
  name = "AuditTrail1764500000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: "audit_event",
        columns: [
          { name: "seq", type: "integer", isPrimary: true },
          { name: "at", type: "varchar", length: "24" },
          { name: "actor_kind", type: "varchar", length: "16" },
          { name: "actor_id", type: "integer", isNullable: true },
          { name: "actor_name", type: "varchar", length: "100" },
          { name: "actor_roles", type: "varchar", length: "200", isNullable: true },
          { name: "agency_id", type: "integer", isNullable: true },
          { name: "report_id", type: "integer", isNullable: true },
          { name: "action", type: "varchar", length: "64" },
          { name: "diff", type: "text" },
          { name: "request_id", type: "varchar", length: "100", isNullable: true },
          { name: "client_address", type: "varchar", length: "64", isNullable: true },
          { name: "prev_hash", type: "varchar", length: "64" },
          { name: "hash", type: "varchar", length: "64" },
        ],
        indices: [
          { name: "ix_audit_event_report", columnNames: ["report_id", "seq"] },
          { name: "ix_audit_event_agency", columnNames: ["agency_id", "seq"] },
          { name: "ix_audit_event_actor", columnNames: ["actor_id", "seq"] },
          { name: "ix_audit_event_action", columnNames: ["action", "seq"] },
          { name: "ix_audit_event_at", columnNames: ["at"] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: "audit_checkpoint",
        columns: [
          { name: "seq", type: "integer", isPrimary: true },
          { name: "hash", type: "varchar", length: "64" },
          { name: "created_at", type: timestampType(queryRunner), default: nowDefault(queryRunner) },
        ],
      }),
    );
    const postgres = queryRunner.connection.driver.options.type === "postgres";
    for (const statement of postgres ? postgresTriggers() : sqliteTriggers()) {
      await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.driver.options.type === "postgres") {
      await queryRunner.query("DROP FUNCTION IF EXISTS audit_append_only() CASCADE");
    }
    await queryRunner.dropTable("audit_checkpoint");
    await queryRunner.dropTable("audit_event");
  }
}

function sqliteTriggers(): string[] {
  return APPEND_ONLY.flatMap(table =>
    ["UPDATE", "DELETE"].map(
      operation =>
        `CREATE TRIGGER ${table}_no_${operation.toLowerCase()} BEFORE ${operation} ON ${table}
         BEGIN SELECT RAISE(ABORT, '${table} is append-only: ${operation} is refused'); END`,
    ),
  );
}

function postgresTriggers(): string[] {
  return [
    `CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS $$
     BEGIN RAISE EXCEPTION '% is append-only: % is refused', TG_TABLE_NAME, TG_OP; END $$ LANGUAGE plpgsql`,
    ...APPEND_ONLY.flatMap(table => [
      `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION audit_append_only()`,
      `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()`,
    ]),
  ];
}
