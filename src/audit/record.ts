import type { AuditEventEntity } from "../entities";
import type { AuditRecordBody } from "./canonical";

/** Rebuilds the hashed body of a stored record; throws when its diff is no longer JSON. */
export function recordBody(row: AuditEventEntity): AuditRecordBody {
  return {
    seq: Number(row.seq),
    at: row.at,
    actorKind: row.actorKind,
    actorId: row.actorId === null ? null : Number(row.actorId),
    actorName: row.actorName,
    actorRoles: row.actorRoles,
    agencyId: row.agencyId === null ? null : Number(row.agencyId),
    reportId: row.reportId === null ? null : Number(row.reportId),
    action: row.action,
    diff: JSON.parse(row.diff),
    requestId: row.requestId,
    clientAddress: row.clientAddress,
    prevHash: row.prevHash,
  };
}
