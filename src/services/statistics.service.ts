import type { EntityManager, SelectQueryBuilder } from "typeorm";
import type { Database } from "../db";
import { AgencyEntity, ReportCellEntity, ReportEntity } from "../entities";
import { FIRST_REPORT_YEAR, cellKey, formatForYear, fromStoredValue, toStoredValue } from "../formats";
import type { Format } from "../formats";
import { DEADLINE_RULES, PUBLIC_STATES, deadlineInstant, dueDate } from "../workflow";
import type { ApprovalState } from "../workflow";
import type { Actor } from "./actor";
import { auditScope } from "./audit-query";
import { UserErrorCode, problem } from "./errors";
import { latestPublishedRevisions, revisionContent } from "./published-content";

/** Tables whose cells are counts of the same kind in every report, so their sums mean something. */
export const SUMMABLE_TABLES = ["apply", "review"];
const LIST_LIMIT = 500;

export interface Statistics {
  year: number;
  format: Format;
  /**
   * Published reports summed, as published: a report under correction counts
   * with its latest published revision, never with the draft being corrected.
   */
  summedReports: number;
  /** Published reports left out of the sums because they use the other format's template. */
  excludedReports: number;
  /** Cell key → summed value (decimal text). */
  sums: Record<string, string>;
  byState: Array<{ state: ApprovalState; count: number }>;
  overdue: ReportEntity[];
  publishedLate: ReportEntity[];
  /** Agencies with no report at all for the year, once it is due. */
  missing: AgencyEntity[];
  /** The departments' due date (31 January); a local government's report is due 31 March, judged per agency. */
  dueDate: string;
}

/** `:root` and every agency under it, as SQL for an IN (…) list; recursive CTEs run on SQLite and PostgreSQL. */
const SUBTREE = `(WITH RECURSIVE sub(id) AS (SELECT id FROM agency WHERE id = :root
  UNION ALL SELECT a.id FROM agency a JOIN sub ON a.parent_id = sub.id) SELECT id FROM sub)`;

/**
 * Totals and lateness for a supervising office: the application and
 * review/litigation tables summed over the agency and all agencies under it,
 * report counts by state, and who is overdue or published late — all computed
 * in SQL.
 */
export async function statistics(db: Database, actor: Actor, year: number, agencyId: number, now = new Date()): Promise<Statistics> {
  const format = formatForYear(year);
  if (!format || year > now.getUTCFullYear()) {
    throw problem(UserErrorCode.INVALID_INPUT, `Year ${year} is out of range: reports exist from ${FIRST_REPORT_YEAR} up to ${now.getUTCFullYear()}.`, ["year"]);
  }
  return db.read(async manager => {
    const scope = await auditScope(manager, actor);
    if (scope !== null && !scope.includes(agencyId)) {
      throw problem(UserErrorCode.NOT_FOUND, "No agency you audit has this id.", ["agencyId"]);
    }
    const deadlines = agencyDeadlines(year, now);
    return {
      year,
      format,
      dueDate: dueDate(year),
      ...(await sumCells(manager, format, year, agencyId)),
      byState: await countByState(manager, year, agencyId),
      overdue: await reports(manager, year, agencyId)
        .andWhere(`r.published_at IS NULL AND ${deadlines.past} = 1`, deadlines.params)
        .getMany(),
      publishedLate: await reports(manager, year, agencyId)
        .andWhere(deadlines.late, deadlines.params)
        .getMany(),
      missing: await missingAgencies(manager, year, agencyId, deadlines),
    };
  });
}

interface DeadlineSql {
  /** True when `r.published_at` is after the agency `a`'s deadline. */
  late: string;
  /** 1 when `now` is past the agency `a`'s deadline, else 0. */
  past: string;
  params: Record<string, Date>;
}

/**
 * The 第四十九条 deadline of each agency, in SQL: one branch per row of
 * DEADLINE_RULES (first match wins, as deadlineRule() reads it), so the SQL
 * and the rest of the code read the same data. Lateness is an OR of
 * (this row applies AND published after its instant): a CASE yielding a bound
 * parameter would be typed text on PostgreSQL.
 */
function agencyDeadlines(year: number, now: Date): DeadlineSql {
  const params: Record<string, Date> = {};
  const earlier: string[] = [];
  const late: string[] = [];
  const past: string[] = [];
  DEADLINE_RULES.forEach((rule, index) => {
    const levels = rule.levels ?? [];
    const named = levels.filter(level => level !== null).map(level => `'${level}'`);
    const levelTests = [...(named.length ? [`a.level IN (${named.join(", ")})`] : []), ...(levels.includes(null) ? ["a.level IS NULL"] : [])];
    const condition = `(a.kind = '${rule.kind}'${levelTests.length ? ` AND (${levelTests.join(" OR ")})` : ""})`;
    const applies = [condition, ...earlier.map(other => `NOT ${other}`)].join(" AND ");
    const instant = deadlineInstant(year, { kind: rule.kind, level: rule.levels?.[0] ?? null });
    params[`deadline${index}`] = instant;
    late.push(`(${applies} AND r.published_at >= :deadline${index})`);
    past.push(`WHEN ${condition} THEN ${now.getTime() >= instant.getTime() ? 1 : 0}`);
    earlier.push(condition);
  });
  const fallback = deadlineInstant(year);
  params.deadlineDefault = fallback;
  late.push(`(${earlier.map(other => `NOT ${other}`).join(" AND ")} AND r.published_at >= :deadlineDefault)`);
  return {
    late: `(${late.join(" OR ")})`,
    past: `(CASE ${past.join(" ")} ELSE ${now.getTime() >= fallback.getTime() ? 1 : 0} END)`,
    params,
  };
}

function reports(manager: EntityManager, year: number, root: number): SelectQueryBuilder<ReportEntity> {
  return manager
    .createQueryBuilder(ReportEntity, "r")
    .innerJoin(AgencyEntity, "a", "a.id = r.agency_id")
    .where(`r.year = :year AND r.agency_id IN ${SUBTREE}`, { year, root })
    .orderBy("r.id", "ASC")
    .take(LIST_LIMIT);
}

async function sumCells(manager: EntityManager, format: Format, year: number, root: number) {
  const rows: Array<{ table_id: string; row_id: string; col_id: string; total: string | number | null }> = await manager
    .createQueryBuilder(ReportCellEntity, "c")
    .select(["c.table_id AS table_id", "c.row_id AS row_id", "c.col_id AS col_id", "SUM(c.value) AS total"])
    .innerJoin(ReportEntity, "r", "r.id = c.report_id")
    .where(`r.year = :year AND r.state IN (:...public) AND r.format_id = :format AND r.agency_id IN ${SUBTREE}`, { year, root, format: format.id, public: PUBLIC_STATES })
    .andWhere("c.table_id IN (:...tables)", { tables: SUMMABLE_TABLES })
    .groupBy("c.table_id")
    .addGroupBy("c.row_id")
    .addGroupBy("c.col_id")
    .getRawMany();
  const totals = new Map<string, bigint>();
  for (const row of rows) {
    const cell = format.cells.get(cellKey(row.table_id, row.row_id, row.col_id));
    if (cell && row.total !== null) totals.set(cell.key, BigInt(row.total));
  }
  await addCorrectedReports(manager, format, year, root, totals);
  const sums: Record<string, string> = {};
  for (const [key, total] of totals) sums[key] = fromStoredValue(format.cells.get(key)!, total);
  const counted = await manager
    .createQueryBuilder(ReportEntity, "r")
    .select("r.format_id", "format_id")
    .addSelect("COUNT(*)", "n")
    .where(`r.year = :year AND r.published_at IS NOT NULL AND r.agency_id IN ${SUBTREE}`, { year, root })
    .groupBy("r.format_id")
    .getRawMany<{ format_id: string; n: string | number }>();
  const summedReports = Number(counted.find(c => c.format_id === format.id)?.n ?? 0);
  const excludedReports = counted.reduce((total, c) => total + Number(c.n), 0) - summedReports;
  return { sums, summedReports, excludedReports };
}

/**
 * Reports published once and now under correction: their live cells are a
 * draft, so their latest published revision is added instead (few at a time;
 * the stored revision is canonical JSON, read in code rather than in SQL).
 */
async function addCorrectedReports(manager: EntityManager, format: Format, year: number, root: number, totals: Map<string, bigint>) {
  const corrected = await manager
    .createQueryBuilder(ReportEntity, "r")
    .select("r.id", "id")
    .where(`r.year = :year AND r.state NOT IN (:...public) AND r.published_at IS NOT NULL AND r.format_id = :format AND r.agency_id IN ${SUBTREE}`, {
      public: PUBLIC_STATES,
      year,
      root,
      format: format.id,
    })
    .getRawMany<{ id: number | string }>();
  const revisions = await latestPublishedRevisions(manager, corrected.map(row => Number(row.id)));
  for (const revision of revisions.values()) {
    const content = revisionContent(revision);
    for (const [key, value] of Object.entries(content.cells)) {
      const cell = format.cells.get(key);
      if (value === null || !cell || !SUMMABLE_TABLES.includes(cell.table.id)) continue;
      totals.set(key, (totals.get(key) ?? 0n) + toStoredValue(cell, value));
    }
  }
}

async function countByState(manager: EntityManager, year: number, root: number) {
  const rows = await manager
    .createQueryBuilder(ReportEntity, "r")
    .select("r.state", "state")
    .addSelect("COUNT(*)", "n")
    .where(`r.year = :year AND r.agency_id IN ${SUBTREE}`, { year, root })
    .groupBy("r.state")
    .getRawMany<{ state: ApprovalState; n: string | number }>();
  return rows.map(row => ({ state: row.state, count: Number(row.n) }));
}

function missingAgencies(manager: EntityManager, year: number, root: number, deadlines: DeadlineSql) {
  return manager
    .createQueryBuilder(AgencyEntity, "a")
    .where(`a.id IN ${SUBTREE} AND ${deadlines.past} = 1`, { root, ...deadlines.params })
    .andWhere("NOT EXISTS (SELECT 1 FROM report r WHERE r.agency_id = a.id AND r.year = :year)", { year })
    .orderBy("a.id", "ASC")
    .take(LIST_LIMIT)
    .getMany();
}
