import { Table, TableIndex } from "typeorm";
import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Notifications derived from the event stream (one row per audit record and person it concerns: the unique
 * (seq, user_id) makes writing them idempotent, so every instance may derive them and none duplicates), and the
 * position each derived consumer has reached in the stream.
 */
export class Notifications1764861000000 implements MigrationInterface {
  name = "Notifications1764861000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: "notification",
        columns: [
          { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" },
          { name: "seq", type: "integer" },
          { name: "user_id", type: "integer" },
          { name: "report_id", type: "integer" },
          { name: "kind", type: "varchar", length: "16" },
          { name: "action", type: "varchar", length: "32", isNullable: true },
          { name: "reason", type: "text", isNullable: true },
          { name: "actor_name", type: "varchar", length: "100" },
          { name: "at", type: "varchar", length: "24" },
          { name: "read_at", type: "varchar", length: "24", isNullable: true },
        ],
        indices: [
          new TableIndex({ name: "uq_notification_seq_user", columnNames: ["seq", "user_id"], isUnique: true }),
          new TableIndex({ name: "ix_notification_user", columnNames: ["user_id", "seq"] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: "stream_cursor",
        columns: [
          { name: "name", type: "varchar", length: "64", isPrimary: true },
          { name: "seq", type: "integer" },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("stream_cursor");
    await queryRunner.dropTable("notification");
  }
}
