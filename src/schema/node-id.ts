/**
 * Opaque global ids (GitHub/Relay style): base64url of "<Type>:<database id>".
 * Clients must not build them; they come from queries.
 */
export type NodeType = "Agency" | "Report" | "ReportRevision" | "User" | "AuditEvent" | "WorkflowStep" | "Notification" | "WebhookEndpoint" | "WebhookDelivery";

/** The types node(id) resolves; the others have ids but are read only through their owner's list. */
const NODE_TYPES = ["Agency", "Report", "ReportRevision", "User", "AuditEvent", "WorkflowStep"] as const satisfies readonly NodeType[];

export type ResolvableNodeType = (typeof NODE_TYPES)[number];

/** The type and database id inside a canonical global id of a type node(id) resolves, or null. */
export function parseGlobalId(globalId: string): { type: ResolvableNodeType; id: number } | null {
  for (const type of NODE_TYPES) {
    const id = fromGlobalId(type, globalId);
    if (id !== null) return { type, id };
  }
  return null;
}

export function toGlobalId(type: NodeType, id: number): string {
  return Buffer.from(`${type}:${id}`).toString("base64url");
}

/**
 * The database id inside a global id of the expected type, or null. Only the canonical form is accepted —
 * exactly what toGlobalId writes — so one report has one id: "Report:0x3", "Report:3.0", "Report:1e0",
 * "Report: 3", padded or re-encoded variants are not report 3.
 */
export function fromGlobalId(type: NodeType, globalId: string): number | null {
  const decoded = Buffer.from(globalId, "base64url").toString("utf8");
  const match = /^([A-Za-z]+):([1-9][0-9]{0,15})$/.exec(decoded);
  if (!match || match[1] !== type) return null;
  const id = Number(match[2]);
  return Number.isSafeInteger(id) && toGlobalId(type, id) === globalId ? id : null;
}
