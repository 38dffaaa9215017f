import { cellKey } from "../src/formats";
import { LruCache } from "../src/services/lru-cache";
import { aggregatedContent, blankContents, readAggregatedContents } from "../src/services/report-store";
import type { AggregatedContent } from "../src/services/report-store";
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
    return this.withPrevious(id).then(found => found.row);
  }

  /** The report and its agency's report of the year before, in one statement (the server's row loader's). */
  async withPrevious(id: number): Promise<{ row?: ReportRow; last?: ReportRow }> {
    const rows = (
      await this.sql.all<ReportRow>(
        `SELECT ${REPORT_COLUMNS.replace(/(\w+)/g, "r.$1")} FROM report r
          JOIN report o ON o.agency_id = r.agency_id AND (o.id = r.id OR o.year = r.year + 1) WHERE o.id IN (?)`,
        [id],
      )
    ).map(found => normalise(found)!);
    const row = rows.find(found => found.id === id);
    return { row, last: row && rows.find(found => found.year === row.year - 1) };
  }

  /** Content and validation of the row's version: from the cache, or read (with last year's, one statement) and validated once. */
  async checked(row: ReportRow, last?: ReportRow): Promise<CheckedReport> {
    const key = `${row.id}:${row.version}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const previous = last ?? (await this.withPrevious(row.id)).last;
    const contents = await this.contents(previous ? [row, previous] : [row]);
    const content = contents.get(row.id)!;
    const violations = validateReport(content, previous && contents.get(previous.id));
    const checked = { row, content, violations };
    this.cache.set(key, checked);
    return checked;
  }

  /**
   * After a step committed: the content and validation of the version it started from are those of the version it
   * made (a step never changes the content), kept as the server's carryContentForward keeps them.
   */
  carryForward(id: number, from: number, to: { version: number; state: string }): void {
    const hit = this.cache.get(`${id}:${from}`);
    if (hit) this.cache.set(`${id}:${to.version}`, { ...hit, row: { ...hit.row, ...to } });
  }

  /** Cells, sections and channels of these reports in one statement, the server's (aggregatedContent), read as it reads them. */
  private async contents(rows: ReportRow[]): Promise<Map<number, ReportToCheck>> {
    const contents = blankContents(rows.map(row => ({ id: row.id, year: row.year, formatId: row.format_id })));
    const [text, parameters] = aggregatedContent(
      this.sql.engine === "postgres",
      rows.map(row => row.id),
    );
    readAggregatedContents(await this.sql.all<AggregatedContent>(text, parameters), contents);
    return contents;
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
