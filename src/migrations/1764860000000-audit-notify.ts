import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * PostgreSQL only: every statement that appends audit records notifies channel `gongkai_audit` with the schema's
 * name. NOTIFY is delivered at commit (never for a rolled-back transaction), so a listener woken by it reads only
 * committed records. SQLite has no NOTIFY; its event stream polls the log instead (see src/live/event-stream.ts).
 */
export class AuditNotify1764860000000 implements MigrationInterface {
  name = "AuditNotify1764860000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.driver.options.type !== "postgres") return;
    await queryRunner.query(`CREATE FUNCTION audit_event_notify() RETURNS trigger AS $$
      BEGIN PERFORM pg_notify('gongkai_audit', current_schema()); RETURN NULL; END $$ LANGUAGE plpgsql`);
    await queryRunner.query(`CREATE TRIGGER audit_event_notify AFTER INSERT ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_notify()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.driver.options.type !== "postgres") return;
    await queryRunner.query("DROP TRIGGER IF EXISTS audit_event_notify ON audit_event");
    await queryRunner.query("DROP FUNCTION IF EXISTS audit_event_notify()");
  }
}
