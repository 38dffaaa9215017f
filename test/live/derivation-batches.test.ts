import { NotificationWriter } from "../../src/live/notifications";
import { createServices } from "../../src/services";
import type { Services } from "../../src/services";
import { openTestDatabase } from "../support/test-services";
import { createTeam, createValidDraft, walk } from "../support/workflow-fixture";

jest.setTimeout(60_000);

/**
 * Issue 14 (d): at the deadline rush records arrive faster than one transaction each can keep up with; a writer
 * that fell behind writes what piled up in one transaction, moves its cursor once, and loses nothing.
 */
describe("notifications derived in batches", () => {
  let services: Services;
  const statements: string[] = [];

  beforeAll(async () => {
    services = createServices(await openTestDatabase({ onQuery: sql => statements.push(sql) }));
  });

  afterAll(() => services.db.close());

  it("writes records that piled up together, every notification once, the cursor at the last record", async () => {
    const before = await services.events.lastSeq();
    const teams = await Promise.all(["B1", "B2", "B3", "B4"].map(code => createTeam(services, code)));
    for (const team of teams) {
      const draft = await createValidDraft(services, team);
      await walk(services, team, draft.id, [
        ["SUBMIT", "DRAFTER"],
        ["CLEAR_SECRECY", "SECRECY_REVIEWER"],
      ]);
    }
    const last = await services.events.lastSeq();
    // The cursor sits before the steps: the writer starts behind, with every record already in the log.
    await services.db.transaction(m => m.query(`INSERT INTO stream_cursor (name, seq) VALUES ('notifications', ${before})`));
    await services.events.start();
    const writer = new NotificationWriter(services.db, services.events, services.inbox);
    statements.length = 0;
    await writer.start();
    const cursor = async () => Number((await services.db.read(m => m.query(`SELECT seq FROM stream_cursor WHERE name = 'notifications'`)))[0].seq);
    for (let i = 0; i < 50 && (await cursor()) < last; i++) await new Promise(resolve => setTimeout(resolve, 50));
    await writer.stop();
    await services.events.stop();

    expect(await cursor()).toBe(last);
    const moves = statements.filter(sql => sql.startsWith("INSERT INTO stream_cursor")).length;
    expect(last - before).toBeGreaterThan(8);
    expect(moves).toBeGreaterThan(0);
    expect(moves).toBeLessThan(3);
    // Many notification rows a statement, not one statement a row.
    const inserts = statements.filter(sql => sql.startsWith("INSERT INTO notification")).length;
    // Each team's SECRECY_REVIEWER was told of the submission and its LEADER of the cleared review, once each.
    const rows = await services.db.read(m => m.query(`SELECT user_id, kind FROM notification WHERE seq > ${before}`));
    const told = new Set(rows.map((row: { user_id: number }) => Number(row.user_id)));
    for (const team of teams) {
      expect(told.has(team.SECRECY_REVIEWER.userId)).toBe(true);
      expect(told.has(team.LEADER.userId)).toBe(true);
    }
    expect(new Set(rows.map((row: { user_id: number; kind: string }) => `${row.user_id}:${row.kind}`)).size).toBe(rows.length);
    expect(rows.length).toBeGreaterThanOrEqual(8);
    expect(inserts).toBeGreaterThan(0);
    expect(inserts).toBeLessThanOrEqual(moves);
  });
});
