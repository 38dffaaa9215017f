import { cellKey, formatForYear, fromStoredValue } from "../src/formats";
import type { Format } from "../src/formats";
import { deadlineInstant, dueDate } from "../src/workflow";
import { STATE_NAMES, globalReportId } from "./raw-report";
import type { Sql } from "./sql";

const LIST_LIMIT = 500;
const SUMMED = ["apply", "review"];

const SUBTREE = `WITH RECURSIVE sub(id) AS (SELECT id FROM agency WHERE id = ? UNION ALL SELECT a.id FROM agency a JOIN sub ON a.parent_id = sub.id)`;

interface Counted {
  id: number;
  title: string;
  state: string;
  kind: string;
  level: string | null;
  published_at: string | Date | null;
}

const agencyId = (id: number) => Buffer.from(`Agency:${id}`).toString("base64url");

/**
 * The ceiling of the statistics scenario: the same per-year summary rows (statistics_cell, statistics_count), the
 * same whole answer kept per (year, agency, summary version, newest agency) — checked with the same one-row query
 * on every request — and the agency read per request; no framework, no authentication. Lateness is judged in
 * JavaScript from each agency's deadline (the server does it in SQL), which only matters on the first request.
 */
export class RawStatistics {
  private readonly answers = new Map<string, object>();

  constructor(private readonly sql: Sql) {}

  async statistics(year: number, root: number) {
    const format = formatForYear(year)!;
    const stamp = await this.sql.get<{ version: number | null; newest: number | null }>(
      `SELECT (SELECT version FROM statistics_year WHERE year = ?) AS version, (SELECT MAX(id) FROM agency) AS newest`,
      [year],
    );
    const key = `${year}:${root}:${Number(stamp?.version)}:${Number(stamp?.newest)}`;
    const agency = await this.sql.get<{ id: number; code: string; name: string }>(`SELECT id, code, name FROM agency WHERE id = ?`, [root]);
    let answer = this.answers.get(key);
    if (!answer) {
      answer = await this.compute(format, year, root);
      this.answers.set(key, answer);
    }
    return { data: { statistics: { ...answer, agency: { id: agencyId(Number(agency!.id)), code: agency!.code, name: agency!.name } } } };
  }

  private async compute(format: Format, year: number, root: number) {
    const cells = await this.sql.all<{ cell_key: string; total: string | number }>(
      `SELECT cell_key, total FROM statistics_cell WHERE year = ? AND agency_id = ? AND format_id = ? AND n > 0`,
      [year, root, format.id],
    );
    const sums: Record<string, string> = {};
    for (const row of cells) {
      const cell = format.cells.get(row.cell_key);
      if (cell) sums[cell.key] = fromStoredValue(cell, BigInt(row.total));
    }
    const counts = await this.sql.all<{ format_id: string; state: string; published: number | string; n: number | string }>(
      `SELECT format_id, state, published, n FROM statistics_count WHERE year = ? AND agency_id = ? AND n <> 0`,
      [year, root],
    );
    const byState = new Map<string, number>();
    let summedReports = 0;
    let excludedReports = 0;
    for (const row of counts) {
      byState.set(row.state, (byState.get(row.state) ?? 0) + Number(row.n));
      if (Number(row.published) !== 1) continue;
      if (row.format_id === format.id) summedReports += Number(row.n);
      else excludedReports += Number(row.n);
    }
    return {
      year,
      formatId: format.id,
      dueDate: dueDate(year),
      summedReports,
      excludedReports,
      byState: [...byState].map(([state, count]) => ({ state: STATE_NAMES[state], count })),
      ...(await this.lateness(year, root)),
      tables: this.tables(format, sums),
    };
  }

  private async lateness(year: number, root: number) {
    const now = Date.now();
    const deadline = (kind: string, level: string | null) => deadlineInstant(year, { kind, level } as Parameters<typeof deadlineInstant>[1]).getTime();
    const reports = await this.sql.all<Counted>(
      `${SUBTREE} SELECT r.id, r.title, r.state, a.kind, a.level, r.published_at FROM report r JOIN agency a ON a.id = r.agency_id
        WHERE r.year = ? AND r.agency_id IN (SELECT id FROM sub) ORDER BY r.id`,
      [root, year],
    );
    const shown = (r: Counted) => ({ id: globalReportId(Number(r.id)), title: r.title, state: STATE_NAMES[r.state] });
    const at = (r: Counted) => (r.published_at === null ? null : new Date(r.published_at instanceof Date ? r.published_at : `${r.published_at}Z`).getTime());
    const overdue = reports.filter(r => at(r) === null && now >= deadline(r.kind, r.level));
    const late = reports.filter(r => at(r) !== null && at(r)! >= deadline(r.kind, r.level));
    const agencies = await this.sql.all<{ id: number; code: string; name: string; kind: string; level: string | null }>(
      `${SUBTREE} SELECT a.id, a.code, a.name, a.kind, a.level FROM agency a WHERE a.id IN (SELECT id FROM sub)
        AND NOT EXISTS (SELECT 1 FROM report r WHERE r.agency_id = a.id AND r.year = ?) ORDER BY a.id`,
      [root, year],
    );
    return {
      missing: agencies
        .filter(a => now >= deadline(a.kind, a.level))
        .slice(0, LIST_LIMIT)
        .map(a => ({ id: agencyId(Number(a.id)), code: a.code, name: a.name })),
      overdue: overdue.slice(0, LIST_LIMIT).map(shown),
      publishedLate: late.slice(0, LIST_LIMIT).map(shown),
    };
  }

  private tables(format: Format, sums: Record<string, string>) {
    return format.def.tables
      .filter(table => SUMMED.includes(table.id))
      .map(table => {
        const columns = table.columns.filter(column => column.data);
        const rows = table.rows
          .filter(r => r.data)
          .map(r => ({ id: r.id, label: r.label, values: columns.map(column => sums[cellKey(table.id, r.id, column.id)] ?? null) }));
        return { id: table.id, title: table.title, rows };
      });
  }
}
