import type { EntityManager, SelectQueryBuilder } from "typeorm";
import type { Database } from "../db";
import { AgencyEntity, ReportCellEntity, ReportEntity } from "../entities";
import { FIRST_REPORT_YEAR, cellKey, formatForYear, fromStoredValue } from "../formats";
import type { Format } from "../formats";
import { dueDate } from "../workflow";
import type { Actor } from "./actor";
import { auditScope } from "./audit-query";
import { UserErrorCode, problem } from "./errors";

/** Tables whose cells are counts of the same kind in every report, so their sums mean something. */
export const SUMMABLE_TABLES = ["apply", "review"];
const LIST_LIMIT = 500;

export interface Statistics {
  year: number;
  format: Format;
  /** Published reports summed (their current content is what was published). */
  summedReports: number;
  /** Published reports left out of the sums because they use the other format's template. */
  excludedReports: number;
  /** Cell key → summed value (decimal text). */
  sums: Record<string, string>;
  byState: Array<{ state: string; count: number }>;
  overdue: ReportEntity[];
  publishedLate: ReportEntity[];
  /** Agencies with no report at all for the year, once it is due. */
  missing: AgencyEntity[];
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
    const deadline = deadlineInstant(year);
    const due = now.getTime() > deadline.getTime();
    return {
      year,
      format,
      dueDate: dueDate(year),
      ...(await sumCells(manager, format, year, agencyId)),
      byState: await countByState(manager, year, agencyId),
      overdue: due ? await reports(manager, year, agencyId).andWhere("r.published_at IS NULL").getMany() : [],
      publishedLate: await reports(manager, year, agencyId).andWhere("r.published_at > :deadline", { deadline }).getMany(),
      missing: due ? await missingAgencies(manager, year, agencyId) : [],
    };
  });
}

/** The first instant after 31 January of year + 1, Beijing time (UTC+8). */
function deadlineInstant(year: number): Date {
  return new Date(Date.UTC(year + 1, 1, 1, 0, 0, 0) - 8 * 3_600_000);
}

function reports(manager: EntityManager, year: number, root: number): SelectQueryBuilder<ReportEntity> {
  return manager
    .createQueryBuilder(ReportEntity, "r")
    .where(`r.year = :year AND r.agency_id IN ${SUBTREE}`, { year, root })
    .orderBy("r.id", "ASC")
    .take(LIST_LIMIT);
}

async function sumCells(manager: EntityManager, format: Format, year: number, root: number) {
  const rows: Array<{ table_id: string; row_id: string; col_id: string; total: string | number | null }> = await manager
    .createQueryBuilder(ReportCellEntity, "c")
    .select(["c.table_id AS table_id", "c.row_id AS row_id", "c.col_id AS col_id", "SUM(c.value) AS total"])
    .innerJoin(ReportEntity, "r", "r.id = c.report_id")
    .where(`r.year = :year AND r.state = 'published' AND r.format_id = :format AND r.agency_id IN ${SUBTREE}`, { year, root, format: format.id })
    .andWhere("c.table_id IN (:...tables)", { tables: SUMMABLE_TABLES })
    .groupBy("c.table_id")
    .addGroupBy("c.row_id")
    .addGroupBy("c.col_id")
    .getRawMany();
  const sums: Record<string, string> = {};
  for (const row of rows) {
    const cell = format.cells.get(cellKey(row.table_id, row.row_id, row.col_id));
    if (cell && row.total !== null) sums[cell.key] = fromStoredValue(cell, BigInt(row.total));
  }
  const counted = await manager
    .createQueryBuilder(ReportEntity, "r")
    .select("r.format_id", "format_id")
    .addSelect("COUNT(*)", "n")
    .where(`r.year = :year AND r.state = 'published' AND r.agency_id IN ${SUBTREE}`, { year, root })
    .groupBy("r.format_id")
    .getRawMany<{ format_id: string; n: string | number }>();
  const summedReports = Number(counted.find(c => c.format_id === format.id)?.n ?? 0);
  const excludedReports = counted.reduce((total, c) => total + Number(c.n), 0) - summedReports;
  return { sums, summedReports, excludedReports };
}

async function countByState(manager: EntityManager, year: number, root: number) {
  const rows = await manager
    .createQueryBuilder(ReportEntity, "r")
    .select("r.state", "state")
    .addSelect("COUNT(*)", "n")
    .where(`r.year = :year AND r.agency_id IN ${SUBTREE}`, { year, root })
    .groupBy("r.state")
    .getRawMany<{ state: string; n: string | number }>();
  return rows.map(row => ({ state: row.state, count: Number(row.n) }));
}

function missingAgencies(manager: EntityManager, year: number, root: number) {
  return manager
    .createQueryBuilder(AgencyEntity, "a")
    .where(`a.id IN ${SUBTREE}`, { root })
    .andWhere("NOT EXISTS (SELECT 1 FROM report r WHERE r.agency_id = a.id AND r.year = :year)", { year })
    .orderBy("a.id", "ASC")
    .take(LIST_LIMIT)
    .getMany();
}
