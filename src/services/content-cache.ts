import type { AgencyEntity } from "../entities";
import type { Violation } from "../validation";
import { LruCache } from "./lru-cache";
import type { ReportContent } from "./report-store";

/**
 * Process-wide caches of report content and validation results, keyed by what
 * makes them what they are: a live report's id and version (every change bumps
 * the version, in any instance), or an immutable revision's id. So a cached
 * entry is never stale, and instances sharing a database need no invalidation.
 * Contents handed out are shared: treat them as read-only.
 */
export class ContentCache {
  // Note: sized to keep a busy instance under ~300 MB RSS (measured with npm run bench).
  private readonly contents = new LruCache<string, ReportContent>(1_000);
  private readonly validations = new LruCache<string, Violation[]>(1_000);
  private readonly keys = new WeakMap<ReportContent, string>();
  /** Agency rows (never changed once written): a few hundred bytes each. */
  private readonly agencies = new LruCache<number, AgencyEntity>(20_000);

  agency(id: number): AgencyEntity | undefined {
    return this.agencies.get(id);
  }

  rememberAgency(agency: AgencyEntity): void {
    this.agencies.set(agency.id, agency);
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
