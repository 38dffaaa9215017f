import { TableColumn } from "typeorm";
import type { MigrationInterface, QueryRunner } from "typeorm";
import { timestampType } from "./1764300000000-core-schema";

/**
 * A published revision recorded after the fact (a past report imported for its figures, RECORD_PUBLISHED)
 * keeps its original publication date and where it was published (URL, or file name and SHA-256, as JSON).
 * Null for revisions published here: their publication is the revision's created_at.
 */
export class RevisionPublication1764910000000 implements MigrationInterface {
  name = "RevisionPublication1764910000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns("report_revision", [
      new TableColumn({ name: "published_at", type: timestampType(queryRunner), isNullable: true }),
      new TableColumn({ name: "source", type: "text", isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn("report_revision", "source");
    await queryRunner.dropColumn("report_revision", "published_at");
  }
}
