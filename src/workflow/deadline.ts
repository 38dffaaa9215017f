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

/** The report for `year` is due on 31 January of the next year (YYYY-MM-DD, Beijing date). */
export function dueDate(year: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9998) {
    throw new RangeError(`Not a report year: ${year}`);
  }
  return `${year + 1}-01-31`;
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
export function isOverdue(
  year: number,
  progress: ApprovalState | DeadlineProgress,
  now: Date,
): boolean {
  const { state, publishedRevision } =
    typeof progress === "string" ? { state: progress, publishedRevision: null } : progress;
  const published = state === "published" || publishedRevision !== null;
  return !published && shanghaiDate(now) > dueDate(year);
}

/** Whether a report for `year` published at `publishedAt` came out after its due date. */
export function publishedLate(year: number, publishedAt: Date | string): boolean {
  return shanghaiDate(publishedAt) > dueDate(year);
}
