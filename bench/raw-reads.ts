import { STATE_NAMES, fullReport, globalReportId } from "./raw-report";
import type { RawReports, ReportRow } from "./raw-report";
import type { Sql } from "./sql";

const PAGE = 100;

/** The top agency's subtree as one query (what an AUDITOR of it may read), not a list of bound ids. */
const SUBTREE = `WITH RECURSIVE sub(id) AS (SELECT id FROM agency WHERE id = ? UNION ALL SELECT a.id FROM agency a JOIN sub ON a.parent_id = sub.id)`;

/** The ceilings of the read scenarios (a), (b), (c): the same SQL and caches, answers shaped like the server's. */
export class RawReads {
  constructor(
    private readonly sql: Sql,
    private readonly reports: RawReports,
    private readonly root: number,
  ) {}

  async read(id: number) {
    const row = await this.reports.row(id);
    return { data: { report: row ? fullReport(await this.reports.checked(row)) : null } };
  }

  /** LIST_REPORTS: the year's first 100 reports of the subtree, newest year first then by id, and the total. */
  async list(year: number) {
    const where = `FROM report WHERE year = ? AND agency_id IN (${SUBTREE} SELECT id FROM sub)`;
    const total = await this.sql.get<{ n: number }>(`SELECT COUNT(*) AS n ${where}`, [year, this.root]);
    const rows = await this.sql.all<ReportRow>(`SELECT id, agency_id, year, format_id, title, state, version ${where} ORDER BY year DESC, id ASC LIMIT ${PAGE + 1}`, [year, this.root]);
    const nodes = [];
    for (const raw of rows.slice(0, PAGE)) {
      const row = (await this.reports.row(Number(raw.id)))!;
      const checked = await this.reports.checked(row);
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

  /** REPORT_HISTORY: the report's audit records, oldest first, at most 1,000. */
  async history(id: number) {
    const row = await this.reports.row(id);
    if (!row) return { data: { report: null } };
    const records = await this.sql.all<{ seq: number; at: string; action: string; actor_name: string; actor_roles: string | null; diff: string; hash: string }>(
      `SELECT seq, at, action, actor_name, actor_roles, diff, hash FROM audit_event WHERE report_id = ? ORDER BY seq ASC LIMIT 1000`,
      [id],
    );
    const history = records.map(r => ({ seq: Number(r.seq), at: r.at, action: r.action, actorName: r.actor_name, actorRoles: r.actor_roles, diff: r.diff, hash: r.hash }));
    return { data: { report: { id: globalReportId(id), history } } };
  }
}
