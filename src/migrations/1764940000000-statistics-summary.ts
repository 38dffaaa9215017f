import { Table, TableIndex } from "typeorm";
import type { MigrationInterface, QueryRunner } from "typeorm";
import { addStoredReports } from "../db/statistics-summary";

/**
 * The per-year statistics summary (see src/db/statistics-summary.ts): report counts and the summable cells'
 * sums per year and agency, each report counted in every agency above it; backfilled here from the reports
 * already stored.
 */
export class StatisticsSummary1764940000000 implements MigrationInterface {
  name = "StatisticsSummary1764940000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: "statistics_count",
        columns: [
          { name: "year", type: "integer", isPrimary: true },
          { name: "agency_id", type: "integer", isPrimary: true },
          { name: "format_id", type: "varchar", length: "16", isPrimary: true },
          { name: "state", type: "varchar", length: "32", isPrimary: true },
          { name: "published", type: "integer", isPrimary: true },
          { name: "n", type: "integer" },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: "statistics_cell",
        columns: [
          { name: "year", type: "integer", isPrimary: true },
          { name: "agency_id", type: "integer", isPrimary: true },
          { name: "format_id", type: "varchar", length: "16", isPrimary: true },
          { name: "cell_key", type: "varchar", length: "260", isPrimary: true },
          { name: "total", type: "bigint" },
          { name: "n", type: "integer" },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: "statistics_year",
        columns: [
          { name: "year", type: "integer", isPrimary: true },
          { name: "version", type: "integer" },
        ],
      }),
    );
    // Note: the lists (overdue, late, missing) still walk an office's subtree; with 10,000 agencies the walk needs this.
    await queryRunner.createIndex("agency", new TableIndex({ name: "ix_agency_parent", columnNames: ["parent_id"] }));
    await addStoredReports(queryRunner.manager, null);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex("agency", "ix_agency_parent");
    await queryRunner.dropTable("statistics_year");
    await queryRunner.dropTable("statistics_cell");
    await queryRunner.dropTable("statistics_count");
  }
}
