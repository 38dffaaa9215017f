import { STATE_NAMES, fullReport, globalReportId } from "./raw-report";
import type { RawReports, ReportRow } from "./raw-report";
import type { Sql } from "./sql";

const PAGE = 100;
const HISTORY_LIMIT = 1_000;

interface HistoryRecord {
  seq: number;
  at: string;
  action: string;
  actorName: string;
  actorRoles: string | null;
  diff: string;
  hash: string;
}

/** The top agency's subtree as one query (what an AUDITOR of it may read), not a list of bound ids. */
const SUBTREE = `WITH RECURSIVE sub(id) AS (SELECT id FROM agency WHERE id = ? UNION ALL SELECT a.id FROM agency a JOIN sub ON a.parent_id = sub.id)`;

/** The ceilings of the read scenarios (a), (b), (c): the same SQL and caches, answers shaped like the server's. */
export class RawReads {
  /** Each report's records, as the server keeps them (HistoryCache; the bench's 200 histories fit both). */
  private readonly histories = new Map<number, HistoryRecord[]>();

  constructor(
    private readonly sql: Sql,
    private readonly reports: RawReports,
    private readonly root: number,
  ) {}

  async read(id: number) {
    const { row, last } = await this.reports.withPrevious(id);
    return { data: { report: row ? fullReport(await this.reports.checked(row, last)) : null } };
  }

  /** LIST_REPORTS: the year's first 100 reports of the subtree, newest year first then by id, and the total. */
  async list(year: number) {
    const where = `FROM report WHERE year = ? AND agency_id IN (${SUBTREE} SELECT id FROM sub)`;
    const total = await this.sql.get<{ n: number }>(`SELECT COUNT(*) AS n ${where}`, [year, this.root]);
    const rows = await this.sql.all<ReportRow>(
      `SELECT id, agency_id, year, format_id, title, state, version ${where} ORDER BY year DESC, id ASC LIMIT ${PAGE + 1}`,
      [year, this.root],
    );
    const nodes = [];
    for (const raw of rows.slice(0, PAGE)) {
      const found = await this.reports.withPrevious(Number(raw.id));
      const row = found.row!;
      const checked = await this.reports.checked(row, found.last);
      const full = fullReport(checked);
      nodes.push({
        id: full.id,
        title: full.title,
        year: full.year,
        state: full.state,
        version: full.version,
        sections: full.sections.map(s => ({ id: s.id, body: s.body })),
        tables: full.tables.map(t => ({ id: t.id, rows: t.rows.map(r => ({ id: r.id, values: r.values })) })),
        validation: { valid: full.validation.valid, errorCount: full.validation.errorCount },
        workflow: { state: STATE_NAMES[row.state] },
      });
    }
    return { data: { reports: { totalCount: Number(total?.n ?? 0), nodes } } };
  }

  /**
   * REPORT_HISTORY: the report's audit records, oldest first, at most 1,000 — kept per report and brought up to
   * date with one statement from the last kept record (its hash checked), as the server's HistoryCache does.
   */
  async history(id: number) {
    const row = await this.reports.row(id);
    if (!row) return { data: { report: null } };
    const kept = this.histories.get(id);
    const last = kept?.at(-1);
    const fresh = await this.records(id, last?.seq ?? 0, last ? HISTORY_LIMIT - kept!.length + 1 : HISTORY_LIMIT);
    const joins = !!last && fresh[0]?.seq === last.seq && fresh[0].hash === last.hash;
    const history = !last ? fresh : joins ? (fresh.length === 1 ? kept! : [...kept!, ...fresh.slice(1)]) : await this.records(id, 0, HISTORY_LIMIT);
    this.histories.set(id, history);
    return { data: { report: { id: globalReportId(id), history } } };
  }

  private async records(id: number, from: number, limit: number): Promise<HistoryRecord[]> {
    const records = await this.sql.all<{ seq: number; at: string; action: string; actor_name: string; actor_roles: string | null; diff: string; hash: string }>(
      `SELECT seq, at, action, actor_name, actor_roles, diff, hash FROM audit_event WHERE report_id = ? AND seq >= ? ORDER BY seq ASC LIMIT ?`,
      [id, from, limit],
    );
    return records.map(r => ({
      seq: Number(r.seq),
      at: r.at,
      action: r.action,
      actorName: r.actor_name,
      actorRoles: r.actor_roles,
      diff: r.diff,
      hash: r.hash,
    }));
  }
}
