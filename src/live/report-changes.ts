import type { ReportEntity } from "../entities";
import type { ReadScope } from "../services/access";
import type { StreamRecord } from "./event-stream";

/** What a change touched. */
export type ChangeKind = "CREATED" | "IMPORTED" | "CELLS" | "SECTIONS" | "CHANNELS" | "ACKNOWLEDGEMENT" | "STEP";

/** One change of one report, as a subscriber of reportChanged receives it. */
export interface ReportChangeView {
  seq: number;
  reportId: number;
  /** The report's agency: decides who may see the change (not itself shown). */
  agencyId: number;
  at: string;
  version: number | null;
  state: string;
  changed: ChangeKind[];
  /** The workflow event (SUBMIT, …) when `changed` is STEP. */
  step: string | null;
  reason: string | null;
  cellKeys: string[];
  sectionId: string | null;
  /** Who made the change; null for readers outside the agency (they see only that it was published). */
  by: string | null;
}

const KINDS: Record<string, ChangeKind> = {
  "report.create": "CREATED",
  "report.import": "IMPORTED",
  "report.cells.set": "CELLS",
  "report.section.update": "SECTIONS",
  "report.channels.set": "CHANNELS",
  "report.warning.acknowledge": "ACKNOWLEDGEMENT",
};

const STEP_PREFIX = "report.workflow.";

/** The change a record describes, in full (insiders' view); null for records that are not a report's change. */
export function reportChangeOf(record: StreamRecord): ReportChangeView | null {
  if (record.reportId === null || record.agencyId === null) return null;
  const isStep = record.action.startsWith(STEP_PREFIX);
  const kind = isStep ? "STEP" : KINDS[record.action];
  if (!kind) return null;
  const diff = record.diff;
  const version = typeof diff.version === "number" ? diff.version : (diff.version?.after ?? null);
  return {
    seq: record.seq,
    reportId: record.reportId,
    agencyId: record.agencyId,
    at: record.at,
    version,
    // Note: content changes are only ever made to drafts (assertEditable), so their state is draft.
    state: isStep ? diff.state.after : "draft",
    changed: [kind],
    step: isStep ? record.action.slice(STEP_PREFIX.length).toUpperCase() : null,
    reason: isStep ? (diff.reason ?? null) : null,
    cellKeys: Array.isArray(diff.cells) ? diff.cells.map((cell: { key: string }) => cell.key) : [],
    sectionId: diff.sectionId ?? null,
    by: record.actorName,
  };
}

/**
 * The change as this reader may see it, through the ReadScope that decides every read: the report's own agency
 * (and its supervising AUDITORs) see every change; everyone else — the public included — sees only publications,
 * without who took them or why. Nothing of a report never published reaches an outsider.
 */
export async function visibleChange(scope: ReadScope, change: ReportChangeView): Promise<ReportChangeView | null> {
  const reading = await scope.reading({
    agencyId: change.agencyId,
    publishedAt: change.step === "PUBLISH" || change.step === "RECORD_PUBLISHED" ? change.at : null,
  } as unknown as ReportEntity);
  if (reading === "live") return change;
  if (reading === "published") return { ...change, by: null, reason: null, cellKeys: [], sectionId: null };
  return null;
}
