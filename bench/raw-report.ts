import Database from "better-sqlite3";
import { cellKey, fromStoredValue, getFormat } from "../src/formats";
import type { FormatId } from "../src/formats";
import { validateReport } from "../src/validation";
import type { ReportContent } from "../src/validation";

const STATE_NAMES: Record<string, string> = {
  draft: "DRAFT",
  secrecyReview: "SECRECY_REVIEW",
  leadershipSignOff: "LEADERSHIP_SIGN_OFF",
  approved: "APPROVED",
  published: "PUBLISHED",
};

interface ReportRow {
  id: number;
  agency_id: number;
  year: number;
  format_id: string;
  title: string;
  state: string;
  version: number;
}

/**
 * The ceiling: one report read with hand-written SQL on better-sqlite3 and the
 * same pure validator, shaped exactly like the GraphQL answer to READ_REPORT
 * (keys in the query's order). No ORM, no GraphQL, no authentication.
 */
export function openRawReports(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const report = db.prepare<[number], ReportRow>(`SELECT id, agency_id, year, format_id, title, state, version FROM report WHERE id = ?`);
  const previous = db.prepare<[number, number], ReportRow>(
    `SELECT id, agency_id, year, format_id, title, state, version FROM report WHERE agency_id = ? AND year = ?`,
  );
  const cells = db
    .prepare<[number], { table_id: string; row_id: string; col_id: string; value: bigint | null }>(
      `SELECT table_id, row_id, col_id, value FROM report_cell WHERE report_id = ?`,
    )
    .safeIntegers(true);
  const sections = db.prepare<[number], { section_id: string; body: string }>(`SELECT section_id, body FROM report_section WHERE report_id = ?`);

  function content(row: ReportRow, withSections: boolean): ReportContent {
    const format = getFormat(row.format_id as FormatId);
    const values: Record<string, string | null> = {};
    for (const key of format.cellKeys) values[key] = null;
    for (const cell of cells.all(row.id)) {
      const def = format.cells.get(cellKey(cell.table_id, cell.row_id, cell.col_id));
      if (def) values[def.key] = cell.value === null ? null : fromStoredValue(def, cell.value);
    }
    const texts: Record<string, string> = {};
    if (withSections) for (const section of sections.all(row.id)) texts[section.section_id] = section.body;
    return { format, year: row.year, cells: values, sections: texts };
  }

  function violations(row: ReportRow, own: ReportContent) {
    const last = previous.get(row.agency_id, row.year - 1);
    return validateReport(own, last ? content(last, false) : undefined);
  }

  return {
    close: () => db.close(),
    /** `{ data: { report } }` as the GraphQL server answers READ_REPORT, or null data when there is no such report. */
    readReport(id: number) {
      const row = report.get(id);
      if (!row) return { data: { report: null } };
      const own = content(row, true);
      const found = violations(row, own);
      const errorCount = found.filter(v => v.severity === "ERROR").length;
      const format = own.format;
      return {
        data: {
          report: {
            id: Buffer.from(`Report:${row.id}`).toString("base64url"),
            title: row.title,
            year: row.year,
            state: STATE_NAMES[row.state],
            version: row.version,
            sections: format.def.sections.map(section => ({
              id: section.id,
              no: section.no,
              title: section.title,
              body: section.kind === "text" ? (own.sections[section.id] ?? null) : null,
            })),
            tables: format.def.tables.map(table => {
              const columns = table.columns.filter(column => column.data);
              return {
                id: table.id,
                title: table.title,
                rows: table.rows
                  .filter(r => r.data)
                  .map(r => ({ id: r.id, label: r.label, values: columns.map(column => own.cells[cellKey(table.id, r.id, column.id)] ?? null) })),
              };
            }),
            validation: {
              valid: errorCount === 0,
              errorCount,
              warningCount: found.length - errorCount,
              violations: found.map(v => ({
                ruleId: v.ruleId,
                severity: v.severity,
                message: v.message,
                cells: v.cells.map(cell => ({ key: cell.key, value: cell.value, year: cell.year ?? null })),
              })),
            },
          },
        },
      };
    },
    /** Error count of a report's current content (with last year's), as the SUBMIT guard sees it. */
    errorCount(id: number): number {
      const row = report.get(id);
      if (!row) return -1;
      return violations(row, content(row, true)).filter(v => v.severity === "ERROR").length;
    },
  };
}
