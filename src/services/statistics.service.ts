import type { EntityManager, SelectQueryBuilder } from "typeorm";
import type { Database } from "../db";
import { SUMMABLE_TABLES } from "../db/statistics-summary";
import { AgencyEntity, ReportEntity } from "../entities";
import { FIRST_REPORT_YEAR, formatForYear, fromStoredValue } from "../formats";
import type { Format } from "../formats";
import { DEADLINE_RULES, deadlineInstant, dueDate } from "../workflow";
import type { ApprovalState } from "../workflow";
import { placeholder } from "./access";
import type { Actor } from "./actor";
import { auditScope } from "./audit-query";
import { UserErrorCode, problem } from "./errors";
import { LruCache } from "./lru-cache";

export { SUMMABLE_TABLES };
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
 * review/litigation tables summed over the agency and all agencies under it and
 * report counts by state (both read from the per-year summary), and who is
 * overdue or published late (in SQL).
 */
export async function statistics(db: Database, actor: Actor, year: number, agencyId: number, now = new Date()): Promise<Statistics> {
  const format = formatForYear(year);
  if (!format || year > now.getUTCFullYear()) {
    throw problem(UserErrorCode.INVALID_INPUT, `Year ${year} is out of range: reports exist from ${FIRST_REPORT_YEAR} up to ${now.getUTCFullYear()}.`, [
      "year",
    ]);
  }
  const deadlines = agencyDeadlines(year, now);
  const key = await db.read(async manager => {
    const scope = await auditScope(manager, actor);
    if (scope !== null && !scope.includes(agencyId)) {
      throw problem(UserErrorCode.NOT_FOUND, "No agency you audit has this id.", ["agencyId"]);
    }
    const [{ version, newest }] = await manager.query<Array<{ version: number | string | null; newest: number | string | null }>>(
      `SELECT (SELECT version FROM statistics_year WHERE year = ${placeholder(manager, 1)}) AS version, (SELECT MAX(id) FROM agency) AS newest`,
      [year],
    );
    return `${year}:${agencyId}:${Number(version)}:${Number(newest)}:${deadlines.past}`;
  });
  const answers = answersOf(db);
  const known = answers.get(key);
  if (known) return known;
  // Note: one computation per key however many ask at once; a failed one is not kept.
  const computing = db.read(manager => compute(manager, format, year, agencyId, deadlines));
  answers.set(key, computing);
  computing.catch(() => answers.delete(key));
  return computing;
}

/**
 * Whole answers, keyed by what they are computed from: the year's summary version (bumped in the transaction
 * of every report creation and workflow step), the newest agency (agencies are only added), and which
 * deadlines have passed. The reader's right to the agency is checked before, on every request; the answer
 * itself is the same for every reader allowed to see it. Few are kept: an answer holds up to 1,500 rows.
 */
const answerCaches = new WeakMap<Database, LruCache<string, Promise<Statistics>>>();
const ANSWERS_KEPT = 16;

function answersOf(db: Database): LruCache<string, Promise<Statistics>> {
  const found = answerCaches.get(db) ?? new LruCache<string, Promise<Statistics>>(ANSWERS_KEPT);
  answerCaches.set(db, found);
  return found;
}

async function compute(manager: EntityManager, format: Format, year: number, agencyId: number, deadlines: DeadlineSql): Promise<Statistics> {
  return {
    year,
    format,
    dueDate: dueDate(year),
    ...(await summarised(manager, format, year, agencyId)),
    overdue: await reports(manager, year, agencyId).andWhere(`r.published_at IS NULL AND ${deadlines.past} = 1`, deadlines.params).getMany(),
    publishedLate: await reports(manager, year, agencyId).andWhere(deadlines.late, deadlines.params).getMany(),
    missing: await missingAgencies(manager, year, agencyId, deadlines),
  };
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
  return (
    manager
      .createQueryBuilder(ReportEntity, "r")
      .innerJoin(AgencyEntity, "a", "a.id = r.agency_id")
      .where(`r.year = :year AND r.agency_id IN ${SUBTREE}`, { year, root })
      .orderBy("r.id", "ASC")
      // Note: limit, not take: take with a join costs a second (DISTINCT ids) statement.
      .limit(LIST_LIMIT)
  );
}

/** The sums and report counts, from the per-year summary (src/db/statistics-summary.ts): a few rows, not every cell. */
async function summarised(manager: EntityManager, format: Format, year: number, root: number) {
  const cells = await manager.query<Array<{ cell_key: string; total: string | number }>>(
    `SELECT cell_key, total FROM statistics_cell WHERE year = ${placeholder(manager, 1)} AND agency_id = ${placeholder(manager, 2)}
       AND format_id = ${placeholder(manager, 3)} AND n > 0`,
    [year, root, format.id],
  );
  const sums: Record<string, string> = {};
  for (const row of cells) {
    const cell = format.cells.get(row.cell_key);
    if (cell) sums[cell.key] = fromStoredValue(cell, BigInt(row.total));
  }
  const counts = await manager.query<Array<{ format_id: string; state: string; published: number | string; n: number | string }>>(
    `SELECT format_id, state, published, n FROM statistics_count WHERE year = ${placeholder(manager, 1)} AND agency_id = ${placeholder(manager, 2)} AND n <> 0`,
    [year, root],
  );
  const byState = new Map<string, number>();
  let summedReports = 0;
  let excludedReports = 0;
  for (const row of counts) {
    const n = Number(row.n);
    byState.set(row.state, (byState.get(row.state) ?? 0) + n);
    if (Number(row.published) === 1 && row.format_id === format.id) summedReports += n;
    else if (Number(row.published) === 1) excludedReports += n;
  }
  return { sums, summedReports, excludedReports, byState: [...byState].map(([state, count]) => ({ state: state as ApprovalState, count })) };
}

function missingAgencies(manager: EntityManager, year: number, root: number, deadlines: DeadlineSql) {
  return manager
    .createQueryBuilder(AgencyEntity, "a")
    .where(`a.id IN ${SUBTREE} AND ${deadlines.past} = 1`, { root, ...deadlines.params })
    .andWhere("NOT EXISTS (SELECT 1 FROM report r WHERE r.agency_id = a.id AND r.year = :year)", { year })
    .orderBy("a.id", "ASC")
    .limit(LIST_LIMIT)
    .getMany();
}
