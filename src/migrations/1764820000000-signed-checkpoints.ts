import { Table } from "typeorm";
import type { MigrationInterface, QueryRunner } from "typeorm";

/** Checkpoints signed with a key kept outside the database; append-only like the trail itself. */
export class SignedCheckpoints1764820000000 implements MigrationInterface {
  name = "SignedCheckpoints1764820000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: "audit_signed_checkpoint",
        columns: [
          { name: "seq", type: "integer", isPrimary: true },
          { name: "key_id", type: "varchar", length: "16", isPrimary: true },
          { name: "hash", type: "varchar", length: "64" },
          { name: "signature", type: "varchar", length: "100" },
          { name: "signed_at", type: "varchar", length: "24" },
        ],
      }),
    );
    const table = "audit_signed_checkpoint";
    const statements =
      queryRunner.connection.driver.options.type === "postgres"
        ? [
            // Note: audit_append_only() was created with the audit trail (1764500000000).
            `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION audit_append_only()`,
            `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()`,
          ]
        : ["UPDATE", "DELETE"].map(
            operation =>
              `CREATE TRIGGER ${table}_no_${operation.toLowerCase()} BEFORE ${operation} ON ${table}
               BEGIN SELECT RAISE(ABORT, '${table} is append-only: ${operation} is refused'); END`,
          );
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("audit_signed_checkpoint");
  }
}
