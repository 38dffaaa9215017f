import type { Database } from "../db";
import { placeholder } from "../services/access";
import { loadParticipants } from "../services/participants";
import type { Role } from "../workflow";
import type { StreamRecord } from "./event-stream";

/** Why something is in a user's inbox. */
export type InboxKind = "WAITING" | "REJECTED" | "PUBLISHED" | "SCHEDULE_REFUSED" | "OVERDUE";

/** One inbox entry: a report now waits for an action the user may take, or the user's report was decided. */
export interface InboxEntry {
  seq: number;
  at: string;
  reportId: number;
  agencyId: number;
  kind: InboxKind;
  /** For WAITING: the step the user may take next. */
  action: string | null;
  reason: string | null;
  by: string;
  userIds: number[];
}

/** Who acts next after each step: the role of the report's agency that holds the next step. */
const NEXT: Record<string, { role: Role; action: string }> = {
  "report.workflow.submit": { role: "SECRECY_REVIEWER", action: "CLEAR_SECRECY" },
  "report.workflow.clear_secrecy": { role: "LEADER", action: "SIGN_OFF" },
  "report.workflow.sign_off": { role: "PUBLISHER", action: "PUBLISH" },
};

const DECIDED: Record<string, InboxKind> = {
  "report.workflow.reject": "REJECTED",
  "report.workflow.publish": "PUBLISHED",
  "report.schedule.refused": "SCHEDULE_REFUSED",
  "report.overdue": "OVERDUE",
};

/**
 * The people a record concerns, worked out once per record in this process (every inbox subscriber and the
 * notification writer ask the same question): the active users of the agency holding the next step's role,
 * or — for a rejection, publication or passed deadline — those who edited or submitted the revision; for a
 * refused scheduled publication, the publisher who scheduled it. Never the actor.
 */
export class InboxRecipients {
  private readonly cache = new Map<number, Promise<InboxEntry | null>>();

  constructor(private readonly db: Database) {}

  entryOf(record: StreamRecord): Promise<InboxEntry | null> {
    if (record.reportId === null || record.agencyId === null || !(NEXT[record.action] || DECIDED[record.action])) {
      return Promise.resolve(null);
    }
    let entry = this.cache.get(record.seq);
    if (!entry) {
      entry = this.compute(record);
      this.cache.set(record.seq, entry);
      if (this.cache.size > 1000) this.cache.delete(this.cache.keys().next().value as number);
    }
    return entry;
  }

  private async compute(record: StreamRecord): Promise<InboxEntry | null> {
    const next = NEXT[record.action];
    const reportId = record.reportId!;
    const agencyId = record.agencyId!;
    const userIds = next
      ? await this.holders(agencyId, next.role)
      : record.action === "report.schedule.refused"
        ? [Number(record.diff.scheduledBy)]
        : await this.participants(reportId);
    const entry: InboxEntry = {
      seq: record.seq,
      at: record.at,
      reportId,
      agencyId,
      kind: next ? "WAITING" : DECIDED[record.action],
      action: next?.action ?? null,
      reason: record.diff.reason ?? refusalText(record.diff.reasons),
      by: record.actorName,
      userIds: userIds.filter(id => id !== record.actorId),
    };
    return entry.userIds.length ? entry : null;
  }

  private async holders(agencyId: number, role: Role): Promise<number[]> {
    const rows: Array<{ id: number; roles: string; active: unknown }> = await this.db.read(manager =>
      manager.query(`SELECT id, roles, active FROM app_user WHERE agency_id = ${placeholder(manager, 1)}`, [agencyId]),
    );
    return rows.filter(row => Boolean(row.active) && row.roles.split(",").includes(role)).map(row => Number(row.id));
  }

  private async participants(reportId: number): Promise<number[]> {
    const found = (await this.db.read(manager => loadParticipants(manager, [reportId]))).get(reportId)!;
    return [...new Set([...found.editorIds, ...found.submitterIds])].map(Number);
  }
}

/** A refused schedule's reasons, as one line for the inbox. */
function refusalText(reasons: unknown): string | null {
  return Array.isArray(reasons) ? reasons.map((r: { message: string }) => r.message).join(" ") || null : null;
}
