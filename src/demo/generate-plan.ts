import { FIRST_REPORT_YEAR, formatForYear } from "../formats";
import type { Format } from "../formats";
import { ROLES } from "../workflow";
import { fillRecordCount } from "./generate-actions";
import { BREAK_KINDS } from "./generate-content";
import type { BreakKind } from "./generate-content";
import { DAY, planReport } from "./generate-history";
import type { ReportPlan } from "./generate-history";
import type { Rng } from "./generate-rng";

export interface GenerateOptions {
  agencies: number;
  fromYear: number;
  toYear: number;
  /** Share of reports whose tables do not add up (they fail a validation rule and stay drafts). Default 0.03. */
  brokenShare?: number;
  /** Pad the audit trail with draft edits until it holds this many records in all. Default: no padding. */
  auditRecords?: number;
  seed?: number;
  /** The present: no record is dated after it. Default: the clock. */
  now?: Date;
  log?: (line: string) => void;
}

const DEFAULT_BROKEN_SHARE = 0.03;

/** When a year's reports are worked on (epoch milliseconds). */
export interface Window {
  start: number;
  end: number;
}

/** One report to generate: the agency (by index into the planned list) and year, its path, and its padding edits. */
export interface PlannedReport {
  agencyIndex: number;
  year: number;
  format: Format;
  plan: ReportPlan;
  broken: BreakKind | null;
  /** Draft edits added to pad the audit trail. */
  padding: number;
}

export interface GenerationPlan {
  years: number[];
  windows: Map<number, Window>;
  /** Year by year, and within a year in the agencies' order. */
  reports: PlannedReport[];
  /** Audit records the agencies, users and report paths make on their own. */
  natural: number;
  /** Draft edits added in all to reach options.auditRecords. */
  padding: number;
  /** When the agencies and users are created: before the first year's work. */
  setupAt: number;
}

export function checkOptions(options: GenerateOptions, now: number): void {
  const thisYear = new Date(now).getUTCFullYear();
  if (!Number.isInteger(options.agencies) || options.agencies < 1) throw new Error("--agencies must be a whole number ≥ 1.");
  if (!Number.isInteger(options.fromYear) || !Number.isInteger(options.toYear) || options.fromYear > options.toYear) {
    throw new Error("--years must be A-B with A ≤ B, e.g. 2020-2024.");
  }
  if (options.fromYear < FIRST_REPORT_YEAR || options.toYear > thisYear) {
    throw new Error(`--years must lie within ${FIRST_REPORT_YEAR}–${thisYear} (reports exist from the first national format up to this year).`);
  }
  const share = options.brokenShare ?? DEFAULT_BROKEN_SHARE;
  if (!(share >= 0 && share <= 1)) throw new Error("--broken-share must be between 0 and 1.");
}

/**
 * Plans every report's path before anything is written, so the padding that brings the audit trail to
 * options.auditRecords is known: `existing` records are in the database already, `agencies` are to be created.
 */
export function planGeneration(options: GenerateOptions, now: number, agencies: number, existing: number, rng: Rng): GenerationPlan {
  const years = range(options.fromYear, options.toYear);
  const windows = yearWindows(years, now);
  const total = agencies * years.length;
  const brokenSlots = chooseBroken(total, options.brokenShare ?? DEFAULT_BROKEN_SHARE, rng);
  const paths: Array<{ plan: ReportPlan; broken: BreakKind | null }> = [];
  for (let slot = 0; slot < total; slot++) {
    const year = years[Math.floor(slot / agencies)];
    const broken = brokenSlots.has(slot) ? rng.pick(BREAK_KINDS) : null;
    paths.push({ plan: planReport(year === options.toYear, broken !== null, rng), broken });
  }
  const reports = paths.map(({ plan, broken }, slot): PlannedReport => {
    const year = years[Math.floor(slot / agencies)];
    return { agencyIndex: slot % agencies, year, format: formatOfYear(year), plan, broken, padding: 0 };
  });
  const natural = agencies * (1 + ROLES.length) + reports.reduce((sum, report) => sum + 1 + fillRecordCount(report.format) + report.plan.path.length, 0);
  const padding = padPerReport(Math.max(0, (options.auditRecords ?? 0) - existing - natural), total, rng);
  reports.forEach((report, slot) => (report.padding = padding.perReport[slot]));
  const setupAt = Math.min(Date.UTC(options.fromYear, 10, 15), windows.get(options.fromYear)!.start - 2 * DAY);
  return { years, windows, reports, natural, padding: padding.sum, setupAt };
}

function formatOfYear(year: number): Format {
  return formatForYear(year)!;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/**
 * When each year's reports are worked on: from 1 December to the next 30
 * September (late publications and corrections included); never after `now`.
 * Windows do not overlap, so the audit trail's times rise with its sequence.
 */
function yearWindows(years: number[], now: number): Map<number, Window> {
  const out = new Map<number, Window>();
  let floor = -Infinity;
  for (const year of years) {
    const end = Math.min(Date.UTC(year + 1, 8, 30), now - 3_600_000);
    const start = Math.max(Math.min(Date.UTC(year, 11, 1), end - 45 * DAY), floor + DAY);
    out.set(year, { start: Math.min(start, end - DAY), end });
    floor = end;
  }
  return out;
}

function chooseBroken(total: number, share: number, rng: Rng): Set<number> {
  const count = Math.min(total, Math.round(total * share));
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(rng.int(0, total - 1));
  return chosen;
}

function padPerReport(padding: number, reports: number, rng: Rng): { perReport: number[]; sum: number } {
  const base = Math.floor(padding / reports);
  const perReport = Array.from({ length: reports }, () => base);
  let rest = padding - base * reports;
  while (rest > 0) {
    const slot = rng.int(0, reports - 1);
    if (perReport[slot] === base) {
      perReport[slot]++;
      rest--;
    }
  }
  return { perReport, sum: padding };
}
