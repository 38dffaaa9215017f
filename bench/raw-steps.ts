import { GENESIS_HASH, canonicalJson, recordHash } from "../src/audit/canonical";
import type { AuditRecordBody } from "../src/audit/canonical";
import { canonicalContent, contentHash } from "../src/services/content-hash";
import { startWorkflow } from "../src/workflow";
import type { RawReports, ReportRow } from "./raw-report";
import type { Sql } from "./sql";

/** A workflow step as the bench sends it (SUBMIT: draft → secrecyReview; WITHDRAW: back). */
export interface StepRequest {
  type: "SUBMIT" | "WITHDRAW";
  reportId: number;
  expectedVersion: number;
  /** Who steps (the token's subject and name, read without verifying: the ceiling does not authenticate). */
  actor: { id: number; name: string };
}

export type StepAnswer = { state: string; version: number } | { code: "CONFLICT" | "STEP_NOT_ALLOWED" };

const MOVES = { SUBMIT: { from: "draft", to: "secrecyReview" }, WITHDRAW: { from: "secrecyReview", to: "draft" } } as const;

/**
 * The ceiling of (d): one workflow step in plain SQL through the engine's driver — the report row, its version
 * check, the SUBMIT guard from the cached validation, the state and version update, the workflow event, the
 * revision snapshot on SUBMIT and the hash-chained audit record, all in one transaction. It does not run the XState
 * machine nor authenticate, so it is an upper bound of what the server's step can do.
 */
export async function rawStep(sql: Sql, reports: RawReports, step: StepRequest, chain: ChainMemo = {}): Promise<StepAnswer> {
  // Note: a group holds the lock from its start (stepCommitter), as the server's group commit does.
  if (sql.engine === "postgres" && !chain.locked) await sql.get("SELECT pg_advisory_xact_lock(?)", [0x6a6b_6169]);
  const forUpdate = sql.engine === "postgres" ? " FOR UPDATE" : "";
  const row = await sql.get<ReportRow & { workflow_snapshot: string | null }>(
    `SELECT id, agency_id, year, format_id, title, state, version, workflow_snapshot FROM report WHERE id = ?${forUpdate}`,
    [step.reportId],
  );
  if (!row || Number(row.version) !== step.expectedVersion) return { code: "CONFLICT" };
  const move = MOVES[step.type];
  // Note: on PostgreSQL read and validated before the step joined its group (stepCommitter): a cache hit here.
  const { workflow_snapshot: _snapshot, ...key } = row;
  const checked = await reports.checked({ ...key, id: Number(key.id), agency_id: Number(key.agency_id), year: Number(key.year), version: Number(key.version) });
  if (row.state !== move.from || (step.type === "SUBMIT" && checked.violations.some(v => v.severity === "ERROR"))) return { code: "STEP_NOT_ALLOWED" };
  const content = checked.content as Parameters<typeof contentHash>[1];
  const hash = contentHash(row.title, content);
  const version = step.expectedVersion + 1;
  const at = new Date().toISOString();
  const snapshot = nextSnapshot(row.workflow_snapshot, step, move.to, hash, at);
  await sql.all(`UPDATE report SET state = ?, version = ?, workflow_snapshot = ?, updated_at = CURRENT_TIMESTAMP WHERE id = ? AND version = ?`, [
    move.to,
    version,
    snapshot,
    step.reportId,
    step.expectedVersion,
  ]);
  await sql.all(
    `INSERT INTO workflow_event (report_id, actor_id, actor_role, event, from_state, to_state, reason, content_hash, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [step.reportId, step.actor.id, "DRAFTER", step.type, move.from, move.to, null, hash, version],
  );
  if (step.type === "SUBMIT") {
    await sql.all(
      `INSERT INTO report_revision (report_id, revision, kind, content, content_hash, created_by, correction_reason) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [step.reportId, 1, "submitted", canonicalContent(row.title, content), hash, step.actor.id, null],
    );
  }
  await appendRawAudit(sql, chain, step.actor, at, {
    reportId: step.reportId,
    agencyId: Number(row.agency_id),
    action: `report.workflow.${step.type.toLowerCase()}`,
    diff: { state: { before: move.from, after: move.to }, version: { before: step.expectedVersion, after: version }, reason: null, contentHash: hash },
  });
  return { state: move.to, version };
}

/**
 * The machine's snapshot after the step, written as the machine writes it (SUBMIT records the submitter, the time and
 * the content hash; WITHDRAW only moves back): the ceiling skips evaluating the machine, not what it stores.
 */
function nextSnapshot(stored: string | null, step: StepRequest, to: string, hash: string, at: string): string {
  const persisted = (stored ? JSON.parse(stored) : startWorkflow()) as { snapshot: { value: string; context: Record<string, unknown> } };
  persisted.snapshot.value = to;
  if (step.type === "SUBMIT")
    Object.assign(persisted.snapshot.context, { submitterId: String(step.actor.id), lastSubmittedAt: at, submittedContentHash: hash });
  return JSON.stringify(persisted);
}

/**
 * What a group of steps knows while it holds the chain's lock on PostgreSQL (the server's GroupMemo): the lock is
 * held, and the head after its last append. Forgotten when a step rolls back.
 */
export interface ChainMemo {
  locked?: boolean;
  head?: { seq: number; hash: string };
}

async function appendRawAudit(
  sql: Sql,
  chain: ChainMemo,
  actor: StepRequest["actor"],
  at: string,
  entry: { reportId: number; agencyId: number; action: string; diff: Record<string, unknown> },
): Promise<void> {
  const head = chain.head ?? (await sql.get<{ seq: number; hash: string }>("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1"));
  const body: AuditRecordBody = {
    seq: Number(head?.seq ?? 0) + 1,
    at,
    actorKind: "user",
    actorId: actor.id,
    actorName: actor.name,
    actorRoles: "DRAFTER",
    agencyId: entry.agencyId,
    reportId: entry.reportId,
    action: entry.action,
    diff: JSON.parse(canonicalJson(entry.diff)) as Record<string, unknown>,
    requestId: null,
    clientAddress: null,
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  const hash = recordHash(body);
  await sql.all(
    `INSERT INTO audit_event (seq, at, actor_kind, actor_id, actor_name, actor_roles, agency_id, report_id, action, diff, request_id, client_address, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      body.seq,
      body.at,
      body.actorKind,
      body.actorId,
      body.actorName,
      body.actorRoles,
      body.agencyId,
      body.reportId,
      body.action,
      canonicalJson(body.diff),
      null,
      null,
      body.prevHash,
      hash,
    ],
  );
  if (chain.locked) chain.head = { seq: body.seq, hash };
}

/**
 * The steps that arrived while the previous group was committing commit together (one transaction, a SAVEPOINT
 * each, one COMMIT), as the server's group commit does on both engines. On PostgreSQL this also keeps one
 * transaction at a time waiting for the chain's advisory lock, so the reads beside it always find a free connection; and
 * each step's content is read and validated before it joins a group (as the server's warmWorkflowFacts), not in it.
 */
export function stepCommitter(sql: Sql, reports: RawReports): (step: StepRequest) => Promise<StepAnswer> {
  let busy: Promise<void> = Promise.resolve();
  let group: Array<{ step: StepRequest; resolve(answer: StepAnswer): void; reject(error: unknown): void }> = [];
  const flush = async () => {
    const units = group;
    group = [];
    const answers: Array<StepAnswer | Error> = [];
    try {
      await sql.transaction(async inner => {
        const chain: ChainMemo = {};
        if (sql.engine === "postgres") {
          await inner.get("SELECT pg_advisory_xact_lock(?)", [0x6a6b_6169]);
          chain.locked = true;
        }
        for (const unit of units) {
          await inner.all("SAVEPOINT step");
          try {
            answers.push(await rawStep(inner, reports, unit.step, chain));
            await inner.all("RELEASE step");
          } catch (error) {
            chain.head = undefined;
            await inner.all("ROLLBACK TO step");
            await inner.all("RELEASE step");
            answers.push(error as Error);
          }
        }
      });
      units.forEach((unit, i) => {
        const answer = answers[i];
        if (answer instanceof Error) return unit.reject(answer);
        if ("version" in answer) reports.carryForward(unit.step.reportId, unit.step.expectedVersion, answer);
        unit.resolve(answer);
      });
    } catch (error) {
      units.forEach(unit => unit.reject(error));
    }
  };
  return async step => {
    // Note: PostgreSQL only: its reads run on other connections beside the group; on SQLite (one thread, synchronous)
    // the extra statement made the ceiling lower (417 / 351 / 409 steps/s in the group, 376 / 346 / 315 before it).
    if (sql.engine === "postgres") {
      const found = await reports.withPrevious(step.reportId);
      if (found.row) await reports.checked(found.row, found.last);
    }
    return new Promise((resolve, reject) => {
      if (group.length === 0) busy = busy.then(() => new Promise(next => setImmediate(next))).then(flush);
      group.push({ step, resolve, reject });
    });
  };
}
