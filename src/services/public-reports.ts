import { In, IsNull, Not } from "typeorm";
import type { Database } from "../db";
import { AgencyEntity, ReportEntity, ReportRevisionEntity } from "../entities";
import type { PublicAgency, PublicReport, PublishedListing, RevisionSummary } from "../publication/public-report.types";
import { agencyWithDescendants } from "./access";
import { revisionContent } from "./published-content";

function publicAgency(agency: AgencyEntity): PublicAgency {
  return { code: agency.code, name: agency.name, kind: agency.kind, level: agency.level };
}

function summary(row: ReportRevisionEntity): RevisionSummary {
  return { revision: row.revision, contentHash: row.contentHash, correctionReason: row.correctionReason, publishedAt: row.publishedAt ?? row.createdAt };
}

/**
 * The published report of an agency and year — its latest published revision,
 * or revision `revisionNo` when given — or null when there is none: an unknown
 * agency, a draft never published and a revision that was never published all
 * look the same from outside.
 */
export function findPublicReport(db: Database, agencyCode: string, year: number, revisionNo?: number): Promise<PublicReport | null> {
  return db.read(async manager => {
    const agency = await manager.findOneBy(AgencyEntity, { code: agencyCode });
    const report = agency && (await manager.findOneBy(ReportEntity, { agencyId: agency.id, year }));
    if (!agency || !report) return null;
    const published = await manager.find(ReportRevisionEntity, { where: { reportId: report.id, kind: "published" }, order: { id: "ASC" } });
    const shown = revisionNo === undefined ? published.at(-1) : published.filter(row => row.revision === revisionNo).at(-1);
    if (!shown) return null;
    const stored = JSON.parse(shown.content) as { title: string };
    return {
      agency: publicAgency(agency),
      year: report.year,
      firstPublishedAt: report.publishedAt ?? published[0].publishedAt ?? published[0].createdAt,
      shown: summary(shown),
      revisions: published.map(summary),
      title: stored.title,
      content: revisionContent(shown),
    };
  });
}

export interface ListingFilter {
  /** An agency code: that agency and every agency under it. */
  agency?: string;
  year?: number;
  limit: number;
  offset: number;
}

/** Published reports, newest year first, then by agency name; with the total for paging. */
export function listPublished(db: Database, filter: ListingFilter): Promise<{ total: number; rows: PublishedListing[] }> {
  return db.read(async manager => {
    let agencyIds: number[] | undefined;
    if (filter.agency !== undefined) {
      const agency = await manager.findOneBy(AgencyEntity, { code: filter.agency });
      if (!agency) return { total: 0, rows: [] };
      agencyIds = await agencyWithDescendants(manager, agency.id);
    }
    const where = {
      publishedAt: Not(IsNull()),
      ...(agencyIds ? { agencyId: In(agencyIds) } : {}),
      ...(filter.year !== undefined ? { year: filter.year } : {}),
    };
    const [reports, total] = await manager.findAndCount(ReportEntity, {
      where,
      relations: { agency: true },
      order: { year: "DESC", agency: { name: "ASC" }, id: "ASC" },
      take: filter.limit,
      skip: filter.offset,
    });
    const ids = reports.map(report => report.id);
    const revisions = ids.length
      ? await manager.find(ReportRevisionEntity, {
          select: { id: true, reportId: true, revision: true },
          where: { reportId: In(ids), kind: "published" },
        })
      : [];
    const latest = new Map<number, number>();
    for (const row of revisions) latest.set(row.reportId, Math.max(latest.get(row.reportId) ?? 0, row.revision));
    return {
      total,
      rows: reports.map(report => ({
        agency: publicAgency(report.agency!),
        year: report.year,
        title: report.title,
        firstPublishedAt: report.publishedAt!,
        revision: latest.get(report.id) ?? 1,
      })),
    };
  });
}
