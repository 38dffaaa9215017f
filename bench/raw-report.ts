import { cellKey, fromStoredValue, getFormat } from "../src/formats";
import type { FormatId } from "../src/formats";
import { LruCache } from "../src/services/lru-cache";
import { validateReport } from "../src/validation";
import type { ReportToCheck, Violation } from "../src/validation";
import { CACHE_CAPACITY } from "./config";
import type { Sql } from "./sql";

export const STATE_NAMES: Record<string, string> = {
  draft: "DRAFT",
  secrecyReview: "SECRECY_REVIEW",
  leadershipSignOff: "LEADERSHIP_SIGN_OFF",
  approved: "APPROVED",
  published: "PUBLISHED",
};

export interface ReportRow {
  id: number;
  agency_id: number;
  year: number;
  format_id: string;
  title: string;
  state: string;
  version: number;
}

/** A report's content and its validation, as the server keeps them per report version. */
export interface CheckedReport {
  row: ReportRow;
  content: ReportToCheck;
  violations: Violation[];
}

const REPORT_COLUMNS = "id, agency_id, year, format_id, title, state, version";

/**
 * The raw ceilings' report reads: hand-written SQL through the engine's own driver and the same pure validator,
 * with the same version-keyed cache the server has (content and validation per report version, 1,000 entries),
 * so a ceiling does what the server must do and no more.
 */
export class RawReports {
  private readonly cache = new LruCache<string, CheckedReport>(CACHE_CAPACITY);

  constructor(readonly sql: Sql) {}

  row(id: number): Promise<ReportRow | undefined> {
    return this.sql.get<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM report WHERE id = ?`, [id]).then(normalise);
  }

  /** Content and validation of the row's version: from the cache, or read and validated once. */
  async checked(row: ReportRow): Promise<CheckedReport> {
    const key = `${row.id}:${row.version}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const content = await this.content(row, true);
    const last = normalise(
      await this.sql.get<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM report WHERE agency_id = ? AND year = ?`, [row.agency_id, row.year - 1]),
    );
    const violations = validateReport(content, last ? await this.content(last, false) : undefined);
    const checked = { row, content, violations };
    this.cache.set(key, checked);
    return checked;
  }

  private async content(row: ReportRow, withSections: boolean): Promise<ReportToCheck> {
    const format = getFormat(row.format_id as FormatId);
    const values: Record<string, string | null> = {};
    for (const key of format.cellKeys) values[key] = null;
    const cells = await this.sql.all<{ table_id: string; row_id: string; col_id: string; value: number | string | null }>(
      `SELECT table_id, row_id, col_id, value FROM report_cell WHERE report_id = ?`,
      [row.id],
    );
    for (const cell of cells) {
      const def = format.cells.get(cellKey(cell.table_id, cell.row_id, cell.col_id));
      if (def) values[def.key] = cell.value === null ? null : fromStoredValue(def, BigInt(cell.value));
    }
    const texts: Record<string, string> = {};
    if (withSections) {
      for (const section of await this.sql.all<{ section_id: string; body: string }>(`SELECT section_id, body FROM report_section WHERE report_id = ?`, [
        row.id,
      ])) {
        texts[section.section_id] = section.body;
      }
    }
    return { format, year: row.year, cells: values, sections: texts };
  }

  /** Error count of a report's current content, as the SUBMIT guard sees it (-1: no such report). */
  async errorCount(id: number): Promise<number> {
    const row = await this.row(id);
    if (!row) return -1;
    return (await this.checked(row)).violations.filter(v => v.severity === "ERROR").length;
  }
}

/** PostgreSQL sends 64-bit integers as strings; the rows' numbers are small. */
function normalise(row: ReportRow | undefined): ReportRow | undefined {
  return row && { ...row, id: Number(row.id), agency_id: Number(row.agency_id), year: Number(row.year), version: Number(row.version) };
}

export function globalReportId(id: number): string {
  return Buffer.from(`Report:${id}`).toString("base64url");
}

/** READ_REPORT's `report` object, keys in the query's order. */
export function fullReport({ row, content, violations }: CheckedReport) {
  const errorCount = violations.filter(v => v.severity === "ERROR").length;
  const format = content.format;
  return {
    id: globalReportId(row.id),
    title: row.title,
    year: row.year,
    state: STATE_NAMES[row.state],
    version: row.version,
    sections: format.def.sections.map(section => ({
      id: section.id,
      no: section.no,
      title: section.title,
      body: section.kind === "text" ? (content.sections[section.id] ?? null) : null,
    })),
    tables: format.def.tables.map(table => {
      const columns = table.columns.filter(column => column.data);
      const rows = table.rows
        .filter(r => r.data)
        .map(r => ({ id: r.id, label: r.label, values: columns.map(column => content.cells[cellKey(table.id, r.id, column.id)] ?? null) }));
      return { id: table.id, title: table.title, rows };
    }),
    validation: {
      valid: errorCount === 0,
      errorCount,
      warningCount: violations.length - errorCount,
      violations: violations.map(v => ({
        ruleId: v.ruleId,
        severity: v.severity,
        message: v.message,
        cells: v.cells.map(cell => ({ key: cell.key, value: cell.value, year: cell.year ?? null })),
      })),
    },
  };
}
