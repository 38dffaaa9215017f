import type { AgencyEntity } from "../entities";
import type { Violation } from "../validation";
import { LruCache } from "./lru-cache";
import type { Participants } from "./participants";
import type { ReportContent } from "./report-store";

/** What the kept contents may weigh together, as contentWeight estimates them (≈ half of it in heap, measured). */
export const CONTENT_BUDGET_BYTES = 64 * 1024 * 1024;
/**
 * Contents (and validations, participants) kept per process at most: the deadline's steps touch each report and
 * last year's, so the benchmark's 1,000 step reports need 2,000 (bench/config.ts CACHE_CAPACITY says the same).
 */
export const CONTENTS_KEPT = 2_500;

/** What a content's object and maps take besides their entries. */
const CONTENT_BYTES = 1_000;
/**
 * What one cell takes: its entry in `cells`, its key and value strings' headers, and its share of the GraphQL
 * tables built from the content (a row object per row, a slot in a values array). It overestimates: the
 * benchmark's 800 contents of 8 years estimated 18.8 MB and took 10.1 MB of heap with their tables, sections and validation.
 */
const CELL_BYTES = 56;

/**
 * An estimate of what a content and what is built from it (contentTables, contentSections) keep, in bytes. Once per
 * content (kept contents are read-only): a step remembers its content again under each version it makes.
 */
export function contentWeight(content: ReportContent): number {
  let bytes = weights.get(content);
  if (bytes === undefined) weights.set(content, (bytes = weighed(content)));
  return bytes;
}

const weights = new WeakMap<ReportContent, number>();

function weighed(content: ReportContent): number {
  let bytes = CONTENT_BYTES + (content.channels?.length ?? 0) * 64;
  for (const key in content.cells) bytes += CELL_BYTES + key.length + (content.cells[key]?.length ?? 0);
  // Note: narrative text is mostly Chinese, two bytes a character in V8's strings.
  for (const key in content.sections) bytes += 64 + key.length + 2 * (content.sections[key]?.length ?? 0);
  return bytes;
}

/**
 * Process-wide caches of report content and validation results, keyed by what
 * makes them what they are: a live report's id and version (every change bumps
 * the version, in any instance), or an immutable revision's id. So a cached
 * entry is never stale, and instances sharing a database need no invalidation.
 * Contents handed out are shared: treat them as read-only.
 */
/** Agency rows kept per process (every agency of a province's tree many times over). */
const AGENCIES_KEPT = 20_000;

export class ContentCache {
  // Note: sized to keep a busy instance under ~300 MB RSS (measured with npm run bench): at most CONTENTS_KEPT contents
  // and CONTENT_BUDGET_BYTES of their estimated size (with the tables and sections built from them, which live as long).
  private readonly contents = new LruCache<string, ReportContent>(CONTENTS_KEPT, { weightOf: contentWeight, maxWeight: CONTENT_BUDGET_BYTES });
  private readonly validations = new LruCache<string, Violation[]>(CONTENTS_KEPT);
  /** Who took part in each report's revision under work, per report version (the four-eyes facts of a step). */
  private readonly participantSets = new LruCache<string, Participants>(CONTENTS_KEPT);
  private readonly keys = new WeakMap<ReportContent, string>();
  /** Agency rows (never changed once written): a few hundred bytes each. */
  private readonly agencies = new LruCache<number, AgencyEntity>(AGENCIES_KEPT);
  private allAgencies: Promise<void> | null = null;

  agency(id: number): AgencyEntity | undefined {
    return this.agencies.get(id);
  }

  /** Remembers the agencies `load` reads (at most as many as are kept), once per process; failures are not kept. */
  rememberAllAgencies(load: (limit: number) => Promise<AgencyEntity[]>): Promise<void> {
    this.allAgencies ??= load(AGENCIES_KEPT).then(
      rows => rows.forEach(found => this.rememberAgency(found)),
      error => {
        this.allAgencies = null;
        throw error;
      },
    );
    return this.allAgencies;
  }

  rememberAgency(agency: AgencyEntity): void {
    this.agencies.set(agency.id, agency);
  }

  /** Contents kept and their estimated weight (for tests and diagnostics). */
  get contentSize(): { entries: number; weight: number } {
    return this.contents.size;
  }

  participants(reportId: number, version: number): Participants | undefined {
    return this.participantSets.get(ContentCache.liveKey(reportId, version));
  }

  rememberParticipants(reportId: number, version: number, participants: Participants): Participants {
    this.participantSets.set(ContentCache.liveKey(reportId, version), participants);
    return participants;
  }

  static liveKey(reportId: number, version: number): string {
    return `live:${reportId}:${version}`;
  }

  static revisionKey(revisionId: number): string {
    return `revision:${revisionId}`;
  }

  content(key: string): ReportContent | undefined {
    return this.contents.get(key);
  }

  remember(key: string, content: ReportContent): ReportContent {
    // Note: a content remembered again under a later version (a step carries it forward) keeps its first key,
    // so its validation, keyed by that, is found again rather than computed anew.
    if (!this.keys.has(content)) this.keys.set(content, key);
    this.contents.set(key, content);
    return content;
  }

  /**
   * Validation of `own` against `previous`, computed once per pair of contents
   * and identity (`identityKey`: the title and the agency's name and kind).
   */
  validation(own: ReportContent, previous: ReportContent | undefined, compute: () => Violation[], identityKey = ""): Violation[] {
    const ownKey = this.keys.get(own);
    const previousKey = previous ? this.keys.get(previous) : "none";
    if (!ownKey || !previousKey) return compute();
    const key = `${ownKey}|${previousKey}|${identityKey}`;
    const cached = this.validations.get(key);
    if (cached) return cached;
    const computed = compute();
    this.validations.set(key, computed);
    return computed;
  }
}
