/**
 * Opaque global ids (GitHub/Relay style): base64url of "<Type>:<database id>".
 * Clients must not build them; they come from queries.
 */
export type NodeType = "Agency" | "Report" | "ReportRevision";

export function toGlobalId(type: NodeType, id: number): string {
  return Buffer.from(`${type}:${id}`).toString("base64url");
}

/** The database id inside a global id of the expected type, or null. */
export function fromGlobalId(type: NodeType, globalId: string): number | null {
  const decoded = Buffer.from(globalId, "base64url").toString("utf8");
  const [prefix, raw] = decoded.split(":");
  const id = Number(raw);
  return prefix === type && Number.isSafeInteger(id) && id > 0 ? id : null;
}
