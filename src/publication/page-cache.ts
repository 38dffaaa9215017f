import { createHash } from "node:crypto";
import type { Database } from "../db";

/** A report's publication stamp, and the agency it belongs to (what the stamp cache forgets it by). */
export interface PublicationStamp {
  stamp: string;
  agencyId: number;
}

/**
 * What a public page's bytes depend on besides the revision's stored content: the report, its latest published
 * revision (the superseded notice and the JSON's latestRevision name it), and the agency's name and kind. One
 * indexed query; when it is unchanged, the rendered page is reused instead of reloading and re-rendering.
 * Null when the agency has no published report for that year.
 */
export async function publicationStamp(db: Database, agencyCode: string, year: number): Promise<PublicationStamp | null> {
  // Note: plain SQL, not the query builder: building the query cost more than running it.
  const sql = db.engine === "postgres" ? STAMP_SQL.replace("?", "$1").replace("?", "$2") : STAMP_SQL;
  const rows = await db.read(manager => manager.query<Array<Record<string, unknown>>>(sql, [year, agencyCode]));
  const row = rows[0];
  if (!row) return null;
  return { stamp: [row.reportId, row.latest, row.published, row.name, row.kind, row.level].join("\u0001"), agencyId: Number(row.agencyId) };
}

const STAMP_SQL = `SELECT report.id AS "reportId", agency.id AS "agencyId", agency.name AS name, agency.kind AS kind, agency.level AS level,
    MAX(revision.revision) AS latest, COUNT(revision.id) AS published
  FROM agency
  JOIN report ON report.agency_id = agency.id AND report.year = ?
  JOIN report_revision revision ON revision.report_id = report.id AND revision.kind = 'published'
  WHERE agency.code = ?
  GROUP BY report.id, agency.id, agency.name, agency.kind, agency.level`;

/** A rendered public page, ready to send again as it is. */
export interface CachedPage {
  stamp: string;
  etag: string;
  body: string;
  /** Every header of the 200 answer (type, security headers, Cache-Control, ETag, Link, Content-Length…). */
  headers: Record<string, string>;
  /** The headers of a 304 answer to a matching If-None-Match. */
  notModified: Record<string, string>;
}

/** A strong ETag of the exact bytes sent. */
export function etagOf(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
}

/**
 * Rendered public pages, least recently used dropped first, bounded by the bytes they hold (each worker has its
 * own; a page is a few tens of KB, so the default 32 MB holds about a thousand). An entry is used only under the
 * publication stamp it was rendered for (StampCache says which is current), so a new correction or a renamed
 * agency is never served from here.
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
