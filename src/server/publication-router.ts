import express from "express";
import type { Request, Response } from "express";
import { reportPath, toCsv, toJsonExport } from "../publication/exports";
import { renderIndexPage } from "../publication/index-page";
import { etagOf } from "../publication/page-cache";
import type { CachedPage } from "../publication/page-cache";
import { PAGE_CSP, messagePage, notFoundPage } from "../publication/page-layout";
import type { PublicReport } from "../publication/public-report.types";
import { renderReportPage } from "../publication/report-page";
import type { Services } from "../services";
import { AGENCY_CODE_PATTERN } from "../services/agency.service";
import { findPublicReport, listPublished } from "../services/public-reports";
import { etagMatches, pageKey } from "./public-pages";
import type { PublicPages, Representation } from "./public-pages";

const PAGE_SIZE = 100;

/** "2020", "2020.json", "2020.csv" → the number and the representation. */
const YEAR = /^(\d{4})(?:\.(json|csv))?$/;
const REVISION = /^([1-9]\d{0,5})(?:\.(json|csv))?$/;

/**
 * The public pages: `/reports` (the index), `/reports/<agency>/<year>` (the
 * latest published revision), `/reports/<agency>/<year>/revisions/<n>` (a
 * stable URL per published revision), each also as `.json` and `.csv`. Only
 * published revisions are ever served; anything else is 404, so a draft's
 * existence is not disclosed. Rendered pages are kept in `cache` (shared with the node:http fast path).
 */
export function publicationRouter(services: Services, cache: PublicPages): express.Router {
  const router = express.Router();
  const { pages, stamps } = cache;

  router.get("/reports", async (req, res) => {
    const agency = single(req.query.agency)?.trim() || undefined;
    const yearText = single(req.query.year)?.trim() || undefined;
    const pageText = single(req.query.page)?.trim() || "1";
    const badAgency = agency !== undefined && !AGENCY_CODE_PATTERN.test(agency);
    if (badAgency || (yearText !== undefined && !/^\d{4}$/.test(yearText)) || !/^[1-9]\d{0,5}$/.test(pageText)) {
      send(res, 400, "html", messagePage("筛选条件有误", "机构代码应为字母、数字、“.”“_”“-”，年度应为四位数字（如 2024），页码应为正整数。"));
      return;
    }
    const year = yearText === undefined ? undefined : Number(yearText);
    const page = Number(pageText);
    const { total, rows } = await listPublished(services.db, { agency, year, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    send(res, 200, "html", renderIndexPage({ agency, year, page, pageSize: PAGE_SIZE, total, rows }));
  });

  router.get("/reports/:agency/:year", async (req, res) => {
    const match = YEAR.exec(String(req.params.year));
    await serve(req, res, String(req.params.agency), match ? Number(match[1]) : null, undefined, (match?.[2] as Representation) ?? "html");
  });

  router.get("/reports/:agency/:year/revisions/:revision", async (req, res) => {
    const year = /^\d{4}$/.test(String(req.params.year)) ? Number(req.params.year) : null;
    const match = REVISION.exec(String(req.params.revision));
    await serve(req, res, String(req.params.agency), match ? year : null, match ? Number(match[1]) : undefined, (match?.[2] as Representation) ?? "html");
  });

  async function serve(req: Request, res: Response, agencyCode: string, year: number | null, revision: number | undefined, as: Representation) {
    // Note: a code that cannot exist (control characters, NUL…) is simply not found; it never reaches the database.
    const possible = year !== null && AGENCY_CODE_PATTERN.test(agencyCode);
    const stamp = possible ? await stamps.get(agencyCode, year) : null;
    const key = pageKey(agencyCode, year!, revision, as);
    let page = stamp === null ? undefined : pages.get(key, stamp);
    if (!page && stamp !== null) {
      const report = await findPublicReport(services.db, agencyCode, year!, revision);
      page = report ? renderPage(report, as, stamp, revision !== undefined && as === "csv" ? IMMUTABLE : SHORT) : undefined;
      if (page) pages.set(key, page);
    }
    if (!page) {
      send(res, 404, as === "json" ? "json" : "html", as === "json" ? JSON.stringify({ error: "NOT_FOUND" }) : notFoundPage());
      return;
    }
    if (etagMatches(req.get("if-none-match"), page.etag)) {
      res.status(304).set(page.notModified).end();
      return;
    }
    res.status(200).set(page.headers).send(page.body);
  }

  return router;
}

/**
 * Renders one representation of a published revision. Only the CSV is the revision's content alone; the page
 * and the JSON also name the latest revision (the superseded notice, latestRevision), which a correction changes.
 */
function renderPage(report: PublicReport, as: Representation, stamp: string, cacheControl: string): CachedPage {
  const agencyCode = report.agency.code;
  const headers: Record<string, string> = { Link: `<${reportPath(agencyCode, report.year, report.shown.revision)}>; rel="canonical"` };
  let body: string;
  if (as === "json") {
    body = `${JSON.stringify(toJsonExport(report), null, 2)}\n`;
  } else if (as === "csv") {
    const name = `${agencyCode}-${report.year}-r${report.shown.revision}.csv`;
    headers["Content-Disposition"] = `attachment; filename="${name.replace(/[^\w.-]/g, "_")}"`;
    body = toCsv(report);
  } else {
    body = renderReportPage(report);
  }
  const etag = etagOf(body);
  // Note: the 304 carries what the 200 would have said about caching and identity, not the body's type or length.
  const notModified = { ...headers, ETag: etag, "Cache-Control": cacheControl };
  return {
    stamp,
    etag,
    body,
    notModified,
    headers: { ...headers, ...pageHeaders(as, cacheControl), ETag: etag, "Content-Length": String(Buffer.byteLength(body)) },
  };
}

function single(value: Request["query"][string]): string | undefined {
  return typeof value === "string" ? value : undefined;
}

const TYPES: Record<Representation, string> = {
  html: "text/html; charset=utf-8",
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
};

/** A revision's CSV never changes; everything else may change with a correction, so caches revalidate (ETag). */
const IMMUTABLE = "public, max-age=31536000, immutable";
const SHORT = "public, max-age=60";

function pageHeaders(as: Representation, cacheControl: string): Record<string, string> {
  return {
    "Content-Type": TYPES[as],
    "Content-Security-Policy": PAGE_CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": cacheControl,
  };
}

function send(res: Response, status: number, as: Representation, body: string): void {
  res
    .status(status)
    .set(pageHeaders(as, status === 200 ? SHORT : "no-store"))
    .send(body);
}
