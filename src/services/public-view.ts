import { In } from "typeorm";
import type { EntityManager } from "typeorm";
import { ReportEntity, WorkflowEventEntity } from "../entities";
import type { ReportRevisionEntity } from "../entities";
import { isPublic, publicWorkflow, startWorkflow } from "../workflow";
import type { PersistedWorkflow } from "../workflow";

/**
 * A report as a reader outside its agency sees it: its latest published
 * revision. Built only by ReadScope.view, the one place that decides who sees what.
 *
 * While the report itself is published, its live row is that revision (content
 * changes only in draft, and publication stores exactly the signed content),
 * so nothing more is read. During a correction the public revision comes from
 * `revision` — its title, format and correction notice — and the version is the
 * one publication produced (`publishedVersion`), never the working one.
 */
export function publicView(report: ReportEntity, revision?: ReportRevisionEntity, publishedVersion?: number): ReportEntity {
  const persisted: PersistedWorkflow = report.workflowSnapshot ? (JSON.parse(report.workflowSnapshot) as PersistedWorkflow) : startWorkflow();
  const context = persisted.snapshot.context;
  const firstPublished = new Date(context.firstPublishedAt ?? report.publishedAt!);
  const lastPublished = context.publishedAt ? new Date(context.publishedAt) : firstPublished;
  const live = isPublic(report.state);
  const stored = revision && !live ? (JSON.parse(revision.content) as { title: string; format: string }) : null;
  return Object.assign(new ReportEntity(), {
    id: report.id,
    agencyId: report.agencyId,
    year: report.year,
    formatId: stored?.format ?? report.formatId,
    title: stored?.title ?? report.title,
    state: "published",
    version: live ? report.version : (publishedVersion ?? 0),
    workflowSnapshot: JSON.stringify(publicWorkflow(persisted, live ? context.correctionReason : (revision?.correctionReason ?? null))),
    lastEditorId: null,
    publishedAt: report.publishedAt,
    // Note: when the record was started and last touched inside the agency is internal; the public dates are publications.
    createdAt: firstPublished,
    updatedAt: lastPublished,
  });
}

/** The report version each report's latest publication produced (for reports under correction). */
export async function publishedVersions(manager: EntityManager, reportIds: number[]): Promise<Map<number, number>> {
  if (reportIds.length === 0) return new Map();
  const rows = await manager
    .createQueryBuilder(WorkflowEventEntity, "w")
    .select("w.report_id", "report_id")
    .addSelect("MAX(w.version)", "version")
    .where({ reportId: In(reportIds), event: In(["PUBLISH", "RECORD_PUBLISHED"]) })
    .groupBy("w.report_id")
    .getRawMany<{ report_id: number | string; version: number | string }>();
  return new Map(rows.map(row => [Number(row.report_id), Number(row.version)]));
}
