import DataLoader from "dataloader";
import { In } from "typeorm";
import type { EntityManager } from "typeorm";
import { EventLoopTurns, hydrate, placeholders, selectList } from "../db";
import type { Database } from "../db";
import { AgencyEntity, ReportEntity } from "../entities";
import { validateReport } from "../validation";
import type { Violation } from "../validation";
import type { ReadScope } from "./access";
import { ContentCache } from "./content-cache";
import { loadParticipants } from "./participants";
import type { Participants } from "./participants";
import { revisionContent } from "./published-content";
import { identityKey, reportIdentity } from "./report-identity";
import { loadContents } from "./report-store";
import type { ReportContent } from "./report-store";

/**
 * Per-request batch loaders: every report field of a list page is fetched with
 * a constant number of queries, whatever the page size. Created per request,
 * never shared, so one user's cached rows never reach another.
 *
 * Every loader answers as this request's reader sees the report (`scope`):
 * `report` gives the row for insiders and the latest published revision's view
 * for outsiders (ReadScope.view); `content`, `validation` follow.
 */
export interface Loaders {
  agency: DataLoader<number, AgencyEntity | null>;
  /** The report as this reader sees it; null when it does not exist or is not visible. */
  report: DataLoader<number, ReportEntity | null>;
  /** The content this reader sees: live for insiders, the latest published revision's for outsiders. */
  content: DataLoader<number, ReportContent>;
  /** Key: `${agencyId}:${year}`. The report as this reader sees it, or null. */
  reportByAgencyYear: DataLoader<string, ReportEntity | null>;
  validation: DataLoader<number, Violation[]>;
  /** Who edited, submitted and cleared the revision under work (the four-eyes facts); insiders only. */
  participants: DataLoader<number, Participants>;
  /** Waits for this request's next turn of the event loop, one after another (see EventLoopTurns). */
  turn(): Promise<void>;
}

/** The reports with these ids and, for each, its agency's report of the year before (if any), in one statement. */
async function withPreviousYear(manager: EntityManager, ids: readonly number[]): Promise<ReportEntity[]> {
  const rows = await manager.query<Array<Record<string, unknown>>>(
    `SELECT ${selectList(manager, ReportEntity, "r")} FROM report r
      JOIN report o ON o.agency_id = r.agency_id AND (o.id = r.id OR o.year = r.year + 1) WHERE o.id IN (${placeholders(manager, ids.length)})`,
    [...ids],
  );
  return hydrate(manager, ReportEntity, rows);
}

/** The reports of these agencies in these years (IN lists use the (agency, year) index; a long OR of pairs made SQLite scan). */
async function byAgencyAndYear(manager: EntityManager, agencies: number[], years: number[]): Promise<ReportEntity[]> {
  const rows = await manager.query<Array<Record<string, unknown>>>(
    `SELECT ${selectList(manager, ReportEntity, "r")} FROM report r
      WHERE r.agency_id IN (${placeholders(manager, agencies.length)}) AND r.year IN (${placeholders(manager, years.length, agencies.length + 1)})`,
    [...agencies, ...years],
  );
  return hydrate(manager, ReportEntity, rows);
}

/** Report rows the request already read (with the data version): the reports it names and their years before. */
export interface StoredReports {
  ids: readonly number[];
  rows: readonly ReportEntity[];
  /** The live content of some of those rows, at their versions. */
  contents?: ReadonlyMap<number, ReportContent>;
}

export function createLoaders(db: Database, scope: ReadScope, cache = new ContentCache(), stored?: StoredReports): Loaders {
  const turns = new EventLoopTurns();
  const agency = agencyLoader(db, cache);
  const { row, rowByAgencyYear, primeRows } = rowLoaders(db);
  if (stored) {
    for (const id of stored.ids) row.prime(id, stored.rows.find(found => found.id === id) ?? null);
    primeRows(stored.rows, stored.ids);
    for (const found of stored.rows) {
      const content = stored.contents?.get(found.id);
      const key = ContentCache.liveKey(found.id, found.version);
      if (content && !cache.content(key)) cache.remember(key, content);
    }
  }
  const viewOf = (rows: Array<ReportEntity | null | Error>) =>
    scope.view(rows.filter((found): found is ReportEntity => found instanceof ReportEntity)).then(views => {
      const byId = new Map(views.filter((view): view is ReportEntity => view !== null).map(view => [view.id, view]));
      return rows.map(found => (found instanceof ReportEntity ? (byId.get(found.id) ?? null) : null));
    });
  const report = new DataLoader<number, ReportEntity | null>(async ids => viewOf(await row.loadMany(ids)));
  const reportByAgencyYear = new DataLoader<string, ReportEntity | null>(async keys => viewOf(await rowByAgencyYear.loadMany(keys)));
  const content = new DataLoader<number, ReportContent>(
    async ids => {
      const rows = (await row.loadMany(ids)).filter((found): found is ReportEntity => found instanceof ReportEntity);
      const contents = await readContents(db, scope, cache, rows);
      return ids.map(id => contents.get(id) ?? new Error(`report ${id} not found`));
    },
    // Note: a batch waits for the end of this turn of the event loop, not of its microtasks: validation asks for
    // last year's content a few promises after the tables asked for this year's, and both come in one statement.
    { batchScheduleFn: callback => setImmediate(callback) },
  );
  const validate = async (current: ReportEntity) => {
    // Note: last year's report counts only as this reader sees it (its published revision at least).
    const previous = await reportByAgencyYear.load(`${current.agencyId}:${current.year - 1}`);
    const [own, last, owner] = await Promise.all([
      content.load(current.id),
      previous ? content.load(previous.id) : Promise.resolve(undefined),
      agency.load(current.agencyId),
    ]);
    const identity = reportIdentity(current, owner);
    // Note: each report's validation in a turn of the event loop of its own, so a page is not one long block.
    await turns.next();
    return cache.validation(own, last, () => validateReport(own, last, identity), identityKey(identity));
  };
  const validation = new DataLoader<number, Violation[]>(async ids =>
    Promise.all((await row.loadMany(ids)).map(async current => (current instanceof ReportEntity ? validate(current) : new Error("report not found")))),
  );
  const participants = new DataLoader<number, Participants>(async ids => {
    const loaded = await db.read(manager => loadParticipants(manager, [...ids]));
    return ids.map(id => loaded.get(id)!);
  });
  return { agency, report, content, reportByAgencyYear, validation, participants, turn: () => turns.next() };
}

function agencyLoader(db: Database, cache: ContentCache): DataLoader<number, AgencyEntity | null> {
  return new DataLoader<number, AgencyEntity | null>(async ids => {
    // Note: an agency row never changes once written (agencies are only added), so the process keeps them: all
    // of them at the first miss (one statement, where reads across many agencies cost one each), then by id.
    if (ids.some(id => !cache.agency(id))) {
      await cache.rememberAllAgencies(limit => db.read(manager => manager.find(AgencyEntity, { order: { id: "ASC" }, take: limit })));
    }
    const missing = ids.filter(id => !cache.agency(id));
    const rows = missing.length ? await db.read(manager => manager.findBy(AgencyEntity, { id: In(missing) })) : [];
    for (const found of rows) cache.rememberAgency(found);
    return ids.map(id => cache.agency(id) ?? null);
  });
}

/** Report rows as stored (before any reader's view), by id and by `${agencyId}:${year}`. */
function rowLoaders(db: Database) {
  const row = new DataLoader<number, ReportEntity | null>(async ids => {
    // Note: each report comes with its agency's report of the year before in the same statement: validation
    // reads that one next, so a read costs one statement for both, and the second loader is primed with it.
    const rows = await db.read(manager => withPreviousYear(manager, [...ids]));
    primeRows(rows, ids);
    return ids.map(id => rows.find(found => found.id === id) ?? null);
  });
  const rowByAgencyYear = new DataLoader<string, ReportEntity | null>(async keys => {
    const pairs = keys.map(key => key.split(":").map(Number));
    const agencies = [...new Set(pairs.map(([agencyId]) => agencyId))];
    const years = [...new Set(pairs.map(([, year]) => year))];
    const rows = await db.read(manager => byAgencyAndYear(manager, agencies, years));
    return pairs.map(([agencyId, year]) => rows.find(found => found.agencyId === agencyId && found.year === year) ?? null);
  });
  /** Primes both loaders with the rows of the reports `ids` and of their agencies' reports of the year before. */
  const primeRows = (rows: readonly ReportEntity[], ids: readonly number[]) => {
    for (const found of rows) {
      rowByAgencyYear.prime(`${found.agencyId}:${found.year}`, found);
      if (!ids.includes(found.id)) row.prime(found.id, found);
    }
    for (const id of ids) {
      const found = rows.find(other => other.id === id);
      const previous = found && `${found.agencyId}:${found.year - 1}`;
      if (previous && !rows.some(other => other.agencyId === found.agencyId && other.year === found.year - 1)) rowByAgencyYear.prime(previous, null);
    }
  };
  return { row, rowByAgencyYear, primeRows };
}

/** The content of each report as this reader sees it (`scope.reading`), from the cache where it holds it. */
async function readContents(db: Database, scope: ReadScope, cache: ContentCache, rows: ReportEntity[]): Promise<Map<number, ReportContent>> {
  const readings = await Promise.all(rows.map(found => scope.reading(found)));
  // Note: a published report's live content is its published revision (content changes only in draft), so it is read live.
  const live = rows.filter((found, i) => readings[i] === "live" || (readings[i] === "published" && found.state === "published"));
  const published = rows.filter((found, i) => readings[i] === "published" && found.state !== "published").map(found => found.id);
  const contents = new Map<number, ReportContent>();
  const missing = live.filter(found => {
    const cached = cache.content(ContentCache.liveKey(found.id, found.version));
    if (cached) contents.set(found.id, cached);
    return !cached;
  });
  if (missing.length) {
    const loaded = await db.read(manager => loadContents(manager, missing));
    for (const [id, value] of loaded) {
      const { version } = missing.find(found => found.id === id)!;
      contents.set(id, cache.remember(ContentCache.liveKey(id, version), value));
    }
  }
  for (const [id, revision] of await scope.publishedRevisions(published)) {
    const key = ContentCache.revisionKey(revision.id);
    contents.set(id, cache.content(key) ?? cache.remember(key, revisionContent(revision)));
  }
  return contents;
}
