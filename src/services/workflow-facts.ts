import type { EntityManager } from "typeorm";
import type { ReportEntity } from "../entities";
import { ReportEntity as ReportTable } from "../entities";
import { textSections } from "../formats";
import { validateReport } from "../validation";
import type { WorkflowFacts } from "../workflow";
import { contentHash } from "./content-hash";
import { loadContents } from "./report-store";
import type { ReportContent } from "./report-store";

export interface LoadedFacts {
  facts: WorkflowFacts;
  content: ReportContent;
}

/** Everything the machine's guards need about a report's content, loaded before asking it. */
export async function loadWorkflowFacts(manager: EntityManager, report: ReportEntity): Promise<LoadedFacts> {
  const previous = await manager.findOneBy(ReportTable, { agencyId: report.agencyId, year: report.year - 1 });
  const contents = await loadContents(manager, previous ? [report, previous] : [report]);
  const content = contents.get(report.id)!;
  return { facts: factsFor(report, content, previous ? contents.get(previous.id) : undefined), content };
}

export function factsFor(report: ReportEntity, content: ReportContent, previous?: ReportContent): WorkflowFacts {
  const violations = validateReport(content, previous);
  return {
    errorCount: violations.filter(violation => violation.severity === "ERROR").length,
    emptySections: textSections(content.format)
      .filter(section => !(content.sections[section.id] ?? "").trim())
      .map(section => section.id),
    lastEditorId: report.lastEditorId === null ? null : String(report.lastEditorId),
    contentHash: contentHash(report.title, content),
  };
}

