import { createHash } from "node:crypto";
import type { Database } from "../db";
import { AgencyEntity } from "../entities";

/**
 * What a public page's bytes depend on besides the revision's stored content: the report, its latest published
 * revision (the superseded notice and the JSON's latestRevision name it), and the agency's name and kind. One
 * indexed query; when it is unchanged, the rendered page is reused instead of reloading and re-rendering.
 */
export async function publicationStamp(db: Database, agencyCode: string, year: number): Promise<string | null> {
  const row = await db.read(manager =>
    manager
      .createQueryBuilder(AgencyEntity, "agency")
      .innerJoin("report", "report", "report.agency_id = agency.id AND report.year = :year", { year })
      .innerJoin("report_revision", "revision", "revision.report_id = report.id AND revision.kind = 'published'")
      .select("report.id", "reportId")
      .addSelect("agency.name", "name")
      .addSelect("agency.kind", "kind")
      .addSelect("agency.level", "level")
      .addSelect("MAX(revision.revision)", "latest")
      .addSelect("COUNT(revision.id)", "published")
      .where("agency.code = :code", { code: agencyCode })
      .groupBy("report.id")
      .addGroupBy("agency.name")
      .addGroupBy("agency.kind")
      .addGroupBy("agency.level")
      .getRawOne<Record<string, unknown>>(),
  );
  if (!row) return null;
  return [row.reportId, row.latest, row.published, row.name, row.kind, row.level].join("\u0001");
}

/** A rendered public page, ready to send again as it is. */
export interface CachedPage {
  stamp: string;
  etag: string;
  body: string;
  headers: Record<string, string>;
}

/** A strong ETag of the exact bytes sent. */
export function etagOf(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
}

/**
 * Rendered public pages, least recently used dropped first, bounded by the bytes they hold (each worker has its
 * own; a page is a few tens of KB, so the default 32 MB holds about a thousand). Entries are checked against
 * the publication stamp on every request, so a new correction or a renamed agency is never served stale.
 */
export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private bytes = 0;

  constructor(private readonly maxBytes = 32 * 2 ** 20) {}

  get size(): number {
    return this.entries.size;
  }

  get heldBytes(): number {
    return this.bytes;
  }

  get(key: string, stamp: string): CachedPage | undefined {
    const page = this.entries.get(key);
    if (!page) return undefined;
    this.entries.delete(key);
    if (page.stamp !== stamp) {
      this.bytes -= page.body.length * 2;
      return undefined;
    }
    this.entries.set(key, page);
    return page;
  }

  set(key: string, page: CachedPage): void {
    const size = page.body.length * 2;
    if (size > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.body.length * 2;
    }
    this.entries.set(key, page);
    this.bytes += size;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.body.length * 2;
    }
  }
}
