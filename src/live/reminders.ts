import type { EntityManager } from "typeorm";
import { appendAudit } from "../audit/append";
import { SYSTEM_ACTOR } from "../auth/actor";
import type { Database } from "../db";
import { placeholder as p } from "../db/placeholder";
import { DEFAULT_REMINDER_TIMES, chineseDueDate, dueDate, reminderSchedule } from "../workflow/deadline";
import type { AgencyClass, ReminderKind, ReminderTimes } from "../workflow/deadline";
import { returned } from "./delivery-store";

export interface ReminderOptions {
  times?: ReminderTimes;
  /** How often reports are checked (default 10 minutes). */
  everyMs?: number;
  /** The clock (tests inject one). */
  now?: () => Date;
  instance?: string;
}

interface OpenReport {
  id: number;
  year: number;
  agencyId: number;
  agency: AgencyClass;
}

/**
 * Deadline reminders: each unpublished report whose reminder is current (between its time and the next one's)
 * gets it once. "Once" across instances is the primary key (report_id, kind) of report_reminder: the reminder's
 * row and its audit record are written in one transaction, and an instance whose insert finds the row already
 * there writes nothing. The audit record is the fact; notifications, e-mail and webhooks are derived from it.
 */
export class DeadlineReminders {
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<number> | null = null;
  private readonly times: ReminderTimes;
  private readonly now: () => Date;

  constructor(
    private readonly db: Database,
    private readonly options: ReminderOptions = {},
  ) {
    this.times = options.times ?? DEFAULT_REMINDER_TIMES;
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    void this.check();
    this.timer = setInterval(() => void this.check(), this.options.everyMs ?? 600_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Sends the reminders due now; returns how many this instance sent. */
  check(): Promise<number> {
    this.checking ??= this.run().finally(() => (this.checking = null));
    return this.checking;
  }

  private async run(): Promise<number> {
    const now = this.now();
    let sent = 0;
    for (const report of await this.openReports(now)) {
      const current = reminderSchedule(report.year, report.agency, this.times).find(r => r.from <= now && now < r.until);
      const remind = current && this.remind(report, current.kind, now).catch(error => (console.error("reminder", report.id, current.kind, error), false));
      if (await remind) sent++;
    }
    return sent;
  }

  /** Reports not yet published whose year's reminders may be current (the year before now's, or two before). */
  private async openReports(now: Date): Promise<OpenReport[]> {
    const year = now.getUTCFullYear();
    const rows: any[] = await this.db.read(manager =>
      manager.query(
        `SELECT r.id, r.year, r.agency_id, a.kind, a.level FROM report r JOIN agency a ON a.id = r.agency_id
         WHERE r.published_at IS NULL AND r.year BETWEEN ${p(manager, 1)} AND ${p(manager, 2)} ORDER BY r.id`,
        [year - 2, year - 1],
      ),
    );
    return rows.map(row => ({
      id: Number(row.id),
      year: Number(row.year),
      agencyId: Number(row.agency_id),
      agency: { kind: row.kind, level: row.level ?? null },
    }));
  }

  private remind(report: OpenReport, kind: ReminderKind, now: Date): Promise<boolean> {
    return this.db.transaction(async manager => {
      if (!(await claim(manager, report.id, kind, now, this.options.instance ?? String(process.pid)))) return false;
      const due = dueDate(report.year, report.agency);
      const reason =
        kind === "OVERDUE"
          ? `已超过公布期限（${chineseDueDate(report.year, report.agency)}）仍未发布`
          : `须于 ${chineseDueDate(report.year, report.agency)} 前公布`;
      await appendAudit(manager, SYSTEM_ACTOR, { action: "report.reminder", agencyId: report.agencyId, reportId: report.id, diff: { kind, due, reason } });
      return true;
    });
  }
}

/** The reminder's row, if this instance is the first to write it (ON CONFLICT DO NOTHING returns no row otherwise). */
async function claim(manager: EntityManager, reportId: number, kind: ReminderKind, now: Date, instance: string): Promise<boolean> {
  const rows = returned(
    await manager.query(
      `INSERT INTO report_reminder (report_id, kind, at, instance) VALUES (${p(manager, 1)}, ${p(manager, 2)}, ${p(manager, 3)}, ${p(manager, 4)})
       ON CONFLICT (report_id, kind) DO NOTHING RETURNING report_id`,
      [reportId, kind, now.toISOString(), instance],
    ),
  );
  return rows.length > 0;
}
