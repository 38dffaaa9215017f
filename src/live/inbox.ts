import type { Database } from "../db";
import { placeholder } from "../services/access";
import { loadParticipants } from "../services/participants";
import type { Role } from "../workflow";
import type { StreamRecord } from "./event-stream";

/** Why something is in a user's inbox. */
export type InboxKind = "WAITING" | "REJECTED" | "PUBLISHED" | "REMINDER" | "OVERDUE" | "WEBHOOK_DISABLED" | "SCHEDULE_REFUSED";

/** Each kind in Chinese, for people (the console shows it; e-mail subjects say it their own way). */
export const INBOX_KIND_LABELS: Readonly<Record<InboxKind, string>> = {
  WAITING: "待您处理",
  REJECTED: "已退回修改",
  PUBLISHED: "已发布",
  REMINDER: "截止日期临近",
  OVERDUE: "逾期未发布",
  WEBHOOK_DISABLED: "Webhook 端点已停用",
  SCHEDULE_REFUSED: "定时发布未执行",
};

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

/** Records made by the system (outbound delivery): a deadline reminder, an endpoint disabled after failures. */
const SYSTEM_KINDS = new Set(["report.reminder", "webhook.endpoint.disable"]);

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
    if (!mayConcernInbox(record)) return Promise.resolve(null);
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
    const reportId = Number(record.reportId ?? record.diff.reportId);
    const agencyId = record.agencyId!;
    const kind = next ? "WAITING" : (DECIDED[record.action] ?? systemKind(record));
    const userIds = await this.concerned(record, kind, reportId, agencyId);
    const entry: InboxEntry = {
      seq: record.seq,
      at: record.at,
      reportId,
      agencyId,
      kind,
      action: next?.action ?? null,
      reason: record.diff.reason ?? refusalText(record.diff.reasons),
      by: record.actorName,
      userIds: userIds.filter(id => id !== record.actorId),
    };
    return entry.userIds.length ? entry : null;
  }

  /**
   * Who a record concerns: the next step's holders; a decided report's editors and submitters; for a reminder,
   * those and the agency's LEADERs (its DRAFTERs while nobody has edited it); for an overdue report, the
   * AUDITORs of the supervising office; for a disabled webhook endpoint, the agency's ADMINs.
   */
  private async concerned(record: StreamRecord, kind: InboxKind, reportId: number, agencyId: number): Promise<number[]> {
    const next = NEXT[record.action];
    if (next) return this.holders(agencyId, next.role);
    if (kind === "WEBHOOK_DISABLED") return this.holders(agencyId, "ADMIN");
    if (kind === "SCHEDULE_REFUSED") return [Number(record.diff.scheduledBy)];
    // A reminder record of kind OVERDUE goes to the supervising office; the drafters learn of it from `report.overdue`.
    if (kind === "OVERDUE" && record.action === "report.reminder") return this.holders(await this.supervisor(agencyId), "AUDITOR");
    const participants = await this.participants(reportId);
    if (kind !== "REMINDER") return participants;
    const drafters = participants.length ? participants : await this.holders(agencyId, "DRAFTER");
    return [...new Set([...drafters, ...(await this.holders(agencyId, "LEADER"))])];
  }

  /** The supervising office (the parent agency); an agency without one supervises itself. */
  private async supervisor(agencyId: number): Promise<number> {
    const [row] = await this.db.read(manager => manager.query(`SELECT parent_id FROM agency WHERE id = ${placeholder(manager, 1)}`, [agencyId]));
    return row?.parent_id == null ? agencyId : Number(row.parent_id);
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

function systemKind(record: StreamRecord): InboxKind {
  if (record.action === "webhook.endpoint.disable") return "WEBHOOK_DISABLED";
  return record.diff.kind === "OVERDUE" ? "OVERDUE" : "REMINDER";
}

/** A refused schedule's reasons, as one line for the inbox. */
function refusalText(reasons: unknown): string | null {
  return Array.isArray(reasons) ? reasons.map((r: { message: string }) => r.message).join(" ") || null : null;
}

/** Whether a record can put anything in anyone's inbox (a step, a decision or a system fact about a report). */
export function mayConcernInbox(record: StreamRecord): boolean {
  const reportId = record.reportId ?? record.diff.reportId ?? null;
  return reportId !== null && record.agencyId !== null && Boolean(NEXT[record.action] || DECIDED[record.action] || SYSTEM_KINDS.has(record.action));
}
