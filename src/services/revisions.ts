import { createHash } from "node:crypto";
import type { EntityManager } from "typeorm";
import { ReportRevisionEntity } from "../entities";
import { textSections } from "../formats";
import { UserErrorCode, problem } from "./errors";
import { revisionContent } from "./published-content";
import type { ReportContent } from "./report-store";

export interface CellChange {
  key: string;
  before: string | null;
  after: string | null;
}

export interface SectionChange {
  sectionId: string;
  before: string | null;
  after: string | null;
}

export interface ContentDiff {
  cells: CellChange[];
  sections: SectionChange[];
}

export function listRevisions(manager: EntityManager, reportId: number): Promise<ReportRevisionEntity[]> {
  return manager.find(ReportRevisionEntity, { where: { reportId }, order: { id: "ASC" } });
}

/** One revision's content; `publishedOnly` for readers outside the agency, to whom other revisions do not exist. */
export async function loadRevision(
  manager: EntityManager,
  reportId: number,
  revisionId: number,
  options: { publishedOnly: boolean; field: string },
): Promise<ReportContent> {
  const kind = options.publishedOnly ? { kind: "published" } : {};
  const revision = await manager.findOneBy(ReportRevisionEntity, { id: revisionId, reportId, ...kind });
  if (!revision) {
    throw problem(UserErrorCode.NOT_FOUND, "This report has no such revision; list them with report.revisions.", [options.field]);
  }
  return revisionContent(revision);
}

/** Cell and section differences between two contents of one report, in form order. */
export function diffContents(from: ReportContent, to: ReportContent): ContentDiff {
  const keys = [...new Set([...from.format.cellKeys, ...to.format.cellKeys])];
  const cells = keys.map(key => ({ key, before: from.cells[key] ?? null, after: to.cells[key] ?? null })).filter(change => change.before !== change.after);
  const sections = textSections(to.format)
    .map(section => ({
      sectionId: section.id,
      before: from.sections[section.id] ?? null,
      after: to.sections[section.id] ?? null,
    }))
    .filter(change => change.before !== change.after);
  return { cells, sections };
}

/**
 * Recomputes the hash of the latest published revision's stored content and
 * compares it with the hash recorded when that revision was signed.
 */
export async function checkSignature(manager: EntityManager, reportId: number) {
  const revisions = await listRevisions(manager, reportId);
  const published = revisions.filter(row => row.kind === "published").at(-1);
  if (!published) return null;
  const signed = revisions.filter(row => row.kind === "signed" && row.revision === published.revision).at(-1);
  const publishedHash = createHash("sha256").update(published.content, "utf8").digest("hex");
  const signedHash = signed?.contentHash ?? "";
  return { revision: published.revision, signedHash, publishedHash, matches: signedHash === publishedHash };
}
