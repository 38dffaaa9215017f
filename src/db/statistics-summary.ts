import type { EntityManager } from "typeorm";
import { getFormat, toStoredValue } from "../formats";
import type { FormatId } from "../formats";
import { groupMemo } from "./chain-lock";
import type { Write } from "./write-batch";

/**
 * The per-year statistics summary: what `statistics` reads instead of summing
 * every cell of every report under an office on each request. Each report
 * counts once in every agency above it (agencies are only ever added, never
 * moved, so an agency's ancestors never change):
 *   statistics_count — reports by (year, ancestor, format, state, published or not);
 *   statistics_cell  — the summable cells of each report's latest published revision, summed, and how many
 *                      non-blank values went into each sum (a sum of none is a blank, not 0);
 *   statistics_year  — a version per year, bumped by every change, for caches of whole answers.
 * Kept in the transaction of every report creation and workflow step; rebuilt from scratch by the migration,
 * the demo generator (which writes rows directly) and the tests that check it.
 */

/** Tables whose cells are counts of the same kind in every report, so their sums mean something. */
export const SUMMABLE_TABLES = ["apply", "review"];

export interface CountedReport {
  agencyId: number;
  year: number;
  formatId: string;
  state: string;
  publishedAt: Date | null;
}

/**
 * Moves reports between count rows: each change is a report with +1 (now counted so) or −1 (no longer). All rows
 * go in one statement, sorted: concurrent steps on PostgreSQL then lock shared rows (an office's) in the same
 * order, so two steps going opposite ways (SUBMIT beside WITHDRAW) wait for each other instead of deadlocking.
 */
export async function countReports(manager: EntityManager, changes: Array<{ report: CountedReport; delta: 1 | -1 }>): Promise<void> {
  for (const write of await countWrites(manager, changes)) await manager.query(write.sql, write.params);
}

/**
 * countReports without running its statements, for a caller that runs them with other writes (writeIfSet): none
 * of them touches a row another does.
 */
export async function countWrites(manager: EntityManager, changes: Array<{ report: CountedReport; delta: 1 | -1 }>): Promise<Write[]> {
  const rows: Array<[number, number, string, string, number, number]> = [];
  for (const { report, delta } of changes) {
    for (const id of await ancestorsOf(manager, report.agencyId))
      rows.push([report.year, id, report.formatId, report.state, report.publishedAt ? 1 : 0, delta]);
  }
  const merged = new Map<string, [number, number, string, string, number, number]>();
  for (const row of rows) {
    const key = JSON.stringify(row.slice(0, 5));
    const known = merged.get(key);
    if (known) known[5] += row[5];
    else merged.set(key, [...row]);
  }
  const sorted = [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  const writes = upserts(manager, "statistics_count", ["year", "agency_id", "format_id", "state", "published"], ["n"], sorted);
  for (const year of [...new Set(changes.map(change => change.report.year))].sort()) writes.push(...yearBump(manager, year));
  return writes;
}

/** Adds (+1) or removes (−1) one report in the counts of its agency and every agency above it. */
export function countReport(manager: EntityManager, report: CountedReport, delta: 1 | -1): Promise<void> {
  return countReports(manager, [{ report, delta }]);
}

/** Adds (+1) or removes (−1) a published content's summable cells in the sums of the agency and every agency above it. */
export async function sumPublished(
  manager: EntityManager,
  report: { agencyId: number; year: number },
  content: { format: FormatId; cells: Record<string, string | null> },
  delta: 1 | -1,
): Promise<void> {
  const format = getFormat(content.format);
  const values: Array<[string, bigint]> = [];
  for (const [key, value] of Object.entries(content.cells)) {
    const cell = format.cells.get(key);
    if (value !== null && cell && SUMMABLE_TABLES.includes(cell.table.id)) values.push([key, toStoredValue(cell, value)]);
  }
  const ancestors = await ancestorsOf(manager, report.agencyId);
  // Note: sorted by agency then cell, the order every publication locks them in (see countReports).
  values.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const rows = ancestors
    .slice()
    .sort((a, b) => a - b)
    .flatMap(id => values.map(([key, total]) => [report.year, id, format.id, key, String(BigInt(delta) * total), delta]));
  await upsert(manager, "statistics_cell", ["year", "agency_id", "format_id", "cell_key"], ["total", "n"], rows);
  await bumpYear(manager, report.year);
}

/** The year's summary version: changes whenever any report of the year is created or takes a step. */
export async function summaryVersion(manager: EntityManager, year: number): Promise<number> {
  const rows = await manager.query<Array<{ version: number | string }>>(`SELECT version FROM statistics_year WHERE year = ${p(manager, 1)}`, [year]);
  return Number(rows[0]?.version ?? 0);
}

/**
 * Inside a group (PostgreSQL) once per year for the whole group: its changes become visible together at its COMMIT,
 * so one bump says that the year changed as well as one a step; a step rolled back forgets the group's bumps.
 */
async function bumpYear(manager: EntityManager, year: number): Promise<void> {
  for (const write of yearBump(manager, year)) await manager.query(write.sql, write.params);
}

/**
 * The year's version bump, or nothing when the group has bumped it already. Taken as done when made: if it is
 * not run after all, the unit failed, and its group forgets what was done (groupUnitRolledBack).
 */
function yearBump(manager: EntityManager, year: number): Write[] {
  const done = groupMemo(manager)?.done;
  const key = `statistics_year:${year}`;
  if (done?.has(key)) return [];
  done?.add(key);
  return upserts(manager, "statistics_year", ["year"], ["version"], [[year, 1]]);
}

const UPSERT_ROWS = 200;

async function upsert(manager: EntityManager, table: string, keys: string[], adds: string[], rows: unknown[][]): Promise<void> {
  for (const write of upserts(manager, table, keys, adds, rows)) await manager.query(write.sql, write.params);
}

/** INSERT … ON CONFLICT DO UPDATE adding `adds` to the existing row (SQLite ≥ 3.24 and PostgreSQL alike). */
function upserts(manager: EntityManager, table: string, keys: string[], adds: string[], rows: unknown[][]): Write[] {
  const columns = [...keys, ...adds];
  const writes: Write[] = [];
  for (let start = 0; start < rows.length; start += UPSERT_ROWS) {
    const chunk = rows.slice(start, start + UPSERT_ROWS);
    let n = 0;
    const values = chunk.map(() => `(${columns.map(() => p(manager, ++n)).join(", ")})`).join(", ");
    const sets = adds.map(column => `${column} = ${table}.${column} + excluded.${column}`).join(", ");
    writes.push({
      sql: `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${values} ON CONFLICT (${keys.join(", ")}) DO UPDATE SET ${sets}`,
      params: chunk.flat(),
    });
  }
  return writes;
}

const ancestry = new WeakMap<object, Map<number, number[]>>();
const ANCESTRY_LIMIT = 100_000;

/** The agency and every agency above it (remembered: agencies never move). */
async function ancestorsOf(manager: EntityManager, agencyId: number): Promise<number[]> {
  const cache = ancestry.get(manager.connection) ?? new Map<number, number[]>();
  ancestry.set(manager.connection, cache);
  const hit = cache.get(agencyId);
  if (hit) return hit;
  const rows = await manager.query<Array<{ id: number | string }>>(
    `WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM agency WHERE id = ${p(manager, 1)}
       UNION ALL SELECT a.id, a.parent_id FROM agency a JOIN up ON a.id = up.parent_id) SELECT id FROM up`,
    [agencyId],
  );
  const ids = rows.map(row => Number(row.id));
  if (cache.size >= ANCESTRY_LIMIT) cache.clear();
  cache.set(agencyId, ids);
  return ids;
}

function p(manager: EntityManager, n: number): string {
  return manager.connection.driver.options.type === "postgres" ? `$${n}` : "?";
}

/** Every (agency, ancestor-or-self) pair, as SQL. */
const CLOSURE = `WITH RECURSIVE up(agency_id, ancestor_id) AS (SELECT id, id FROM agency
  UNION ALL SELECT up.agency_id, a.parent_id FROM up JOIN agency a ON a.id = up.ancestor_id WHERE a.parent_id IS NOT NULL)`;

/**
 * Adds the given reports (all reports when null) to the summary from what is stored: their rows, and the
 * summable cells of their latest published revision. Used on an empty summary (the migration's backfill,
 * `rebuildSummary`) or for reports written without the services (the demo generator).
 */
export async function addStoredReports(manager: EntityManager, reportIds: number[] | null): Promise<void> {
  if (reportIds?.length === 0) return;
  const only = reportIds ? `AND r.id IN (${reportIds.map(id => Number(id)).join(", ")})` : "";
  await manager.query(
    `INSERT INTO statistics_count (year, agency_id, format_id, state, published, n)
     ${CLOSURE} SELECT r.year, up.ancestor_id, r.format_id, r.state, CASE WHEN r.published_at IS NULL THEN 0 ELSE 1 END, COUNT(*)
     FROM report r JOIN up ON up.agency_id = r.agency_id WHERE 1 = 1 ${only}
     GROUP BY r.year, up.ancestor_id, r.format_id, r.state, CASE WHEN r.published_at IS NULL THEN 0 ELSE 1 END
     ON CONFLICT (year, agency_id, format_id, state, published) DO UPDATE SET n = statistics_count.n + excluded.n`,
  );
  const published = await manager.query<Array<{ id: number | string; agency_id: number | string; year: number | string }>>(
    `SELECT r.id, r.agency_id, r.year FROM report r WHERE r.published_at IS NOT NULL ${only} ORDER BY r.id`,
  );
  for (let start = 0; start < published.length; start += 500) {
    const chunk = published.slice(start, start + 500);
    const contents = await latestPublishedContents(
      manager,
      chunk.map(row => Number(row.id)),
    );
    for (const row of chunk) {
      const content = contents.get(Number(row.id));
      if (content) await sumPublished(manager, { agencyId: Number(row.agency_id), year: Number(row.year) }, content, 1);
    }
  }
  const years = await manager.query<Array<{ year: number | string }>>(`SELECT DISTINCT r.year FROM report r WHERE 1 = 1 ${only}`);
  for (const { year } of years) await bumpYear(manager, Number(year));
}

/** Empties the summary and builds it again from the stored reports (tests compare the two). */
export async function rebuildSummary(manager: EntityManager): Promise<void> {
  await manager.query("DELETE FROM statistics_count");
  await manager.query("DELETE FROM statistics_cell");
  await addStoredReports(manager, null);
}

export interface PublishedContent {
  format: FormatId;
  cells: Record<string, string | null>;
}

/** The latest published revision's content of each report (the canonical JSON of content-hash.ts); `skip` newest ones passed over. */
export async function latestPublishedContents(manager: EntityManager, reportIds: number[], skip = 0): Promise<Map<number, PublishedContent>> {
  const found = new Map<number, PublishedContent>();
  if (!reportIds.length) return found;
  const rows = await manager.query<Array<{ report_id: number | string; content: string }>>(
    `SELECT report_id, content FROM report_revision WHERE kind = 'published' AND report_id IN (${reportIds.map(id => Number(id)).join(", ")})
     ORDER BY id DESC`,
  );
  const seen = new Map<number, number>();
  for (const row of rows) {
    const id = Number(row.report_id);
    const index = seen.get(id) ?? 0;
    seen.set(id, index + 1);
    if (index !== skip) continue;
    const stored = JSON.parse(row.content) as { format: FormatId; cells: Array<[string, string | null]> };
    found.set(id, { format: stored.format, cells: Object.fromEntries(stored.cells) });
  }
  return found;
}
