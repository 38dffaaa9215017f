import type { EntityManager } from "typeorm";
import { placeholder, placeholders } from "../db/placeholder";
import { hydrate, selectList } from "../db/raw-entities";
import type { Write } from "../db/write-batch";
import { ReportEntity, ReportRevisionEntity } from "../entities";
import { reportNotFound } from "./access";

/**
 * The workflow step's writes as plain SQL (issue 14 (d)): the same statement text every time, so SQLite's driver
 * reuses its prepared statement, and no query builder or entity hydration on the one path every step takes. The
 * writes are statements to run together (writeIfSet), not run here.
 */

/** What a step writes on the report row. */
export interface StepRowChange {
  id: number;
  expectedVersion: number;
  state: string;
  workflowSnapshot: string;
  /** Set only when the report is published for the first time. */
  publishedAt?: Date;
}

/**
 * Compare-and-set on the version: `UPDATE … WHERE id = ? AND version = ?`, bumping it (and `updated_at`, as
 * TypeORM's update did); it returns the row's id when the row was at the expected version (and is now one past it).
 */
export function stepRowWrite(manager: EntityManager, change: StepRowChange): Write {
  const p = (n: number) => placeholder(manager, n);
  const params: unknown[] = [change.state, change.workflowSnapshot];
  let published = "";
  if (change.publishedAt) {
    params.push(persistedDate(manager, ReportEntity, change.publishedAt));
    published = `, published_at = ${p(params.length)}`;
  }
  params.push(change.id, change.expectedVersion);
  const n = params.length;
  return {
    sql: `UPDATE report SET state = ${p(1)}, workflow_snapshot = ${p(2)}, version = version + 1, updated_at = CURRENT_TIMESTAMP${published}
     WHERE id = ${p(n - 1)} AND version = ${p(n)} RETURNING id`,
    params,
  };
}

/** A `published_at` as its column stores it (SQLite: TypeORM's UTC text; PostgreSQL: the Date itself). */
function persistedDate(manager: EntityManager, entity: typeof ReportEntity | typeof ReportRevisionEntity, date: Date): unknown {
  const column = manager.connection.getMetadata(entity).findColumnWithPropertyName("publishedAt")!;
  return manager.connection.driver.preparePersistentValue(date, column);
}

/** One immutable revision cut by a step; created_at takes the column's default, as TypeORM's insert did. */
export interface RevisionRow {
  reportId: number;
  revision: number;
  kind: string;
  content: string;
  contentHash: string;
  createdBy: number;
  correctionReason: string | null;
  publishedAt?: Date;
  source?: string;
}

export function revisionWrite(manager: EntityManager, row: RevisionRow): Write {
  const publishedAt = row.publishedAt ? persistedDate(manager, ReportRevisionEntity, row.publishedAt) : null;
  const values = [
    row.reportId,
    row.revision,
    row.kind,
    row.content,
    row.contentHash,
    row.createdBy,
    row.correctionReason ?? null,
    publishedAt,
    row.source ?? null,
  ];
  return {
    sql: `INSERT INTO report_revision (report_id, revision, kind, content, content_hash, created_by, correction_reason, published_at, source)
     VALUES (${placeholders(manager, values.length)})`,
    params: values,
  };
}

/** One row of workflow_event; created_at takes the column's default, as TypeORM's insert did. */
export interface WorkflowEventRow {
  reportId: number;
  actorId: number;
  actorRole: string;
  event: string;
  fromState: string;
  toState: string;
  reason: string | null;
  contentHash: string;
  version: number;
}

export function workflowEventWrite(manager: EntityManager, row: WorkflowEventRow): Write {
  const values = [row.reportId, row.actorId, row.actorRole, row.event, row.fromState, row.toState, row.reason, row.contentHash, row.version];
  return {
    sql: `INSERT INTO workflow_event (report_id, actor_id, actor_role, event, from_state, to_state, reason, content_hash, version)
     VALUES (${placeholders(manager, values.length)})`,
    params: values,
  };
}

/** The few columns of a report the step's guards read besides the report itself (last year's, for validation). */
export interface ReportKey {
  id: number;
  version: number;
  year: number;
  formatId: string;
}

/** The agency's report of a year, or null: one indexed lookup (uq_report_agency_year), no entity. */
export async function findReportKey(manager: EntityManager, agencyId: number, year: number): Promise<ReportKey | null> {
  const rows = await manager.query<Array<{ id: number | string; version: number | string; year: number | string; format_id: string }>>(
    `SELECT id, version, year, format_id FROM report WHERE agency_id = ${placeholder(manager, 1)} AND year = ${placeholder(manager, 2)}`,
    [agencyId, year],
  );
  const row = rows[0];
  return row ? { id: Number(row.id), version: Number(row.version), year: Number(row.year), formatId: row.format_id } : null;
}

/** A report loaded for a workflow step, with the key of its agency's report of the year before (or null). */
export interface StepReport {
  report: ReportEntity;
  previous: ReportKey | null;
}

/**
 * loadReportOrFail for a step, in one plain statement: the report row (locked on PostgreSQL, as there) and the key
 * of last year's report the guards validate against, which findReportKey would fetch in a second round trip.
 */
export async function loadStepReport(manager: EntityManager, reportId: number): Promise<StepReport> {
  const found = await selectStepReport(manager, reportId, manager.connection.driver.options.type === "postgres");
  if (!found) throw reportNotFound();
  return found;
}

/** The report and last year's key, or null when no report has this id; `lock`: FOR UPDATE of the report's row. */
export async function selectStepReport(manager: EntityManager, reportId: number, lock: boolean): Promise<StepReport | null> {
  const rows = await manager.query<Array<Record<string, unknown>>>(
    `SELECT ${selectList(manager, ReportEntity, "r")}, p.id AS previous_id, p.version AS previous_version, p.format_id AS previous_format_id
     FROM report r LEFT JOIN report p ON p.agency_id = r.agency_id AND p.year = r.year - 1 WHERE r.id = ${placeholder(manager, 1)}${lock ? " FOR UPDATE OF r" : ""}`,
    [reportId],
  );
  if (!rows.length) return null;
  const [report] = hydrate(manager, ReportEntity, rows);
  const row = rows[0];
  const previous =
    row.previous_id === null || row.previous_id === undefined
      ? null
      : { id: Number(row.previous_id), version: Number(row.previous_version), year: report.year - 1, formatId: String(row.previous_format_id) };
  return { report, previous };
}
