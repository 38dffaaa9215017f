import type { EntityManager } from "typeorm";
import { yieldToEventLoop } from "../db/deadline";
import { ReportCellEntity, ReportEntity, ReportSectionEntity } from "../entities";
import { cellKey, fromStoredColumn, getFormat, toStoredValue } from "../formats";
import type { Format, FormatId } from "../formats";
import type { ReportContent } from "../formats/report-content";
import { isEditable } from "../workflow";
import type { CheckedCell } from "./cell-input";
import { UserErrorCode, problem } from "./errors";

/** A stored report's content (formats/report-content.ts), as the API serves it and the checks read it. */
export type { ReportContent };

export function formatOf(report: Pick<ReportEntity, "formatId">): Format {
  return getFormat(report.formatId as FormatId);
}

/**
 * Loads a report for a change, taking its row lock first (PostgreSQL: SELECT … FOR UPDATE), so writers of one
 * report queue behind each other instead of locking cells in different orders and deadlocking, and the version
 * read here is the one the compare-and-set will see. SQLite needs no row lock: BEGIN IMMEDIATE already holds
 * the database's write lock.
 */
export async function loadReportOrFail(manager: EntityManager, reportId: number): Promise<ReportEntity> {
  const locking = manager.connection.driver.options.type === "postgres" ? { lock: { mode: "pessimistic_write" as const } } : {};
  const report = await manager.findOne(ReportEntity, { where: { id: reportId }, ...locking });
  if (!report) {
    throw problem(UserErrorCode.NOT_FOUND, "No report has this id; query reports to find it.", ["input", "reportId"]);
  }
  return report;
}

/** Content may change only while the report is a draft. */
export function assertEditable(report: ReportEntity): void {
  if (!isEditable(report.state)) {
    throw problem(
      UserErrorCode.REPORT_LOCKED,
      `The report is in state ${report.state} and cannot be edited; only drafts can change (withdraw or reject it back to draft first).`,
    );
  }
}

/**
 * Compare-and-set on the version: `UPDATE … WHERE id = ? AND version = ?`.
 * TypeORM's version column alone does not stop lost updates.
 */
export async function bumpVersion(manager: EntityManager, report: ReportEntity, expectedVersion?: number | null, lastEditorId?: number) {
  const expected = expectedVersion ?? report.version;
  const edited = lastEditorId === undefined ? {} : { lastEditorId };
  const result = await manager
    .createQueryBuilder()
    .update(ReportEntity)
    .set({ version: () => "version + 1", updatedAt: () => "CURRENT_TIMESTAMP", ...edited })
    .where("id = :id AND version = :expected", { id: report.id, expected })
    .execute();
  if (result.affected !== 1) {
    throw staleVersion(expected, await manager.findOneBy(ReportEntity, { id: report.id }));
  }
  report.version = expected + 1;
  Object.assign(report, edited);
}

export function staleVersion(expected: number, current: ReportEntity | null) {
  return problem(
    UserErrorCode.CONFLICT,
    `The report changed meanwhile (you had version ${expected}, it is now version ${current?.version}, state ${current?.state}); reload it and try again.`,
    ["input", "expectedVersion"],
  );
}

export async function writeCells(manager: EntityManager, reportId: number, cells: CheckedCell[]): Promise<void> {
  const rows = cells.map(({ cell, value }) =>
    manager.create(ReportCellEntity, {
      reportId,
      tableId: cell.table.id,
      rowId: cell.row.id,
      colId: cell.column.id,
      value: value === null ? null : toStoredValue(cell, value),
    }),
  );
  for (let start = 0; start < rows.length; start += 100) {
    await manager.upsert(ReportCellEntity, rows.slice(start, start + 100), ["reportId", "tableId", "rowId", "colId"]);
  }
}

export async function writeSection(manager: EntityManager, reportId: number, sectionId: string, body: string) {
  await manager.upsert(ReportSectionEntity, { reportId, sectionId, body }, ["reportId", "sectionId"]);
}

/** Loads the content of many reports: one statement per 25 reports, their cells, sections and channels together. */
export async function loadContents(
  manager: EntityManager,
  reports: ReadonlyArray<Pick<ReportEntity, "id" | "year" | "formatId">>,
): Promise<Map<number, ReportContent>> {
  const contents = blankContents(reports);
  const ids = reports.map(report => report.id);
  // Note: SQLite answers synchronously; a statement per 25 reports (~5,000 cells), each read into the contents
  // before a turn of the event loop, keeps a 100-report page from blocking other requests for one long stretch.
  for (let start = 0; start < ids.length; start += CELL_QUERY_REPORTS) {
    if (start > 0) await yieldToEventLoop();
    await loadContentRows(manager, ids.slice(start, start + CELL_QUERY_REPORTS), contents);
  }
  return contents;
}

/** Each report's content with every cell of its format blank, no sections and no channels: what rows fill in. */
export function blankContents(reports: ReadonlyArray<Pick<ReportEntity, "id" | "year" | "formatId">>): Map<number, ReportContent> {
  const contents = new Map<number, ReportContent>();
  for (const report of reports) {
    const format = formatOf(report);
    contents.set(report.id, { format, year: report.year, cells: { ...blankCells(format) }, sections: {}, channels: [] });
  }
  return contents;
}

/**
 * Every cell of a format blank, built once per format and copied per content (never handed out itself): a spread
 * of one template is ~6 µs for the 200 cells of gb2021 (filled), Object.fromEntries each time ~40 µs — twice per
 * cold read or step.
 */
function blankCells(format: Format): Record<string, string | null> {
  let blank = blanks.get(format);
  if (!blank) blanks.set(format, (blank = Object.fromEntries(format.cellKeys.map(key => [key, null as string | null]))));
  return blank;
}

const blanks = new WeakMap<Format, Record<string, string | null>>();

/**
 * Raw rows, not entities: a page of reports has tens of thousands of cells, and hydrating each into an entity
 * costs more than the query (measured). On both engines one row per report with its cells, sections and channels
 * as JSON the database builds: a cold read's 400 cell rows, each row's strings made one by one (better-sqlite3)
 * or each row a protocol message parsed field by field (node-postgres), cost more than reading and validating
 * them, while one JSON text is one native JSON.parse (SQLite: 1.1–1.9 ms → 0.47 ms for two reports' contents).
 */
async function loadContentRows(manager: EntityManager, reportIds: number[], contents: Map<number, ReportContent>): Promise<void> {
  const [text, parameters] = aggregatedContent(manager.connection.driver.options.type === "postgres", reportIds);
  readAggregatedContents(await manager.query<AggregatedContent[]>(text, parameters), contents);
}

/** The statement reading these reports' contents on the engine, with its parameters (the bench's raw ceiling sends it too). */
export function aggregatedContent(postgres: boolean, reportIds: number[]): [string, unknown[]] {
  return postgres ? [AGGREGATED_CONTENT, [reportIds]] : [AGGREGATED_CONTENT_SQLITE, [JSON.stringify(reportIds)]];
}

/**
 * The columns of a report's content, for the report whose id `id` names: its cells, sections and channels as JSON
 * the database builds. Values go as text: a bigint may exceed what a JSON number keeps exactly. Channels in their
 * authors' order. SQLite hands the JSON back as text.
 */
export function contentColumns(postgres: boolean, id: string): string {
  const [agg, array] = postgres ? ["json_agg", "json_build_array"] : ["json_group_array", "json_array"];
  return `(SELECT ${agg}(${array}(table_id, row_id, col_id, CAST(value AS text))) FROM report_cell WHERE report_id = ${id}) AS cells,
  (SELECT ${agg}(${array}(section_id, body)) FROM report_section WHERE report_id = ${id}) AS sections,
  (SELECT ${agg}(${array}(label, count) ORDER BY position) FROM report_channel WHERE report_id = ${id}) AS channels`;
}

/**
 * PostgreSQL: the content of the reports whose ids the one array parameter holds, a row per report (one text for
 * any number of reports, so it is prepared once per connection).
 */
const AGGREGATED_CONTENT = `SELECT r.id AS report_id, ${contentColumns(true, "r.id")} FROM unnest(CAST($1 AS integer[])) AS r(id)`;

/** SQLite: the same statement, the ids as one JSON array (json_each). */
const AGGREGATED_CONTENT_SQLITE = `SELECT r.value AS report_id, ${contentColumns(false, "r.value")} FROM json_each(?) AS r`;

/** A row of AGGREGATED_CONTENT (its JSON parsed by node-postgres) or AGGREGATED_CONTENT_SQLITE (JSON text); null: none. */
export interface AggregatedContent {
  report_id: number | string;
  cells: Array<[string, string, string, string | null]> | string | null;
  sections: Array<[string, string]> | string | null;
  channels: Array<[string, number | string]> | string | null;
}

/** Fills blankContents with the rows of aggregatedContent's statement. */
export function readAggregatedContents(rows: AggregatedContent[], contents: Map<number, ReportContent>): void {
  for (const row of rows) {
    const content = contents.get(Number(row.report_id))!;
    for (const [tableId, rowId, colId, value] of parsed(row.cells)) {
      const cell = content.format.cells.get(cellKey(tableId, rowId, colId));
      if (cell) content.cells[cell.key] = value === null ? null : fromStoredColumn(cell, value);
    }
    for (const [sectionId, body] of parsed(row.sections)) content.sections[sectionId] = body;
    for (const [label, count] of parsed(row.channels)) content.channels!.push({ label, count: Number(count) });
  }
}

function parsed<T>(json: T[] | string | null): T[] {
  return typeof json === "string" ? (JSON.parse(json) as T[]) : (json ?? []);
}

/** Reports whose cells one query loads. */
export const CELL_QUERY_REPORTS = 25;
