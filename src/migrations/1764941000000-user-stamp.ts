import { Table } from "typeorm";
import type { MigrationInterface, QueryRunner } from "typeorm";

/** One row whose version every change to a user bumps: per-process caches of users check it (src/services/actor-cache.ts). */
export class UserStamp1764941000000 implements MigrationInterface {
  name = "UserStamp1764941000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: "user_stamp",
        columns: [
          { name: "id", type: "integer", isPrimary: true },
          { name: "version", type: "integer" },
        ],
      }),
    );
    await queryRunner.query("INSERT INTO user_stamp (id, version) VALUES (1, 1)");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("user_stamp");
  }
}
