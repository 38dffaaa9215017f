import { Client } from "pg";
import { appendAudit } from "../../src/audit";
import { SYSTEM_ACTOR } from "../../src/auth/actor";
import type { Database } from "../../src/db";
import { AUDIT_CHAIN_LOCK } from "../../src/db/chain-lock";
import { AuditEventEntity } from "../../src/entities";
import { TEST_POSTGRES_URL, openTestDatabase, testEngine } from "../support/test-services";

const cursor = (db: Database, name: string) =>
  db.read(async manager => (await manager.query(`SELECT seq FROM stream_cursor WHERE name = ${testEngine === "postgres" ? "$1" : "?"}`, [name]))[0]);

/**
 * Derived data (notifications, deliveries, stream cursors) is written with Database.derivedTransaction. On
 * PostgreSQL it runs beside the writer's groups, not as one of their units, and without the audit chain's lock —
 * so it may never append an audit record; on SQLite it joins the one writer like any transaction.
 */
describe(`derived-data transactions on ${testEngine}`, () => {
  let db: Database;

  beforeAll(async () => {
    db = await openTestDatabase();
  }, 60_000);

  afterAll(() => db.close());

  it("commits what it writes, and nothing when it throws", async () => {
    await db.derivedTransaction(manager => manager.query(`INSERT INTO stream_cursor (name, seq) VALUES ('derived-a', 7)`));
    expect(await cursor(db, "derived-a")).toMatchObject({ seq: expect.anything() });
    await expect(
      db.derivedTransaction(async manager => {
        await manager.query(`INSERT INTO stream_cursor (name, seq) VALUES ('derived-b', 8)`);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await cursor(db, "derived-b")).toBeUndefined();
  });

  (testEngine === "postgres" ? it : it.skip)("commits while a writer holds the audit chain's lock, and refuses to append an audit record", async () => {
    const holder = new Client({ connectionString: TEST_POSTGRES_URL });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT pg_advisory_xact_lock($1)", [AUDIT_CHAIN_LOCK]);
      let grouped = false;
      const group = db.transaction(manager => manager.query("SELECT 1")).then(() => (grouped = true));
      await db.derivedTransaction(manager => manager.query(`INSERT INTO stream_cursor (name, seq) VALUES ('derived-c', 9)`));
      expect(await cursor(db, "derived-c")).toBeDefined();
      expect(grouped).toBe(false); // the group still waits for the lock the other writer holds

      const records = await db.read(manager => manager.count(AuditEventEntity));
      await expect(db.derivedTransaction(manager => appendAudit(manager, SYSTEM_ACTOR, { action: "test.derived", agencyId: null, diff: {} }))).rejects.toThrow(
        /appends no audit record/,
      );
      await holder.query("COMMIT");
      await group;
      expect(grouped).toBe(true);
      expect(await db.read(manager => manager.count(AuditEventEntity))).toBe(records);
    } finally {
      await holder.end();
    }
  });
});
