import type http from "node:http";
import { PageCache } from "../publication/page-cache";
import { StampCache } from "../publication/stamp-cache";
import type { Services } from "../services";

/**
 * The audit actions after which an agency's public pages may read differently: every workflow step (a publication,
 * a correction's publication, a recorded earlier publication, a scheduled one — all `report.workflow.*`) and any
 * change to the agency (`agency.*`). Other records (sign-ins, drafts' cells, webhooks…) leave published pages alone.
 */
export function mayChangePublicPages(action: string): boolean {
  return action.startsWith("report.workflow.") || action.startsWith("agency.");
}

/** `/reports/<code>/<year>[/revisions/<n>][.json|.csv]`, exactly (no query, no encoded characters, no trailing slash). */
const CACHED_URL = /^\/reports\/([A-Za-z0-9][A-Za-z0-9._-]{0,63})\/(\d{4})(?:\/revisions\/([1-9]\d{0,5}))?(?:\.(json|csv))?$/;

export type Representation = "html" | "json" | "csv";

/** The page cache's key of one representation of a report's latest (`revision` undefined) or numbered revision. */
export function pageKey(agencyCode: string, year: number, revision: number | undefined, as: Representation): string {
  return `${agencyCode}/${year}/${revision ?? "latest"}.${as}`;
}

/**
 * One process's rendered public pages and their publication stamps, shared by the Express router (which reads and
 * renders) and the node:http fast path (which only sends what is already kept). Stamps are forgotten after each
 * local commit and after each record of the event stream that may change a page (other processes' writes: SQLite
 * polls the log every 200 ms, PostgreSQL is woken by NOTIFY).
 */
export class PublicPages {
  readonly pages = new PageCache();
  readonly stamps: StampCache;
  private readonly detach: Array<() => void>;

  constructor(services: Services) {
    this.stamps = new StampCache(services.db, () => services.events.following);
    this.detach = [
      services.db.onCommit(() => this.stamps.forgetAll()),
      services.events.onRecord(record => {
        if (!mayChangePublicPages(record.action)) return;
        if (record.agencyId === null) this.stamps.forgetAll();
        else this.stamps.forgetAgency(record.agencyId);
      }),
    ];
  }

  /**
   * Answers a GET of a public page that is kept under its current stamp, with exactly the headers the router sends
   * (304 on a matching If-None-Match), before Express, admission or any SQL; false for anything else, which the
   * app then handles as always (a first request, a stale or unknown page, 404s, the index, HEAD…).
   */
  answerCached(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    if (req.method !== "GET") return false;
    const match = CACHED_URL.exec(req.url ?? "");
    if (!match) return false;
    const [, agencyCode, yearText, revisionText, as] = match;
    const year = Number(yearText);
    const stamp = this.stamps.peek(agencyCode, year);
    if (stamp === undefined) return false;
    const key = pageKey(agencyCode, year, revisionText === undefined ? undefined : Number(revisionText), (as as Representation | undefined) ?? "html");
    const page = this.pages.get(key, stamp);
    if (!page) return false;
    if (etagMatches(req.headers["if-none-match"], page.etag)) res.writeHead(304, page.notModified).end();
    else res.writeHead(200, page.headers).end(page.body);
    return true;
  }

  close(): void {
    for (const detach of this.detach) detach();
  }
}

/** If-None-Match: a list of entity tags (weak ones compare by their opaque part), or "*". */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some(tag => {
    const trimmed = tag.trim();
    return trimmed === "*" || trimmed.replace(/^W\//, "") === etag;
  });
}
