import type { EntityManager } from "typeorm";
import { yieldToEventLoop } from "../db/deadline";
import { placeholders } from "../db/placeholder";
import { ReportCellEntity, ReportEntity, ReportSectionEntity } from "../entities";
import { cellKey, fromStoredValue, getFormat, toStoredValue } from "../formats";
import type { Format, FormatId } from "../formats";
import type { ReportContent } from "../formats/report-content";
import { isEditable } from "../workflow";
import type { CheckedCell } from "./cell-input";
import { loadChannels } from "./channels";
import type { ChannelCount } from "./channels";
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

/** Loads the content of many reports with a few queries: sections, channels, and cells 25 reports a query. */
export async function loadContents(
  manager: EntityManager,
  reports: ReadonlyArray<Pick<ReportEntity, "id" | "year" | "formatId">>,
): Promise<Map<number, ReportContent>> {
  const ids = reports.map(report => report.id);
  // Note: one query after the other: inside a transaction they would share one PostgreSQL client.
  const sections = ids.length ? await loadSectionRows(manager, ids) : [];
  const channels = ids.length ? await loadChannels(manager, ids) : new Map<number, ChannelCount[]>();
  const contents = new Map<number, ReportContent>();
  for (const report of reports) {
    const format = formatOf(report);
    const blank = Object.fromEntries(format.cellKeys.map(key => [key, null as string | null]));
    contents.set(report.id, { format, year: report.year, cells: blank, sections: {}, channels: channels.get(report.id) ?? [] });
  }
  // Note: SQLite answers synchronously; a query per 25 reports (~5,000 cells), each read into the contents before
  // a turn of the event loop, keeps a 100-report page from blocking other requests for one long stretch.
  for (let start = 0; start < ids.length; start += CELL_QUERY_REPORTS) {
    if (start > 0) await yieldToEventLoop();
    for (const row of await loadCellRows(manager, ids.slice(start, start + CELL_QUERY_REPORTS))) {
      const content = contents.get(Number(row.report_id))!;
      const cell = content.format.cells.get(cellKey(row.table_id, row.row_id, row.col_id));
      if (cell) {
        content.cells[cell.key] = row.value === null ? null : fromStoredValue(cell, BigInt(row.value));
      }
    }
  }
  for (const row of sections) {
    contents.get(Number(row.report_id))!.sections[row.section_id] = row.body;
  }
  return contents;
}

interface CellRow {
  report_id: number | string;
  table_id: string;
  row_id: string;
  col_id: string;
  value: number | string | null;
}

/**
 * Raw rows, not entities: a page of reports has tens of thousands of cells, and
 * hydrating each into an entity costs more than the query (measured); plain SQL,
 * not the query builder, whose own work showed in the workflow step's profile.
 */
function loadCellRows(manager: EntityManager, reportIds: number[]): Promise<CellRow[]> {
  return manager.query<CellRow[]>(
    `SELECT report_id, table_id, row_id, col_id, value FROM report_cell WHERE report_id IN (${placeholders(manager, reportIds.length)})`,
    reportIds,
  );
}

function loadSectionRows(manager: EntityManager, reportIds: number[]): Promise<Array<{ report_id: number | string; section_id: string; body: string }>> {
  return manager.query(`SELECT report_id, section_id, body FROM report_section WHERE report_id IN (${placeholders(manager, reportIds.length)})`, reportIds);
}

/** Reports whose cells one query loads. */
export const CELL_QUERY_REPORTS = 25;
