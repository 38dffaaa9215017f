import type { ApprovalState } from "./approval.types";

const SHANGHAI_DATE = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Given an instant, returns its calendar date in Beijing time as YYYY-MM-DD. */
export function shanghaiDate(instant: Date | string): string {
  const date = typeof instant === "string" ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) {
    throw new RangeError(`Not a valid time: ${String(instant)}`);
  }
  const parts = Object.fromEntries(SHANGHAI_DATE.formatToParts(date).map(p => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** 政府 (a people's government) or 部门 (a department of one, incl. its 办公厅/办公室). */
export const AGENCY_KINDS = ["GOVERNMENT", "DEPARTMENT"] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** Administrative level: 国务院 and its departments, province, city (设区的市), county (县、区), township (乡镇、街道). */
export const AGENCY_LEVELS = ["NATIONAL", "PROVINCIAL", "CITY", "COUNTY", "TOWNSHIP"] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

/** What the deadline depends on. A level of null means not recorded. */
export interface AgencyClass {
  kind: AgencyKind;
  level: AgencyLevel | null;
}

/** One row of 条例 第四十九条: who, by which day of year + 1 (MM-DD), and where the rule comes from. */
export interface DeadlineRule {
  kind: AgencyKind;
  /** Levels this row applies to; absent = every level (and an unrecorded one). */
  levels?: readonly (AgencyLevel | null)[];
  monthDay: string;
  /** Who publishes by then, for messages: "政府部门", "地方人民政府". */
  label: string;
  basis: string;
}

/**
 * The publication deadlines as data, first match wins. Every use of the
 * deadline (due dates, 逾期, statistics, the public pages, reminders, the
 * signing-date check) reads it from here.
 */
export const DEADLINE_RULES: readonly DeadlineRule[] = [
  {
    kind: "GOVERNMENT",
    levels: ["TOWNSHIP"],
    monthDay: "01-31",
    label: "乡镇人民政府",
    basis: "条例第四十九条只为县级以上地方人民政府定了 3 月 31 日；乡镇人民政府按各省通行做法与部门同为 1 月 31 日",
  },
  {
    kind: "GOVERNMENT",
    monthDay: "03-31",
    label: "地方人民政府",
    basis: "条例第四十九条第二款：县级以上地方人民政府的政府信息公开工作主管部门应当在每年 3 月 31 日前向社会公布本级政府上一年度年度报告",
  },
  {
    kind: "DEPARTMENT",
    monthDay: "01-31",
    label: "政府部门",
    basis: "条例第四十九条第一款：县级以上人民政府部门应当在每年 1 月 31 日前向本级政府信息公开工作主管部门提交并向社会公布本部门上一年度年度报告",
  },
];

/** A name ending in 人民政府 is a government; its 办公厅/办公室 and every other agency are departments. */
export function inferAgencyKind(name: string): AgencyKind {
  return name.trim().endsWith("人民政府") ? "GOVERNMENT" : "DEPARTMENT";
}

/** Agencies whose kind was never recorded are held to the departments' date, the earlier one. */
export const DEFAULT_AGENCY_CLASS: AgencyClass = { kind: "DEPARTMENT", level: null };

/** The 第四十九条 row that applies to an agency. */
export function deadlineRule(agency: AgencyClass = DEFAULT_AGENCY_CLASS): DeadlineRule {
  const rule = DEADLINE_RULES.find(candidate => candidate.kind === agency.kind && (!candidate.levels || candidate.levels.includes(agency.level)));
  if (!rule) {
    throw new RangeError(`No deadline for agency kind ${agency.kind}`);
  }
  return rule;
}

/** The report for `year` is due on the agency's 第四十九条 day of the next year (YYYY-MM-DD, Beijing date). */
export function dueDate(year: number, agency: AgencyClass = DEFAULT_AGENCY_CLASS): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9998) {
    throw new RangeError(`Not a report year: ${year}`);
  }
  return `${year + 1}-${deadlineRule(agency).monthDay}`;
}

/** "2025年3月31日", for pages and messages. */
export function chineseDueDate(year: number, agency: AgencyClass = DEFAULT_AGENCY_CLASS): string {
  const [y, m, d] = dueDate(year, agency).split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/** The first instant after the due day, Beijing time (UTC+8): published at or after it is late. */
export function deadlineInstant(year: number, agency: AgencyClass = DEFAULT_AGENCY_CLASS): Date {
  const [y, m, d] = dueDate(year, agency).split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1) - 8 * 3_600_000);
}

/** Where a report stands: its state, and whether any revision was ever published. */
export interface DeadlineProgress {
  state: ApprovalState;
  publishedRevision: number | null;
}

/**
 * Whether the report for `year` is past due at `now` and not published. A report
 * being corrected after publication is not overdue: its earlier revision is public.
 */
export function isOverdue(year: number, progress: ApprovalState | DeadlineProgress, now: Date, agency: AgencyClass = DEFAULT_AGENCY_CLASS): boolean {
  const { state, publishedRevision } = typeof progress === "string" ? { state: progress, publishedRevision: null } : progress;
  const published = state === "published" || publishedRevision !== null;
  return !published && shanghaiDate(now) > dueDate(year, agency);
}

/** Whether a report for `year` published at `publishedAt` came out after its due date. */
export function publishedLate(year: number, publishedAt: Date | string, agency: AgencyClass = DEFAULT_AGENCY_CLASS): boolean {
  return shanghaiDate(publishedAt) > dueDate(year, agency);
}

/** A deadline reminder: REMINDER_1 / REMINDER_2 before the due date, OVERDUE after it. */
export type ReminderKind = "REMINDER_1" | "REMINDER_2" | "OVERDUE";

/** When reminders go out; the defaults give 15 and 25 January and 1 February for the departments' 31 January. */
export interface ReminderTimes {
  /** Days before the due day of the two reminders (default 16 and 6). */
  daysBefore: readonly [number, number];
  /** Beijing hour of day at which they go out (default 9). */
  hour: number;
  /** How long after the deadline an unpublished report is still reported overdue (default 30 days). */
  overdueDays: number;
}

export const DEFAULT_REMINDER_TIMES: ReminderTimes = { daysBefore: [16, 6], hour: 9, overdueDays: 30 };

/**
 * The reminders of the report for `year`, each with the instant it is due and the instant it lapses (the next
 * reminder's): a server that was down sends only the reminder current when it starts, never a backlog.
 */
export function reminderSchedule(
  year: number,
  agency: AgencyClass = DEFAULT_AGENCY_CLASS,
  times: ReminderTimes = DEFAULT_REMINDER_TIMES,
): Array<{ kind: ReminderKind; from: Date; until: Date }> {
  const deadline = deadlineInstant(year, agency).getTime();
  const day = 86_400_000;
  const at = (daysBefore: number) => new Date(deadline - (daysBefore + 1) * day + times.hour * 3_600_000);
  const first = at(times.daysBefore[0]);
  const second = at(times.daysBefore[1]);
  const overdue = new Date(deadline + times.hour * 3_600_000);
  return [
    { kind: "REMINDER_1", from: first, until: second },
    { kind: "REMINDER_2", from: second, until: new Date(deadline) },
    { kind: "OVERDUE", from: overdue, until: new Date(overdue.getTime() + times.overdueDays * day) },
  ];
}
