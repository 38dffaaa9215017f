import type { Database } from "../db";
import { hydrate, placeholders, selectList } from "../db";
import { ReportEntity } from "../entities";
import { blankContents, contentColumns, readAggregatedContents } from "./report-store";
import type { AggregatedContent, ReportContent } from "./report-store";

/** The data version, and what the same statement read of the reports a request names. */
export interface DataVersion {
  /** The audit chain's head. */
  version: number;
  /** The agencies of the named reports; null when one of them does not exist. */
  agencies: number[] | null;
  /** With `reading`: the named reports' rows as stored, and their agencies' reports of the year before. */
  reports: ReportEntity[];
  /** With `reading`: the live content of each of those rows, at the row's version (same statement). */
  contents: Map<number, ReportContent>;
}

/**
 * The data version: the audit chain's head. Every change to what a report, agency, user, statistic or audit answer
 * shows writes its audit record in the change's own transaction, so while the head stays at one record nothing
 * those answers read has changed — in this process or in any other sharing the database. Read for each request
 * (never shared between requests: a reader must see at least every change committed before it asked), in one
 * statement with the agencies of the reports a request names.
 *
 * With `reading` (no answer is kept for the request, so it will be computed), the same statement brings what the
 * computation reads next: the named reports' rows, their agencies' reports of the year before (validation reads
 * them) and the contents of both — two or three round trips fewer, and the rows are those of the version the answer
 * is kept under. Without it, nothing of that: a request answered from a kept answer would only parse them.
 */
export async function dataVersion(db: Database, reportIds: readonly number[] = [], reading = false): Promise<DataVersion> {
  return db.read(async manager => {
    const head = "(SELECT seq FROM audit_event ORDER BY seq DESC LIMIT 1)";
    if (reportIds.length === 0) {
      const [row] = await manager.query<Array<{ head: number | string | null }>>(`SELECT ${head} AS head`);
      return { version: Number(row.head ?? 0), agencies: [], reports: [], contents: new Map() };
    }
    const postgres = manager.connection.driver.options.type === "postgres";
    const reads = reading ? `, ${selectList(manager, ReportEntity, "r")}, ${contentColumns(postgres, "r.id")}` : "";
    const rows = await manager.query<Array<Record<string, unknown>>>(
      `SELECT h.head, o.id AS asked_id, o.agency_id AS asked_agency${reads}
         FROM (SELECT ${head} AS head) h
         LEFT JOIN report o ON o.id IN (${placeholders(manager, reportIds.length)})
         ${reading ? "LEFT JOIN report r ON r.agency_id = o.agency_id AND (r.id = o.id OR r.year = o.year - 1)" : ""}`,
      [...reportIds],
    );
    const agencyOf = new Map(rows.filter(row => row.asked_id !== null).map(row => [Number(row.asked_id), Number(row.asked_agency)]));
    const agencies = reportIds.map(id => agencyOf.get(id));
    const unique = uniqueReports(rows);
    const reports = hydrate(manager, ReportEntity, unique);
    return {
      version: Number(rows[0]?.head ?? 0),
      agencies: agencies.every(agency => agency !== undefined) ? [...new Set(agencies)] : null,
      reports,
      contents: reading ? contentsOf(reports, unique) : new Map(),
    };
  });
}

/** The report rows of the statement, each once (a report is the year before of one asked report and asked itself). */
function uniqueReports(rows: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  const byId = new Map<number, Record<string, unknown>>();
  for (const row of rows) if (row.id !== null && row.id !== undefined) byId.set(Number(row.id), row);
  return [...byId.values()];
}

/** The contents the statement's rows carry, as loadContents reads them. */
function contentsOf(reports: ReportEntity[], rows: Array<Record<string, unknown>>): Map<number, ReportContent> {
  const contents = blankContents(reports);
  readAggregatedContents(
    rows.map(row => ({ report_id: row.id, cells: row.cells, sections: row.sections, channels: row.channels }) as AggregatedContent),
    contents,
  );
  return contents;
}
