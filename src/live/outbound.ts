import { randomUUID } from "node:crypto";
import type { Database } from "../db";
import { placeholder as p } from "../db/placeholder";
import type { AsyncQueue } from "./async-queue";
import { DEFAULT_DELIVERY_POLICY, advanceCursor, claimDue, readCursor, recordAttempt } from "./delivery-store";
import type { AttemptOutcome, DeliveryPolicy, DeliveryRow } from "./delivery-store";
import type { EventStream, StreamRecord } from "./event-stream";
import type { InboxEntry, InboxRecipients } from "./inbox";
import { sendEmail } from "./mailer";
import { activeEndpoints, deriveEmails, deriveWebhooks, mailboxes } from "./outbound-derive";
import { WEBHOOK_HEADERS, signWebhook } from "./webhook-signature";

export interface OutboundOptions extends Partial<DeliveryPolicy> {
  /** How often due deliveries are looked for (default 1 s). */
  pollMs?: number;
  /** A webhook POST that takes longer counts as failed (default 10 s). */
  timeoutMs?: number;
  /** The clock (tests inject one). */
  now?: () => Date;
}

/** Most records derived in one transaction. */
const BATCH = 100;
const CURSOR = "outbound";

/**
 * Outbound delivery: derives a delivery row for each committed record and each target (webhook endpoints of the
 * record's agency, e-mail to the people it concerns) after a stored cursor — in the same transaction as the
 * cursor, idempotent across instances by (channel, target, seq) — and sends the due rows each instance claims
 * with a lease, retrying with exponential backoff.
 */
export class OutboundDelivery {
  readonly instance = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly policy: DeliveryPolicy;
  private records: AsyncQueue<StreamRecord> | null = null;
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private sending: Promise<void> | null = null;
  private readonly now: () => Date;

  constructor(
    private readonly db: Database,
    private readonly stream: EventStream,
    private readonly recipients: InboxRecipients,
    private readonly options: OutboundOptions = {},
  ) {
    this.policy = { ...DEFAULT_DELIVERY_POLICY, ...withoutUndefined(options) };
    this.now = options.now ?? (() => new Date());
  }

  async start(): Promise<void> {
    // Note: a new installation starts from the log's end: deliveries are about what happens from now on.
    const after = (await readCursor(this.db, CURSOR)) ?? (await this.stream.lastSeq());
    this.records = this.stream.subscribe(after);
    this.running = this.consume(this.records);
    this.timer = setInterval(() => void this.tick(), this.options.pollMs ?? 1_000);
    this.timer.unref();
  }

  /** Records that piled up are derived in one transaction with one cursor move; if that fails, one by one (with retries). */
  private async consume(records: AsyncQueue<StreamRecord>): Promise<void> {
    for await (const first of records) {
      const batch = [first, ...records.drain(BATCH - 1)];
      const entries: Array<InboxEntry | null> = [];
      for (const record of batch) entries.push(await this.recipients.entryOf(record));
      const now = this.now().toISOString();
      const together = this.db.derivedTransaction(async manager => {
        // Note: whom to deliver to, for the whole batch in two statements (they were two for every record).
        const endpoints = await activeEndpoints(manager, batch);
        const addresses = await mailboxes(manager, entries);
        for (const [i, record] of batch.entries()) {
          await deriveWebhooks(manager, record, now, endpoints);
          await deriveEmails(manager, entries[i], record.action, now, addresses);
        }
        await advanceCursor(manager, CURSOR, batch.at(-1)!.seq);
      });
      await together.catch(async () => {
        for (const [i, record] of batch.entries()) await this.derive(record, entries[i]);
      });
      void this.tick();
    }
  }

  /**
   * The record's deliveries and the cursor, in one transaction; tried again a few times, since the cursor moves on
   * with the next record (a record that still fails is logged, as the notification writer does).
   */
  private async derive(record: StreamRecord, entry: InboxEntry | null): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const now = this.now().toISOString();
        await this.db.derivedTransaction(async manager => {
          await deriveWebhooks(manager, record, now);
          await deriveEmails(manager, entry, record.action, now);
          await advanceCursor(manager, CURSOR, record.seq);
        });
        return;
      } catch (error) {
        if (attempt >= 3) return console.error("outbound: no deliveries derived from record", record.seq, error);
        await new Promise(resolve => setTimeout(resolve, 100 * attempt));
      }
    }
  }

  /** Sends what is due now (one round at a time per instance); tests call it to skip the poll. */
  tick(): Promise<void> {
    this.sending ??= this.sendDue().finally(() => (this.sending = null));
    return this.sending;
  }

  private async sendDue(): Promise<void> {
    for (;;) {
      const due = await claimDue(this.db, this.instance, this.now(), this.policy.leaseMs, 20).catch(error => (console.error("claim", error), []));
      // Note: one at a time, in seq order: a receiver sees an agency's steps in the order they were taken.
      for (const row of due) {
        // Note: a delivery cancelled since it was claimed (an earlier one of this batch disabled its endpoint) is not sent.
        if (!(await this.stillMine(row))) continue;
        const outcome = await this.attempt(row);
        await recordAttempt(this.db, row, this.instance, outcome, this.policy, this.now()).catch(error => console.error("outbound", row.id, error));
      }
      if (due.length < 20) return;
    }
  }

  private async stillMine(row: DeliveryRow): Promise<boolean> {
    const [current] = await this.db.read(manager => manager.query(`SELECT status, leased_by FROM delivery WHERE id = ${p(manager, 1)}`, [row.id]));
    return current?.status === "PENDING" && current.leased_by === this.instance;
  }

  private async attempt(row: DeliveryRow): Promise<AttemptOutcome> {
    try {
      if (row.channel === "EMAIL") return await sendEmail(this.db, row);
      return await this.post(row);
    } catch (error) {
      return { ok: false, responseCode: null, error: error instanceof Error ? error.message : String(error) };
    }
  }

  private async post(row: DeliveryRow): Promise<AttemptOutcome> {
    const secret = await this.db.read(
      async manager => (await manager.query(`SELECT secret FROM webhook_endpoint WHERE id = ${p(manager, 1)}`, [row.target]))[0]?.secret,
    );
    if (!secret) return { ok: false, responseCode: null, error: "The endpoint was removed." };
    const timestamp = Math.floor(this.now().getTime() / 1000);
    const response = await fetch(row.recipient, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Gongkai-Webhook/1",
        [WEBHOOK_HEADERS.id]: String(row.id),
        [WEBHOOK_HEADERS.event]: row.event,
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.signature]: signWebhook(secret, timestamp, row.body),
      },
      body: row.body,
      redirect: "manual",
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    await response.arrayBuffer().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    return { ok, responseCode: response.status, error: ok ? null : `HTTP ${response.status}` };
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.records?.return();
    await this.running?.catch(() => undefined);
    await this.sending?.catch(() => undefined);
  }
}

function withoutUndefined(options: OutboundOptions): Partial<DeliveryPolicy> {
  const keys = ["maxAttempts", "baseDelayMs", "maxDelayMs", "disableAfter", "leaseMs"] as const;
  return Object.fromEntries(keys.filter(key => options[key] !== undefined).map(key => [key, options[key]]));
}
