import DataLoader from "dataloader";
import { In } from "typeorm";
import { EventLoopTurns } from "../db";
import type { Database } from "../db";
import { AgencyEntity, ReportEntity } from "../entities";
import { validateReport } from "../validation";
import type { Violation } from "../validation";
import type { ReadScope } from "./access";
import { latestPublishedRevisions, revisionContent } from "./published-content";
import { ContentCache } from "./content-cache";
import { loadContents } from "./report-store";
import type { ReportContent } from "./report-store";

/**
 * Per-request batch loaders: every report field of a list page is fetched with
 * a constant number of queries, whatever the page size. Created per request,
 * never shared, so one user's cached rows never reach another.
 */
export interface Loaders {
  agency: DataLoader<number, AgencyEntity | null>;
  report: DataLoader<number, ReportEntity | null>;
  content: DataLoader<number, ReportContent>;
  /** Key: `${agencyId}:${year}`. */
  reportByAgencyYear: DataLoader<string, ReportEntity | null>;
  validation: DataLoader<number, Violation[]>;
  /** Waits for this request's next turn of the event loop, one after another (see EventLoopTurns). */
  turn(): Promise<void>;
}

/**
 * `scope` decides whose content is live: a viewer who may not see a report's
 * current draft (the public, during a correction) gets its latest published
 * revision instead, so the public keeps seeing what was published.
 */
export function createLoaders(db: Database, scope?: ReadScope, cache = new ContentCache()): Loaders {
  const turns = new EventLoopTurns();
  const agency = new DataLoader<number, AgencyEntity | null>(async ids => {
    const rows = await db.read(manager => manager.findBy(AgencyEntity, { id: In([...ids]) }));
    return ids.map(id => rows.find(row => row.id === id) ?? null);
  });
  const report = new DataLoader<number, ReportEntity | null>(async ids => {
    const rows = await db.read(manager => manager.findBy(ReportEntity, { id: In([...ids]) }));
    return ids.map(id => rows.find(row => row.id === id) ?? null);
  });
  const content = new DataLoader<number, ReportContent>(async ids => {
    const reports = (await report.loadMany(ids)).filter((row): row is ReportEntity => row instanceof ReportEntity);
    const live: ReportEntity[] = [];
    const published: number[] = [];
    for (const row of reports) {
      if (!scope || (await scope.canReadDraft(row))) live.push(row);
      else published.push(row.id);
    }
    const contents = new Map<number, ReportContent>();
    const missing = live.filter(row => {
      const cached = cache.content(ContentCache.liveKey(row.id, row.version));
      if (cached) contents.set(row.id, cached);
      return !cached;
    });
    await db.read(async manager => {
      for (const [id, loaded] of missing.length ? await loadContents(manager, missing) : []) {
        const { version } = missing.find(row => row.id === id)!;
        contents.set(id, cache.remember(ContentCache.liveKey(id, version), loaded));
      }
      for (const [id, revision] of await latestPublishedRevisions(manager, published)) {
        const key = ContentCache.revisionKey(revision.id);
        contents.set(id, cache.content(key) ?? cache.remember(key, revisionContent(revision)));
      }
    });
    return ids.map(id => contents.get(id) ?? new Error(`report ${id} not found`));
  });
  const reportByAgencyYear = new DataLoader<string, ReportEntity | null>(async keys => {
    const pairs = keys.map(key => key.split(":").map(Number));
    // Note: IN lists use the (agency, year) index; a long OR of pairs made SQLite scan.
    const agencies = [...new Set(pairs.map(([agencyId]) => agencyId))];
    const years = [...new Set(pairs.map(([, year]) => year))];
    const rows = await db.read(manager => manager.findBy(ReportEntity, { agencyId: In(agencies), year: In(years) }));
    return pairs.map(([agencyId, year]) => rows.find(row => row.agencyId === agencyId && row.year === year) ?? null);
  });
  const validation = new DataLoader<number, Violation[]>(async ids => {
    const reports = await report.loadMany(ids);
    return Promise.all(
      reports.map(async current => {
        if (!(current instanceof ReportEntity)) {
          return new Error("report not found");
        }
        const found = await reportByAgencyYear.load(`${current.agencyId}:${current.year - 1}`);
        // Note: last year's report counts only where this viewer may read it (its published revision at least).
        const previous = found && (!scope || (await scope.canRead(found))) ? found : null;
        const [own, last] = await Promise.all([
          content.load(current.id),
          previous ? content.load(previous.id) : Promise.resolve(undefined),
        ]);
        // Note: each report's validation in a turn of the event loop of its own, so a page is not one long block.
        await turns.next();
        return cache.validation(own, last, () => validateReport(own, last));
      }),
    );
  });
  return { agency, report, content, reportByAgencyYear, validation, turn: () => turns.next() };
}
