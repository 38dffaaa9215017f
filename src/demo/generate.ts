import type { ChainHead } from "../audit/append-batch";
import { AgencyEntity, AuditEventEntity } from "../entities";
import type { Services } from "../services";
import type { ReportContent } from "../services/report-store";
import { ROLES } from "../workflow";
import type { AgencyRecord } from "./generate-agencies";
import { planAgencies } from "./generate-agencies";
import { generateContent } from "./generate-content";
import type { BreakKind, CarryState } from "./generate-content";
import { checkOptions, planGeneration } from "./generate-plan";
import type { GenerateOptions, GenerationPlan } from "./generate-plan";
import { Rng } from "./generate-rng";
import { buildReport } from "./generate-simulate";
import type { BuiltReport } from "./generate-simulate";
import { appendAudit, readChainHead, writeAgencies, writeReports } from "./generate-write";

export type { GenerateOptions } from "./generate-plan";

export interface GeneratedReportInfo {
  id: number;
  agencyId: number;
  year: number;
  state: string;
  broken: BreakKind | null;
}

export interface GenerateSummary {
  /** Agency codes start with it: `<prefix>-p` is the top supervising office. */
  prefix: string;
  topAgencyCode: string;
  agencies: number;
  users: number;
  reports: GeneratedReportInfo[];
  byState: Record<string, number>;
  /** Reports first published after their agency's own 第四十九条 deadline. */
  publishedLate: number;
  auditAppended: number;
  auditTotal: number;
  head: ChainHead;
  seconds: number;
}

/** What runs on from one year to the next: each agency's carried figures and last report, and the draws. */
interface Progress {
  plan: GenerationPlan;
  agencies: AgencyRecord[];
  contentRng: Rng;
  timeRng: Rng;
  carry: Map<number, CarryState>;
  previous: Map<number, ReportContent>;
  reports: GeneratedReportInfo[];
  publishedLate: number;
  appended: number;
  head: ChainHead;
  log: (line: string) => void;
}

/**
 * Generates a realistic province of agencies with users, reports of both
 * formats whose tables add up (except a chosen share), and their workflow
 * histories and audit trail, written in batches straight into the database:
 * one transaction per few thousand rows, multi-row INSERTs, and the audit
 * chain extended in batches under its lock (see appendAuditBatch).
 * Plan (generate-plan), then per report simulate through the real machine (generate-simulate), then write (generate-write).
 */
export async function generateDemoData(services: Services, options: GenerateOptions): Promise<GenerateSummary> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const seed = options.seed ?? 1;
  const now = (options.now ?? new Date()).getTime();
  checkOptions(options, now);
  const db = services.db;
  const prefix = `gen${seed}`;
  if (await db.read(m => m.existsBy(AgencyEntity, { code: `${prefix}-p` }))) {
    throw new Error(`Agencies ${prefix}-… exist already: seed ${seed} was generated into this database; use another --seed or a fresh database.`);
  }
  const rng = new Rng(seed);
  const planned = planAgencies(options.agencies, prefix, rng.fork(1));
  const planRng = rng.fork(2);
  const existing = await db.read(m => m.count(AuditEventEntity));
  const plan = planGeneration(options, now, planned.length, existing, planRng);
  log(
    `Planned ${planned.length} agencies, ${plan.reports.length} reports (${plan.years[0]}–${plan.years.at(-1)}), ` +
      `${plan.natural} natural audit records + ${plan.padding} padding.`,
  );
  const agencies = await writeAgencies(db, planned, plan.setupAt, rng.fork(3));
  const head = await readChainHead(db);
  log(`Wrote ${agencies.length} agencies and ${agencies.length * ROLES.length} users.`);
  const progress: Progress = {
    plan,
    agencies,
    contentRng: rng.fork(4),
    timeRng: rng.fork(5),
    carry: new Map(),
    previous: new Map(),
    reports: [],
    publishedLate: 0,
    appended: 0,
    head,
    log,
  };
  for (const year of plan.years) await generateYear(services.db, progress, year);
  await settleBulkLoad(db);
  return summarize(progress, prefix, started);
}

/** The tables the generator fills, by far the largest of a database it has written to. */
const GENERATED_TABLES = ["audit_event", "report", "report_cell", "report_section", "report_channel", "report_revision", "workflow_event"];

/**
 * PostgreSQL after a bulk load: VACUUM (ANALYZE) the tables written — what autovacuum does some minutes later. Until
 * then the planner has no statistics, and every first read of a row sets its hint bits (a write) and finds no
 * visibility map: the participants' lookup, a covering index's index-only scan, read and dirtied a heap page per
 * audit record (10 ms a report instead of 1.5 ms at 1,000,000 records). Not in a transaction (VACUUM refuses).
 * SQLite needs nothing: no hint bits, and its planner works without ANALYZE.
 */
async function settleBulkLoad(db: Services["db"]): Promise<void> {
  if (db.engine !== "postgres") return;
  await db.dataSource.query(`VACUUM (ANALYZE) ${GENERATED_TABLES.join(", ")}`);
}

/** One year's reports: built in the agencies' order, written, then their audit records appended in time order. */
async function generateYear(db: Services["db"], progress: Progress, year: number): Promise<void> {
  const planned = progress.plan.reports.filter(report => report.year === year);
  const built: BuiltReport[] = planned.map(report => {
    const agency = progress.agencies[report.agencyIndex];
    const content = generateContent(report.format, year, agency, progress.carry.get(report.agencyIndex), progress.contentRng, report.broken);
    progress.carry.set(report.agencyIndex, content.carry);
    const previous = progress.previous.get(report.agencyIndex);
    progress.previous.set(report.agencyIndex, { format: report.format, year, cells: content.cells, sections: content.sections });
    const window = progress.plan.windows.get(year)!;
    return buildReport({ agency, year, format: report.format, content, previous, plan: report.plan, padding: report.padding, window, rng: progress.timeRng });
  });
  progress.publishedLate += built.filter(report => report.late).length;
  const ids = await writeReports(db, built);
  built.forEach((report, index) => {
    progress.reports.push({ id: ids[index], agencyId: report.agency.id, year, state: report.state, broken: report.broken });
  });
  const drafts = built
    .flatMap((report, index) => report.audit.map(record => ({ ...record, reportId: ids[index] })))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  progress.head = (await appendAudit(db, drafts)) ?? progress.head;
  progress.appended += drafts.length;
  progress.log(`${year} (${built[0].format.id}): ${built.length} reports, ${drafts.length} audit records; chain head ${progress.head.seq}.`);
}

function summarize(progress: Progress, prefix: string, started: number): GenerateSummary {
  const { agencies, reports, head } = progress;
  const byState: Record<string, number> = {};
  for (const report of reports) byState[report.state] = (byState[report.state] ?? 0) + 1;
  return {
    prefix,
    topAgencyCode: `${prefix}-p`,
    agencies: agencies.length,
    users: agencies.length * ROLES.length,
    reports,
    byState,
    publishedLate: progress.publishedLate,
    auditAppended: progress.appended + agencies.length * (1 + ROLES.length),
    auditTotal: head.seq,
    head,
    seconds: (Date.now() - started) / 1000,
  };
}
