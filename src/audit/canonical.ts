import { createHash } from "node:crypto";

/** The hash before the first record. */
export const GENESIS_HASH = "0".repeat(64);

/**
 * Canonical JSON: object keys sorted by code point at every depth, arrays in
 * order, no insignificant white space, strings and numbers as JSON.stringify
 * writes them. The README's standalone verifier implements the same rules.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(",")}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** What is hashed: every field of a record but its own hash, previous hash included. */
export interface AuditRecordBody {
  seq: number;
  at: string;
  actorKind: string;
  actorId: number | null;
  actorName: string;
  actorRoles: string | null;
  agencyId: number | null;
  reportId: number | null;
  action: string;
  diff: unknown;
  requestId: string | null;
  clientAddress: string | null;
  prevHash: string;
}

export function recordHash(body: AuditRecordBody): string {
  return createHash("sha256").update(canonicalJson(body), "utf8").digest("hex");
}
