import { Table, TableColumn, TableForeignKey } from "typeorm";
import type { MigrationInterface, QueryRunner } from "typeorm";

/** Sign-in for people: password hashes, lockout counters and server-side sessions. */
export class SignIn1764850000000 implements MigrationInterface {
  name = "SignIn1764850000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns("app_user", [
      new TableColumn({ name: "password_hash", type: "varchar", length: "200", isNullable: true }),
      new TableColumn({ name: "password_temporary", type: "boolean", default: false }),
      new TableColumn({ name: "failed_sign_ins", type: "integer", default: 0 }),
      new TableColumn({ name: "locked_until", type: "varchar", length: "24", isNullable: true }),
    ]);
    await queryRunner.createTable(
      new Table({
        name: "user_session",
        columns: [
          // Note: only the SHA-256 of the cookie's token is stored, so a copy of the database signs no one in.
          { name: "token_hash", type: "varchar", length: "64", isPrimary: true },
          { name: "user_id", type: "integer" },
          { name: "created_at", type: "varchar", length: "24" },
          { name: "expires_at", type: "varchar", length: "24" },
        ],
        indices: [{ name: "ix_user_session_user", columnNames: ["user_id"] }],
        foreignKeys: [new TableForeignKey({ columnNames: ["user_id"], referencedTableName: "app_user", referencedColumnNames: ["id"], onDelete: "CASCADE" })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("user_session");
    for (const column of ["locked_until", "failed_sign_ins", "password_temporary", "password_hash"]) {
      await queryRunner.dropColumn("app_user", column);
    }
  }
}
