import type { EntityManager } from "typeorm";
import type { ReportEntity } from "../entities";
import { textSections } from "../formats";
import { validateReport } from "../validation";
import type { Violation } from "../validation";
import type { WorkflowFacts } from "../workflow";
import { rolesIn } from "./access";
import type { UserActor } from "./actor";
import { ContentCache } from "./content-cache";
import { contentHash } from "./content-hash";
import { loadParticipants } from "./participants";
import type { Participants } from "./participants";
import { loadContents } from "./report-store";
import type { ReportContent } from "./report-store";
import { findReportKey, selectStepReport } from "./step-writes";
import type { ReportKey, StepReport } from "./step-writes";

export interface LoadedFacts {
  facts: WorkflowFacts;
  content: ReportContent;
}

/**
 * Everything the machine's guards need about a report's content, loaded before
 * asking it. Contents are immutable per version, so the process cache (keyed by
 * id and version, the row just read inside this transaction) is safe here.
 */
export async function loadWorkflowFacts(
  manager: EntityManager,
  report: ReportEntity,
  cache: ContentCache,
  /** Last year's report when the caller loaded it with the report (loadStepReport); undefined: looked up here. */
  known?: ReportKey | null,
): Promise<LoadedFacts> {
  const previous = known !== undefined ? known : await findReportKey(manager, report.agencyId, report.year - 1);
  const wanted: ReportKey[] = previous ? [report, previous] : [report];
  const missing = wanted.filter(row => !cache.content(ContentCache.liveKey(row.id, row.version)));
  const loaded = missing.length ? await loadContents(manager, missing) : new Map<number, ReportContent>();
  const contentOf = (row: ReportKey) => {
    const key = ContentCache.liveKey(row.id, row.version);
    return cache.content(key) ?? cache.remember(key, loaded.get(row.id)!);
  };
  const content = contentOf(report);
  const last = previous ? contentOf(previous) : undefined;
  // Note: without the identity (title, agency): its checks only warn, and warnings never block a step.
  const violations = cache.validation(content, last, () => validateReport(content, last));
  // Note: kept per version: every act that makes a participant (an edit, SUBMIT, CLEAR_SECRECY, CORRECT) bumps it.
  const participants =
    cache.participants(report.id, report.version) ??
    cache.rememberParticipants(report.id, report.version, (await loadParticipants(manager, [report.id])).get(report.id)!);
  return { facts: factsFrom(report, content, violations, participants), content };
}

/**
 * Before a step's transaction, on committed data: puts in the cache what loadWorkflowFacts will need (both years'
 * contents, their validation, the participants), so the step's turn in its group (src/db/group-commit.ts), which
 * every other step waits for, only writes. A report's content changes only with its version, and the row is read
 * before the content: a content newer than the row can only be kept under a version the report has already left,
 * which no step finds (its version check refuses first). Nothing for a user who holds no role in the report's
 * agency (the step will refuse them without reading its content). Returns the row read (null: no such report).
 */
export async function warmWorkflowFacts(manager: EntityManager, cache: ContentCache, user: UserActor, reportId: number): Promise<StepReport | null> {
  const found = await selectStepReport(manager, reportId, false);
  if (!found || rolesIn(user, found.report.agencyId).length === 0) return found;
  await loadWorkflowFacts(manager, found.report, cache, found.previous);
  return found;
}

/**
 * The facts for one report. `participants` come from the audit trail
 * (loadParticipants); the last editor recorded on the report is always among
 * the editors, so the four-eyes rule never rests on the trail alone.
 */
export function factsFrom(report: ReportEntity, content: ReportContent, violations: Violation[], participants: Participants): WorkflowFacts {
  const lastEditor = report.lastEditorId === null ? [] : [String(report.lastEditorId)];
  return {
    errorCount: violations.filter(violation => violation.severity === "ERROR").length,
    emptySections: textSections(content.format)
      .filter(section => !(content.sections[section.id] ?? "").trim())
      .map(section => section.id),
    editorIds: [...new Set([...participants.editorIds, ...lastEditor])],
    submitterIds: participants.submitterIds,
    secrecyReviewerIds: participants.secrecyReviewerIds,
    contentHash: contentHash(report.title, content),
  };
}
