import type { EntityManager } from "typeorm";
import { appendAudit } from "../audit/append";
import type { Database } from "../db";
import type { UserActor } from "../services/actor";
import type { AsyncQueue } from "./async-queue";
import { advanceCursor } from "./delivery-store";
import type { EventStream, StreamRecord } from "./event-stream";
import type { InboxEntry, InboxRecipients } from "./inbox";

export interface NotificationRow {
  id: number;
  seq: number;
  reportId: number;
  kind: string;
  action: string | null;
  reason: string | null;
  by: string;
  at: string;
  readAt: string | null;
}

const CURSOR = "notifications";

/**
 * Derives notifications from the event stream for the people who can act next (see InboxRecipients). Every
 * instance may run one: rows are keyed by (seq, user) and inserted with ON CONFLICT DO NOTHING, so two instances
 * deriving the same record write it once; the cursor only moves forward. Derived data, not a change anyone
 * made, so deriving has no audit record of its own (it would feed the stream it is read from).
 */
export class NotificationWriter {
  private records: AsyncQueue<StreamRecord> | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: Database,
    private readonly stream: EventStream,
    private readonly recipients: InboxRecipients,
  ) {}

  async start(): Promise<void> {
    const [row] = await this.db.read(manager => manager.query(`SELECT seq FROM stream_cursor WHERE name = ${p(manager, 1)}`, [CURSOR]));
    // Note: a new installation starts from the log's end; notifications are about what happens from now on.
    const after = row ? Number(row.seq) : await this.stream.lastSeq();
    this.records = this.stream.subscribe(after);
    this.running = this.consume(this.records);
  }

  /**
   * Records that piled up while the last ones were written go into one transaction with one cursor move (at the
   * deadline rush a record per transaction was a third of the writer's units); a batch that fails is written
   * again record by record, so one bad record costs only itself.
   */
  private async consume(records: AsyncQueue<StreamRecord>): Promise<void> {
    for await (const first of records) {
      const batch = [first, ...records.drain(BATCH - 1)];
      const entries: Array<InboxEntry | null> = [];
      for (const record of batch) entries.push(await this.recipients.entryOf(record));
      const all = () => this.db.derivedTransaction(manager => write(manager, batch, entries));
      await all().catch(async () => {
        for (const [i, record] of batch.entries()) {
          await this.db.derivedTransaction(manager => write(manager, [record], [entries[i]])).catch(error => console.error("notification", record.seq, error));
        }
      });
    }
  }

  async stop(): Promise<void> {
    await this.records?.return();
    await this.running?.catch(() => undefined);
  }
}

/** Most records written in one transaction. */
const BATCH = 100;

/** Notification rows inserted by one statement (8 parameters each: well under both engines' limits). */
const ROWS_PER_INSERT = 200;

async function write(manager: EntityManager, records: StreamRecord[], entries: Array<InboxEntry | null>): Promise<void> {
  const rows = records.flatMap(({ seq }, i) => {
    const entry = entries[i];
    return (entry?.userIds ?? []).map(userId => [seq, userId, entry!.reportId, entry!.kind, entry!.action, entry!.reason, entry!.by.slice(0, 100), entry!.at]);
  });
  // Note: many rows a statement — a batch's rows were one round trip each, beside the steps at the deadline rush.
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const chunk = rows.slice(start, start + ROWS_PER_INSERT);
    const values = chunk.map((row, r) => `(${row.map((_value, c) => p(manager, r * row.length + c + 1)).join(", ")})`).join(", ");
    await manager.query(
      `INSERT INTO notification (seq, user_id, report_id, kind, action, reason, actor_name, at) VALUES ${values} ON CONFLICT (seq, user_id) DO NOTHING`,
      chunk.flat(),
    );
  }
  await advanceCursor(manager, CURSOR, records.at(-1)!.seq);
}

/** A user's notifications, newest first, after the cursor (an id), and the unread count. */
export async function notificationsOf(db: Database, userId: number, first: number, before: number | null) {
  return db.read(async manager => {
    // Note: counts first, then the page. On PostgreSQL each statement sees what is committed when it starts; in the
    // other order a notification committed between the two was counted but not listed (totalCount 1, nodes []).
    const [counts] = await manager.query(
      `SELECT COUNT(*) AS total, SUM(CASE WHEN read_at IS NULL THEN 1 ELSE 0 END) AS unread FROM notification WHERE user_id = ${p(manager, 1)}`,
      [userId],
    );
    const rows: any[] = await manager.query(
      `SELECT id, seq, report_id, kind, action, reason, actor_name, at, read_at FROM notification
       WHERE user_id = ${p(manager, 1)} AND id < ${p(manager, 2)} ORDER BY id DESC LIMIT ${p(manager, 3)}`,
      [userId, before ?? 2_147_483_647, first + 1],
    );
    return {
      rows: rows.slice(0, first).map(toRow),
      hasNextPage: rows.length > first,
      totalCount: Number(counts?.total ?? 0),
      unreadCount: Number(counts?.unread ?? 0),
    };
  });
}

/**
 * Marks the user's notifications read (the given ids, or all) and returns how many are still unread. The audit
 * record names what was marked: proof that a reviewer took notice; marking nothing new records nothing.
 */
export async function markRead(db: Database, user: UserActor, ids: number[] | null): Promise<number> {
  return db.transaction(async manager => {
    const only = ids ? ` AND id IN (${ids.map((_id, i) => p(manager, i + 2)).join(", ") || "NULL"})` : "";
    const unread: Array<{ id: number | string; seq: number | string }> = await manager.query(
      `SELECT id, seq FROM notification WHERE user_id = ${p(manager, 1)} AND read_at IS NULL${only} ORDER BY id`,
      [user.userId, ...(ids ?? [])],
    );
    if (unread.length) {
      const marked = unread.map(row => Number(row.id));
      await manager.query(`UPDATE notification SET read_at = ${p(manager, 1)} WHERE id IN (${marked.map((_id, i) => p(manager, i + 2)).join(", ")})`, [
        new Date().toISOString(),
        ...marked,
      ]);
      await appendAudit(manager, user, { action: "notification.read", agencyId: user.agencyId, diff: { seqs: unread.map(row => Number(row.seq)) } });
    }
    const [row] = await manager.query(`SELECT COUNT(*) AS unread FROM notification WHERE user_id = ${p(manager, 1)} AND read_at IS NULL`, [user.userId]);
    return Number(row.unread);
  });
}

function toRow(row: any): NotificationRow {
  return {
    id: Number(row.id),
    seq: Number(row.seq),
    reportId: Number(row.report_id),
    kind: row.kind,
    action: row.action,
    reason: row.reason,
    by: row.actor_name,
    at: row.at,
    readAt: row.read_at,
  };
}

function p(manager: EntityManager, n: number): string {
  return manager.connection.driver.options.type === "postgres" ? `$${n}` : "?";
}
