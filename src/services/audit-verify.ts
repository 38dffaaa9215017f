import { AuditKeyError, loadVerifier, verifyAgencyRecords, verifyAuditChain } from "../audit";
import type { CheckpointVerifier, ChainPoint } from "../audit";
import type { Database } from "../db";
import { AgencyEntity } from "../entities";
import type { Actor } from "./actor";
import { auditScope } from "./audit-query";
import { UserErrorCode, problem } from "./errors";

/** Records one verification request may check: ~40 µs each, so well under 100 ms of work. */
export const VERIFY_LIMIT = 2_000;

export interface AuditVerificationView {
  /** GLOBAL: the whole chain; AGENCY: the reader's own agencies' records, checked where they stand in it. */
  scope: "GLOBAL" | "AGENCY";
  ok: boolean;
  total: number;
  checked: number;
  checkedFrom: number | null;
  checkedTo: number | null;
  complete: boolean;
  /** Pass back as `after` to continue; null when complete or broken. */
  cursor: string | null;
  headSeq: number | null;
  headHash: string | null;
  resumedFrom: number | null;
  trusted: string | null;
  notes: string[];
  brokenAt: number | null;
  problem: string | null;
}

export interface VerifyRequest {
  full: boolean;
  after?: string | null;
  limit: number;
}

/**
 * Verification as a reader may ask for it. The whole chain (its count and
 * head included) belongs to whoever may read every agency's records: the
 * operator, or an AUDITOR of the one agency above all others. Any other
 * AUDITOR verifies the records of its own agencies. Either way one request
 * checks at most VERIFY_LIMIT records and hands back a cursor, and requests
 * take turns, so verification never stalls the server.
 */
export async function verifyAuditFor(db: Database, actor: Actor, request: VerifyRequest): Promise<AuditVerificationView> {
  if (!Number.isInteger(request.limit) || request.limit < 1 || request.limit > VERIFY_LIMIT) {
    throw problem(UserErrorCode.INVALID_INPUT, `limit must be between 1 and ${VERIFY_LIMIT}; continue with the returned cursor.`, ["limit"]);
  }
  const agencies = await db.read(async m => {
    const scope = await auditScope(m, actor);
    return scope === null || scope.length >= (await m.count(AgencyEntity)) ? null : scope;
  });
  return oneAtATime(db, () => (agencies === null ? verifyGlobal(db, request) : verifyOwn(db, agencies, request)));
}

async function verifyGlobal(db: Database, request: VerifyRequest): Promise<AuditVerificationView> {
  const after = request.after ? decodeCursor(request.after, "g") : null;
  const { verifier, note } = configuredVerifier();
  const result = await verifyAuditChain(db, { full: request.full, verifier, after, limit: request.limit });
  const more = result.ok && !result.complete;
  return {
    ...result,
    scope: "GLOBAL",
    notes: note ? [note, ...result.notes] : result.notes,
    cursor: more ? encodeCursor(`g:${result.headSeq}:${result.headHash}`) : null,
  };
}

async function verifyOwn(db: Database, agencies: number[], request: VerifyRequest): Promise<AuditVerificationView> {
  const after = request.after ? decodeCursor(request.after, "a").seq : 0;
  const result = await verifyAgencyRecords(db, agencies, { after, limit: request.limit });
  const more = result.ok && !result.complete;
  return {
    ...result,
    scope: "AGENCY",
    cursor: more ? encodeCursor(`a:${result.checkedTo}:`) : null,
    headSeq: null,
    headHash: null,
    resumedFrom: null,
    trusted: after ? `your records up to ${after} were checked by earlier requests` : null,
    notes: [
      "Your agencies' records only, each checked where it stands in the chain; that no record was removed is proved by the global verification of the top agency's auditor.",
    ],
  };
}

function configuredVerifier(): { verifier: CheckpointVerifier | null; note: string | null } {
  try {
    return { verifier: loadVerifier(undefined), note: null };
  } catch (error) {
    if (!(error instanceof AuditKeyError)) throw error;
    return { verifier: null, note: `The audit public key is misconfigured (${error.message}); no checkpoint is trusted.` };
  }
}

const turns = new WeakMap<Database, Promise<unknown>>();

/** Runs verifications of one database one after another. */
function oneAtATime<T>(db: Database, work: () => Promise<T>): Promise<T> {
  const run = (turns.get(db) ?? Promise.resolve()).catch(() => undefined).then(work);
  turns.set(db, run);
  return run;
}

function encodeCursor(value: string): string {
  return Buffer.from(`verify:${value}`).toString("base64url");
}

function decodeCursor(cursor: string, scope: "g" | "a"): ChainPoint {
  const match = /^verify:([ga]):(\d+):([0-9a-f]{64})?$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match || match[1] !== scope || (scope === "g" && !match[3])) {
    throw problem(UserErrorCode.INVALID_INPUT, "The cursor is not valid here; pass a cursor returned by auditVerify for the same reader.", ["after"]);
  }
  return { seq: Number(match[2]), hash: match[3] ?? "" };
}
