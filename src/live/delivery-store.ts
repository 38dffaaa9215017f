import type { EntityManager } from "typeorm";
import { appendAudit } from "../audit/append";
import { SYSTEM_ACTOR } from "../auth/actor";
import type { Database } from "../db";
import { placeholder as p } from "../db/placeholder";

export type DeliveryChannel = "WEBHOOK" | "EMAIL";
/** PENDING: to be sent (again) at next_attempt_at; DELIVERED; FAILED: gave up; CANCELLED: its endpoint was disabled or removed. */
export type DeliveryStatus = "PENDING" | "DELIVERED" | "FAILED" | "CANCELLED";

export interface DeliveryRow {
  id: number;
  channel: DeliveryChannel;
  target: number;
  agencyId: number;
  seq: number;
  event: string;
  recipient: string;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  responseCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

/** Retry and disabling policy (README, "Outbound delivery"). */
export interface DeliveryPolicy {
  /** Attempts of one delivery before it is FAILED. */
  maxAttempts: number;
  /** Delay before the 2nd attempt; doubled for each further one, at most maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Consecutive failed attempts after which a webhook endpoint is disabled (its ADMINs are notified). */
  disableAfter: number;
  /** How long a claimed delivery is held by the instance sending it. */
  leaseMs: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = { maxAttempts: 8, baseDelayMs: 30_000, maxDelayMs: 6 * 3_600_000, disableAfter: 10, leaseMs: 60_000 };

/** The rows of an INSERT/UPDATE … RETURNING on either engine (TypeORM gives PostgreSQL's UPDATE as [rows, count]). */
export function returned(result: unknown): any[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === "number") return result[0];
  return Array.isArray(result) ? result : [];
}

/** Inserts a delivery unless this target already has one for this record (another instance derived it). */
export async function insertDelivery(
  manager: EntityManager,
  row: { channel: DeliveryChannel; target: number; agencyId: number; seq: number; event: string; recipient: string; body: string; now: string },
): Promise<void> {
  const values = [row.channel, row.target, row.agencyId, row.seq, row.event, row.recipient.slice(0, 500), row.body, "PENDING", row.now, row.now];
  await manager.query(
    `INSERT INTO delivery (channel, target, agency_id, seq, event, recipient, body, status, next_attempt_at, created_at)
     VALUES (${values.map((_v, i) => p(manager, i + 1)).join(", ")}) ON CONFLICT (channel, target, seq) DO NOTHING`,
    values,
  );
}

/** Moves a named stream cursor forward (never back) in the caller's transaction. */
export async function advanceCursor(manager: EntityManager, name: string, seq: number): Promise<void> {
  // Note: one statement (a derived batch's cursor move was two round trips in every batch of both writers).
  await manager.query(
    `INSERT INTO stream_cursor (name, seq) VALUES (${p(manager, 1)}, ${p(manager, 2)})
     ON CONFLICT (name) DO UPDATE SET seq = excluded.seq WHERE stream_cursor.seq < excluded.seq`,
    [name, seq],
  );
}

export async function readCursor(db: Database, name: string): Promise<number | null> {
  const [row] = await db.read(manager => manager.query(`SELECT seq FROM stream_cursor WHERE name = ${p(manager, 1)}`, [name]));
  return row ? Number(row.seq) : null;
}

/**
 * Claims up to `limit` due deliveries for `instance` until the lease ends. The lease is re-checked in the
 * UPDATE itself, so of two instances claiming at once (PostgreSQL re-evaluates a row after the other's commit;
 * SQLite writes one at a time) only one gets each row; a crashed holder's lease runs out.
 */
export async function claimDue(db: Database, instance: string, now: Date, leaseMs: number, limit: number): Promise<DeliveryRow[]> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  // Note: a read first: with nothing due (nearly always) no write transaction is opened — the sender is kicked after every record.
  const due = await db.read(manager =>
    manager.query(
      `SELECT 1 AS due FROM delivery WHERE status = 'PENDING' AND next_attempt_at <= ${p(manager, 1)} AND (lease_until IS NULL OR lease_until < ${p(manager, 2)}) LIMIT 1`,
      [at, at],
    ),
  );
  if (!due.length) return [];
  return db.transaction(async manager => {
    // Note: numbered placeholders, each used once: SQLite's "?" are positional.
    const free = (n: number) => `status = 'PENDING' AND next_attempt_at <= ${p(manager, n)} AND (lease_until IS NULL OR lease_until < ${p(manager, n + 1)})`;
    // Note: PostgreSQL: rows another instance is claiming right now are skipped, not waited for, so two instances
    // claiming at once take different rows (SQLite writes one transaction at a time; it has no SKIP LOCKED).
    const skip = db.engine === "postgres" ? " FOR UPDATE SKIP LOCKED" : "";
    const result = await manager.query(
      `UPDATE delivery SET lease_until = ${p(manager, 1)}, leased_by = ${p(manager, 2)}
       WHERE id IN (SELECT id FROM delivery WHERE ${free(3)} ORDER BY id LIMIT ${p(manager, 5)}${skip}) AND ${free(6)} RETURNING *`,
      [until, instance, at, at, limit, at, at],
    );
    return returned(result)
      .map(toDelivery)
      .sort((a, b) => a.id - b.id);
  });
}

export interface AttemptOutcome {
  ok: boolean;
  responseCode: number | null;
  error: string | null;
}

/**
 * Records an attempt by the lease holder: DELIVERED, or PENDING again after the backoff, or FAILED after the
 * last attempt. For a webhook, the endpoint's run of failures is counted; at `disableAfter` the endpoint is
 * disabled, its waiting deliveries cancelled, and an audit record written — from which its ADMINs are notified.
 */
export async function recordAttempt(
  db: Database,
  row: DeliveryRow,
  instance: string,
  outcome: AttemptOutcome,
  policy: DeliveryPolicy,
  now: Date,
): Promise<void> {
  const attempts = row.attempts + 1;
  const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempts - 1));
  const status: DeliveryStatus = outcome.ok ? "DELIVERED" : attempts >= policy.maxAttempts ? "FAILED" : "PENDING";
  const next = status === "PENDING" ? new Date(now.getTime() + delay).toISOString() : null;
  await db.transaction(async manager => {
    const values = [
      status,
      attempts,
      outcome.responseCode,
      outcome.error?.slice(0, 500) ?? null,
      next,
      outcome.ok ? now.toISOString() : null,
      row.id,
      instance,
    ];
    const updated = returned(
      await manager.query(
        `UPDATE delivery SET status = ${p(manager, 1)}, attempts = ${p(manager, 2)}, response_code = ${p(manager, 3)}, last_error = ${p(manager, 4)},
         next_attempt_at = ${p(manager, 5)}, delivered_at = ${p(manager, 6)}, lease_until = NULL, leased_by = NULL
         WHERE id = ${p(manager, 7)} AND leased_by = ${p(manager, 8)} AND status = 'PENDING' RETURNING id`,
        values,
      ),
    );
    // Note: a holder whose lease ran out and was taken over records nothing (the new holder's attempt counts), nor
    // does one whose delivery was cancelled meanwhile (its endpoint disabled or removed).
    if (!updated.length || row.channel !== "WEBHOOK") return;
    await countEndpointFailure(manager, row, outcome.ok, policy, now);
  });
}

async function countEndpointFailure(manager: EntityManager, row: DeliveryRow, ok: boolean, policy: DeliveryPolicy, now: Date): Promise<void> {
  if (ok) {
    await manager.query(`UPDATE webhook_endpoint SET consecutive_failures = 0 WHERE id = ${p(manager, 1)}`, [row.target]);
    return;
  }
  const [endpoint] = returned(
    await manager.query(
      `UPDATE webhook_endpoint SET consecutive_failures = consecutive_failures + 1 WHERE id = ${p(manager, 1)} RETURNING consecutive_failures, active, url`,
      [row.target],
    ),
  );
  if (!endpoint || !endpoint.active || Number(endpoint.consecutive_failures) < policy.disableAfter) return;
  await manager.query(`UPDATE webhook_endpoint SET active = FALSE, disabled_at = ${p(manager, 1)} WHERE id = ${p(manager, 2)}`, [
    now.toISOString(),
    row.target,
  ]);
  await cancelPending(manager, row.target);
  const reportId = JSON.parse(row.body).report?.databaseId ?? null;
  await appendAudit(manager, SYSTEM_ACTOR, {
    action: "webhook.endpoint.disable",
    agencyId: row.agencyId,
    diff: {
      endpointId: row.target,
      url: endpoint.url,
      consecutiveFailures: Number(endpoint.consecutive_failures),
      reportId,
      reason: `Webhook 连续 ${Number(endpoint.consecutive_failures)} 次投递失败，已停用：${endpoint.url}`,
    },
  });
}

/** Cancels the deliveries still waiting for an endpoint (disabled or removed). */
export async function cancelPending(manager: EntityManager, endpointId: number): Promise<void> {
  await manager.query(
    `UPDATE delivery SET status = 'CANCELLED', next_attempt_at = NULL WHERE channel = 'WEBHOOK' AND target = ${p(manager, 1)} AND status = 'PENDING'`,
    [endpointId],
  );
}

export function toDelivery(row: any): DeliveryRow {
  return {
    id: Number(row.id),
    channel: row.channel,
    target: Number(row.target),
    agencyId: Number(row.agency_id),
    seq: Number(row.seq),
    event: row.event,
    recipient: row.recipient,
    body: row.body,
    status: row.status,
    attempts: Number(row.attempts),
    responseCode: row.response_code == null ? null : Number(row.response_code),
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at,
    deliveredAt: row.delivered_at,
    createdAt: row.created_at,
  };
}
