import type { AgencyEntity } from "../entities";
import type { Violation } from "../validation";
import { LruCache } from "./lru-cache";
import type { Participants } from "./participants";
import type { ReportContent } from "./report-store";

/** Contents (and validations) kept per process at most; the benchmark's CACHE_CAPACITY says the same. */
export const CONTENTS_KEPT = 2_500;

/** A content's size in memory, roughly: UTF-16 text and a few dozen bytes of overhead per cell. */
export function contentBytes(content: ReportContent): number {
  let bytes = 1_024;
  for (const value of Object.values(content.cells)) bytes += 40 + (value?.length ?? 0) * 2;
  for (const body of Object.values(content.sections)) bytes += 40 + body.length * 2;
  return bytes;
}

/**
 * Process-wide caches of report content and validation results, keyed by what
 * makes them what they are: a live report's id and version (every change bumps
 * the version, in any instance), or an immutable revision's id. So a cached
 * entry is never stale, and instances sharing a database need no invalidation.
 * Contents handed out are shared: treat them as read-only.
 */
export class ContentCache {
  // Note: bounded by count and by estimated size, to keep a busy instance under ~300 MB RSS (npm run bench): the
  // deadline's steps touch each report and last year's, so 2,500 small reports fit; long narratives fill 48 MB sooner.
  private readonly contents = new LruCache<string, ReportContent>(CONTENTS_KEPT, contentBytes, 48 * 2 ** 20);
  private readonly validations = new LruCache<string, Violation[]>(CONTENTS_KEPT);
  private readonly keys = new WeakMap<ReportContent, string>();
  /** Who took part in each report's revision under work, per report version (the four-eyes facts of a step). */
  private readonly participantSets = new LruCache<string, Participants>(CONTENTS_KEPT);
  /** Agency rows (never changed once written): a few hundred bytes each. */
  private readonly agencies = new LruCache<number, AgencyEntity>(20_000);

  agency(id: number): AgencyEntity | undefined {
    return this.agencies.get(id);
  }

  rememberAgency(agency: AgencyEntity): void {
    this.agencies.set(agency.id, agency);
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
