import { In } from "typeorm";
import type { EntityManager } from "typeorm";
import { ReportRevisionEntity } from "../entities";
import { getFormat } from "../formats";
import type { FormatId } from "../formats";
import type { ReportContent } from "./report-store";

/** The latest published revision of each report, newest first per report. */
export async function latestPublishedRevisions(manager: EntityManager, reportIds: number[]): Promise<Map<number, ReportRevisionEntity>> {
  const rows = reportIds.length
    ? await manager.find(ReportRevisionEntity, { where: { reportId: In(reportIds), kind: "published" }, order: { id: "DESC" } })
    : [];
  const latest = new Map<number, ReportRevisionEntity>();
  for (const row of rows) {
    if (!latest.has(row.reportId)) latest.set(row.reportId, row);
  }
  return latest;
}

/** Reads a revision's canonical content (see content-hash.ts) back into a ReportContent. */
export function revisionContent(revision: ReportRevisionEntity): ReportContent {
  const stored = JSON.parse(revision.content) as {
    format: FormatId;
    year: number;
    cells: Array<[string, string | null]>;
    sections: Array<[string, string]>;
    /** Absent in revisions without a chart (and in every revision stored before charts existed). */
    channels?: Array<[string, number]>;
  };
  return {
    format: getFormat(stored.format),
    year: stored.year,
    cells: Object.fromEntries(stored.cells),
    sections: Object.fromEntries(stored.sections.filter(([, body]) => body !== "")),
    channels: (stored.channels ?? []).map(([label, count]) => ({ label, count })),
  };
}
