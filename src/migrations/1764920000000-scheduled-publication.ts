import { Table, TableIndex } from "typeorm";
import type { MigrationInterface, QueryRunner } from "typeorm";

const FROM_VERSION = 2;
const TO_VERSION = 3;

/**
 * Scheduled publication (issue 13). The table of jobs claimed with a lease, on both engines (src/live/jobs.ts),
 * and approval machine version 3: its context gains scheduledPublishAt and scheduledBy (null: no schedule), so
 * every stored version-2 snapshot is rewritten with both fields and the new tag. An instance still running
 * version 2 then refuses these snapshots rather than drop a schedule it does not know.
 */
export class ScheduledPublication1764920000000 implements MigrationInterface {
  name = "ScheduledPublication1764920000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: "scheduled_job",
        columns: [
          { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" },
          { name: "kind", type: "varchar", length: "40" },
          { name: "key", type: "varchar", length: "120" },
          { name: "report_id", type: "integer", isNullable: true },
          { name: "run_at", type: "bigint" },
          { name: "status", type: "varchar", length: "16" },
          { name: "claimed_by", type: "varchar", length: "100", isNullable: true },
          { name: "lease_until", type: "bigint", isNullable: true },
          { name: "attempts", type: "integer", default: 0 },
          { name: "created_by", type: "integer", isNullable: true },
          { name: "finished_at", type: "bigint", isNullable: true },
          { name: "payload", type: "text", isNullable: true },
          { name: "outcome", type: "text", isNullable: true },
        ],
        indices: [
          new TableIndex({ name: "uq_scheduled_job_key", columnNames: ["key"], isUnique: true }),
          new TableIndex({ name: "ix_scheduled_job_due", columnNames: ["status", "run_at"] }),
        ],
      }),
    );
    await snapshotsUp(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await snapshotsDown(queryRunner);
    await queryRunner.dropTable("scheduled_job");
  }
}

type Context = Record<string, unknown>;

/** Version-2 snapshots to version 3: no schedule stands. */
export function snapshotsUp(queryRunner: QueryRunner): Promise<void> {
  return retag(queryRunner, FROM_VERSION, TO_VERSION, context => ({ ...context, scheduledPublishAt: null, scheduledBy: null }));
}

/** Version-3 snapshots back to version 2 (a standing schedule is dropped; its job row goes with the table). */
export function snapshotsDown(queryRunner: QueryRunner): Promise<void> {
  return retag(queryRunner, TO_VERSION, FROM_VERSION, ({ scheduledPublishAt: _at, scheduledBy: _by, ...context }) => context);
}

/** Rewrites each snapshot of one version, in batches by id, with its context changed by `change`. */
async function retag(queryRunner: QueryRunner, from: number, to: number, change: (context: Context) => Context): Promise<void> {
  const pg = queryRunner.connection.driver.options.type === "postgres";
  const [p1, p2, p3] = pg ? ["$1", "$2", "$3"] : ["?", "?", "?"];
  let after = 0;
  for (;;) {
    const rows = (await queryRunner.query(`SELECT id, workflow_snapshot FROM report WHERE id > ${p1} AND workflow_snapshot LIKE ${p2} ORDER BY id LIMIT 500`, [
      after,
      `{"machineVersion":${from},%`,
    ])) as Array<{ id: number | string; workflow_snapshot: string }>;
    if (rows.length === 0) return;
    for (const row of rows) {
      const stored = JSON.parse(row.workflow_snapshot) as { machineVersion: number; snapshot: { context: Context } };
      const next = { machineVersion: to, snapshot: { ...stored.snapshot, context: change(stored.snapshot.context) } };
      await queryRunner.query(`UPDATE report SET workflow_snapshot = ${p1} WHERE id = ${p2} AND workflow_snapshot = ${p3}`, [
        JSON.stringify(next),
        row.id,
        row.workflow_snapshot,
      ]);
    }
    after = Number(rows[rows.length - 1].id);
  }
}
