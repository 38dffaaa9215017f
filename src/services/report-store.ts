import type { EntityManager } from "typeorm";
import { yieldToEventLoop } from "../db/deadline";
import { placeholders } from "../db/placeholder";
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
    const blank = Object.fromEntries(format.cellKeys.map(key => [key, null as string | null]));
    contents.set(report.id, { format, year: report.year, cells: blank, sections: {}, channels: [] });
  }
  return contents;
}

/** A report's cell (part 0), section (1) or channel (2), as contentStatement selects them. */
export interface ContentRow {
  report_id: number | string;
  part: number | string;
  /** Cell: table id; section: section id; channel: label. */
  a: string;
  b: string | null;
  c: string | null;
  /** Cell: its stored value; channel: its count; section: null. */
  n: number | string | null;
  body: string | null;
  position: number | string | null;
}

/** Fills blankContents with the rows of contentStatement (channels in their authors' order). */
export function readContentRows(rows: ContentRow[], contents: Map<number, ReportContent>): void {
  const channels: ContentRow[] = [];
  for (const row of rows) {
    const content = contents.get(Number(row.report_id))!;
    const part = Number(row.part);
    if (part === 0) {
      const cell = content.format.cells.get(cellKey(row.a, row.b!, row.c!));
      if (cell) content.cells[cell.key] = row.n === null ? null : fromStoredColumn(cell, row.n);
    } else if (part === 1) {
      content.sections[row.a] = row.body!;
    } else {
      channels.push(row);
    }
  }
  channels.sort((x, y) => Number(x.position) - Number(y.position));
  for (const row of channels) contents.get(Number(row.report_id))!.channels!.push({ label: row.a, count: Number(row.n) });
}

/**
 * Raw rows, not entities: a page of reports has tens of thousands of cells, and hydrating each into an entity
 * costs more than the query (measured). SQLite: one statement for the three tables, read in process. PostgreSQL:
 * one row per report with its cells, sections and channels as JSON the server builds (AGGREGATED_CONTENT), because
 * there every row is a protocol message node parses field by field — a cold read's 400 cell rows cost node more
 * than reading and validating them (measured with --cpu-prof) — while one JSON text is one native JSON.parse.
 */
async function loadContentRows(manager: EntityManager, reportIds: number[], contents: Map<number, ReportContent>): Promise<void> {
  if (manager.connection.driver.options.type === "postgres") {
    readAggregatedContents(await manager.query<AggregatedContent[]>(AGGREGATED_CONTENT, [reportIds]), contents);
    return;
  }
  const statement = contentStatement(reportIds.length, (count, first) => placeholders(manager, count, first));
  readContentRows(await manager.query<ContentRow[]>(statement, [...reportIds, ...reportIds, ...reportIds]), contents);
}

/**
 * The statement reading the cells, sections and channels of `n` reports, whose ids it takes three times over;
 * `list` writes the placeholders of `count` parameters from the `first` (the bench's raw ceiling sends it too).
 */
export function contentStatement(n: number, list: (count: number, first: number) => string): string {
  const within = (first: number) => `report_id IN (${list(n, first)})`;
  return `SELECT report_id, 0 AS part, table_id AS a, row_id AS b, col_id AS c, value AS n, CAST(NULL AS text) AS body, CAST(NULL AS integer) AS position FROM report_cell WHERE ${within(1)}
     UNION ALL SELECT report_id, 1, section_id, NULL, NULL, NULL, body, NULL FROM report_section WHERE ${within(n + 1)}
     UNION ALL SELECT report_id, 2, label, NULL, NULL, count, NULL, position FROM report_channel WHERE ${within(2 * n + 1)}`;
}

/**
 * PostgreSQL: the content of the reports whose ids the one array parameter holds, a row per report (one text for
 * any number of reports, so it is prepared once per connection). Values go as text: a bigint may exceed what a
 * JSON number keeps exactly. Channels in their authors' order. The bench's raw ceiling sends it too.
 */
export const AGGREGATED_CONTENT = `SELECT r.id AS report_id,
  (SELECT json_agg(json_build_array(table_id, row_id, col_id, CAST(value AS text))) FROM report_cell WHERE report_id = r.id) AS cells,
  (SELECT json_agg(json_build_array(section_id, body)) FROM report_section WHERE report_id = r.id) AS sections,
  (SELECT json_agg(json_build_array(label, count) ORDER BY position) FROM report_channel WHERE report_id = r.id) AS channels
  FROM unnest(CAST($1 AS integer[])) AS r(id)`;

/** A row of AGGREGATED_CONTENT, its JSON already parsed by the driver (null where a report has none). */
export interface AggregatedContent {
  report_id: number | string;
  cells: Array<[string, string, string, string | null]> | null;
  sections: Array<[string, string]> | null;
  channels: Array<[string, number | string]> | null;
}

/** Fills blankContents with the rows of AGGREGATED_CONTENT. */
export function readAggregatedContents(rows: AggregatedContent[], contents: Map<number, ReportContent>): void {
  for (const row of rows) {
    const content = contents.get(Number(row.report_id))!;
    for (const [tableId, rowId, colId, value] of row.cells ?? []) {
      const cell = content.format.cells.get(cellKey(tableId, rowId, colId));
      if (cell) content.cells[cell.key] = value === null ? null : fromStoredColumn(cell, value);
    }
    for (const [sectionId, body] of row.sections ?? []) content.sections[sectionId] = body;
    for (const [label, count] of row.channels ?? []) content.channels!.push({ label, count: Number(count) });
  }
}

/** Reports whose cells one query loads. */
export const CELL_QUERY_REPORTS = 25;
