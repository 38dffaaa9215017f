import type { Database } from "../db";
import { publicationStamp } from "./page-cache";
import type { PublicationStamp } from "./page-cache";

/** Reports whose stamp is kept per process (two short strings each). */
const STAMP_LIMIT = 50_000;
/** A kept stamp is read again after this long even if nothing was heard: bounds what an edit made outside the services (plain SQL, no audit record) in another process is late by — as long as the pages' own `max-age=60`. */
const MAX_AGE_MS = 60_000;

interface Kept extends PublicationStamp {
  at: number;
}

/**
 * Publication stamps kept per process, so a cached public page is served without any SQL while nothing that
 * changes it happened. The owner forgets entries: all of them after every write this process commits
 * (Database.onCommit, before the writer is answered), an agency's after the event stream carries a record that may
 * change its pages from any process. Nothing is kept, and every request reads its stamp, while `following` says
 * no stream follows the log (not started, or stopped): then no other process's change could be seen.
 *
 * A read in flight while something is forgotten may have seen the old state; it is answered but not kept (the
 * generation moved).
 */
export class StampCache {
  private readonly entries = new Map<string, Kept>();
  /** agency id → its kept keys: forgetting an agency does not walk every entry. */
  private readonly byAgency = new Map<number, Set<string>>();
  private generation = 0;

  constructor(
    private readonly db: Database,
    private readonly following: () => boolean,
    private readonly limit = STAMP_LIMIT,
    private readonly maxAgeMs = MAX_AGE_MS,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The kept stamp, without reading anything (the fast path); undefined when none is kept or none may be trusted. */
  peek(agencyCode: string, year: number): string | undefined {
    return this.fresh(this.following() ? this.entries.get(`${agencyCode}/${year}`) : undefined)?.stamp;
  }

  /** The current stamp: the kept one, or one read (and kept when nothing changed meanwhile); null when not published. */
  async get(agencyCode: string, year: number): Promise<string | null> {
    const key = `${agencyCode}/${year}`;
    const trusted = this.following();
    const kept = this.fresh(trusted ? this.entries.get(key) : undefined);
    if (kept) return kept.stamp;
    const generation = this.generation;
    const read = await publicationStamp(this.db, agencyCode, year);
    // Note: "not published" is not kept: a report published elsewhere names its agency, not the code asked for.
    if (read && trusted && this.following() && generation === this.generation) this.keep(key, { ...read, at: Date.now() });
    return read?.stamp ?? null;
  }

  /** Forgets the stamps of one agency's reports. */
  forgetAgency(agencyId: number): void {
    this.generation++;
    for (const key of this.byAgency.get(agencyId) ?? []) this.entries.delete(key);
    this.byAgency.delete(agencyId);
  }

  forgetAll(): void {
    this.generation++;
    this.entries.clear();
    this.byAgency.clear();
  }

  private fresh(entry: Kept | undefined): Kept | undefined {
    return entry && Date.now() - entry.at < this.maxAgeMs ? entry : undefined;
  }

  private keep(key: string, stamp: Kept): void {
    this.drop(key);
    this.entries.set(key, stamp);
    const keys = this.byAgency.get(stamp.agencyId) ?? new Set<string>();
    this.byAgency.set(stamp.agencyId, keys.add(key));
    if (this.entries.size > this.limit) this.drop(this.entries.keys().next().value!);
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    const keys = this.byAgency.get(entry.agencyId);
    keys?.delete(key);
    if (keys?.size === 0) this.byAgency.delete(entry.agencyId);
  }
}
