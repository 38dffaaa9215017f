import { Client } from "pg";
import type { Database } from "../db";
import { AsyncQueue } from "./async-queue";

/** One committed audit record as the stream announces it (the diff parsed). */
export interface StreamRecord {
  seq: number;
  at: string;
  action: string;
  actorKind: string;
  actorId: number | null;
  actorName: string;
  agencyId: number | null;
  reportId: number | null;
  diff: Record<string, any>;
}

export interface EventStreamOptions {
  /** SQLite: how often the log is read for new records (other processes write the same file). */
  pollMs?: number;
  /** PostgreSQL: a safety poll in case a notification was lost with its connection. */
  fallbackPollMs?: number;
}

const BATCH = 500;
/** Changes that may wait for one slow subscriber before it is ended. */
const MAX_QUEUED = 10_000;

/**
 * The one stream of facts: committed audit records in `seq` order, read after the last seq seen. The audit log
 * is the outbox — each change appends its record in its own transaction, and seqs are assigned under the chain
 * lock, so records become visible in seq order and nothing rolled back is ever read. One reader per process
 * fans out to every subscriber; PostgreSQL wakes it with LISTEN/NOTIFY (a trigger's pg_notify, delivered at
 * commit), SQLite by polling the log (several processes may share one file).
 */
export class EventStream {
  private head = 0;
  private started: Promise<void> | null = null;
  private readonly listeners = new Set<(record: StreamRecord) => void>();
  private timer: NodeJS.Timeout | null = null;
  private listener: Client | null = null;
  private pumping: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private ready = false;

  constructor(
    private readonly db: Database,
    private readonly options: EventStreamOptions = {},
  ) {}

  /** Starts following the log from its current end; idempotent. */
  start(): Promise<void> {
    this.stopped = false;
    this.started ??= this.begin();
    return this.started;
  }

  private async begin(): Promise<void> {
    this.head = await this.lastSeq();
    if (this.db.engine === "postgres") await this.listen();
    const every = this.db.engine === "postgres" ? (this.options.fallbackPollMs ?? 5_000) : (this.options.pollMs ?? 200);
    this.timer = setInterval(() => void this.wake(), every);
    this.timer.unref();
    this.ready = !this.stopped;
  }

  /**
   * Whether the log is being followed now: started (its head read) and not stopped. While it is, every record
   * committed from then on, by any process, reaches `onRecord` listeners within one poll (SQLite: `pollMs`, 200 ms)
   * or at once by NOTIFY (PostgreSQL; the `fallbackPollMs` poll if a notification was lost).
   */
  get following(): boolean {
    return this.ready && !this.stopped;
  }

  /** Calls `listener` with each record read from now on, synchronously, in seq order (no replay, no queue); returns the unsubscribe. */
  onRecord(listener: (record: StreamRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async listen(): Promise<void> {
    const config = this.db.config as { url: string; schema?: string };
    const client = new Client({ connectionString: config.url, options: config.schema ? `-c search_path=${config.schema}` : undefined });
    await client.connect();
    const [{ schema }] = (await client.query("SELECT current_schema() AS schema")).rows;
    client.on("notification", message => {
      if (message.payload === schema) void this.wake();
    });
    client.on("error", () => undefined); // the fallback poll keeps the stream going
    await client.query("LISTEN gongkai_audit");
    this.listener = client;
  }

  /** The highest committed seq. */
  async lastSeq(): Promise<number> {
    const [row] = await this.db.read(manager => manager.query("SELECT MAX(seq) AS seq FROM audit_event"));
    return Number(row?.seq ?? 0);
  }

  /** Committed records after `seq`, in seq order, at most `limit`. */
  async after(seq: number, limit = BATCH): Promise<StreamRecord[]> {
    const p = this.db.engine === "postgres" ? ["$1", "$2"] : ["?", "?"];
    const rows: any[] = await this.db.read(manager =>
      manager.query(
        `SELECT seq, at, action, actor_kind, actor_id, actor_name, agency_id, report_id, diff FROM audit_event
         WHERE seq > ${p[0]} ORDER BY seq LIMIT ${p[1]}`,
        [seq, limit],
      ),
    );
    return rows.map(toRecord);
  }

  /** Reads what is new now (tests and local writers need not wait for the next poll). */
  wake(): Promise<void> {
    if (this.stopped || !this.started) return Promise.resolve();
    if (this.pumping) {
      this.again = true;
      return this.pumping;
    }
    this.pumping = this.pump().finally(() => {
      this.pumping = null;
      if (this.again) {
        this.again = false;
        void this.wake();
      }
    });
    return this.pumping;
  }

  private async pump(): Promise<void> {
    await this.started;
    for (;;) {
      const records = await this.after(this.head).catch(() => []);
      for (const record of records) {
        this.head = record.seq;
        for (const listener of this.listeners) listener(record);
      }
      if (records.length < BATCH) return;
    }
  }

  /**
   * Every committed record after `afterSeq` (null: from now on), in order, without gaps or repeats: what was
   * missed is read from the log first, while what arrives meanwhile waits in the queue. `accept` leaves out, before
   * anything is queued, the records this subscriber can never want (another report's): with a thousand idle
   * subscribers each record would otherwise wake a thousand consumers.
   */
  subscribe(afterSeq: number | null, accept: (record: StreamRecord) => boolean = () => true): AsyncQueue<StreamRecord> {
    let cursor = 0;
    let catchingUp = true;
    const pending: StreamRecord[] = [];
    const queue = new AsyncQueue<StreamRecord>(() => this.listeners.delete(listener));
    const deliver = (record: StreamRecord) => {
      if (record.seq <= cursor) return;
      cursor = record.seq;
      if (!accept(record)) return;
      // Note: a consumer that cannot keep up is ended (it reconnects with its last seq) rather than buffered without end.
      if (queue.size >= MAX_QUEUED) queue.fail(new Error(`More than ${MAX_QUEUED} changes waited for this subscriber; reconnect with afterSeq.`));
      else queue.push(record);
    };
    const listener = (record: StreamRecord) => (catchingUp ? pending.push(record) : deliver(record));
    this.listeners.add(listener);
    const replay = async () => {
      await this.start();
      cursor = afterSeq ?? this.head;
      // What was missed, a page at a time, each page once the consumer has taken most of the last.
      for (let page = await this.after(cursor); page.length && !queue.closed; page = await this.after(cursor)) {
        for (const record of page) deliver(record);
        while (queue.size > BATCH / 2 && !queue.closed) await new Promise(resolve => setTimeout(resolve, 5));
      }
      catchingUp = false;
      for (const record of pending.splice(0)) deliver(record);
    };
    replay().catch(error => queue.fail(error));
    return queue;
  }

  /** Subscribers currently attached (tests, bench). */
  get subscribers(): number {
    return this.listeners.size;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.ready = false;
    if (this.timer) clearInterval(this.timer);
    await this.pumping?.catch(() => undefined);
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
    // Note: a later start (a server started again on the same services) follows the log afresh.
    this.started = null;
  }
}

function toRecord(row: any): StreamRecord {
  return {
    seq: Number(row.seq),
    at: row.at,
    action: row.action,
    actorKind: row.actor_kind,
    actorId: row.actor_id == null ? null : Number(row.actor_id),
    actorName: row.actor_name,
    agencyId: row.agency_id == null ? null : Number(row.agency_id),
    reportId: row.report_id == null ? null : Number(row.report_id),
    diff: JSON.parse(row.diff),
  };
}
