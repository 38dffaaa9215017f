import { createHash } from "node:crypto";
import type { AuditDraft } from "../audit/append-batch";
import type { ReportRevisionEntity, WorkflowEventEntity } from "../entities";
import type { Format } from "../formats";
import { canonicalContent } from "../services/content-hash";
import type { ReportContent } from "../services/report-store";
import { validateReport } from "../validation";
import { REVISION_KIND_OF_STEP, applyEvent, deadlineInstant, revisionKindOf, startWorkflow } from "../workflow";
import type { ApprovalState, PersistedWorkflow, Role, WorkflowEventType } from "../workflow";
import { reportActions, reportTimes } from "./generate-actions";
import type { Action } from "./generate-actions";
import { agencyClassOf } from "./generate-agencies";
import type { AgencyRecord } from "./generate-agencies";
import type { BreakKind, GeneratedContent } from "./generate-content";
import { CORRECTION_REASONS, REJECT_REASONS, iso } from "./generate-history";
import type { PathStep, ReportPlan } from "./generate-history";
import type { Rng } from "./generate-rng";

export interface BuildInput {
  agency: AgencyRecord;
  year: number;
  format: Format;
  content: GeneratedContent;
  /** The agency's report of the year before, for the cross-year rules. */
  previous: ReportContent | undefined;
  plan: ReportPlan;
  padding: number;
  window: { start: number; end: number };
  rng: Rng;
}

/** A workflow_event row of a report not yet written (its report id comes at writing). */
export type WorkflowEventRow = Pick<
  WorkflowEventEntity,
  "actorId" | "actorRole" | "event" | "fromState" | "toState" | "reason" | "contentHash" | "version" | "createdAt"
>;

/** A report_revision row of a report not yet written. */
export type RevisionRow = Pick<ReportRevisionEntity, "revision" | "kind" | "content" | "contentHash" | "createdBy" | "correctionReason" | "createdAt">;

/** One report's whole life, ready to be written. */
export interface BuiltReport {
  agency: AgencyRecord;
  year: number;
  format: Format;
  title: string;
  state: ApprovalState;
  version: number;
  snapshot: PersistedWorkflow;
  createdAt: number;
  updatedAt: number;
  /** The first publication, or null. */
  publishedAt: number | null;
  /** Published at or after the agency's own 第四十九条 deadline. */
  late: boolean;
  broken: BreakKind | null;
  cells: Record<string, string | null>;
  sections: Record<string, string>;
  workflowEvents: WorkflowEventRow[];
  revisions: RevisionRow[];
  audit: Array<Omit<AuditDraft, "reportId">>;
}

const STEP_EVENT: Record<Exclude<PathStep, "FIX_PROBLEMS" | "FIX_OTHER">, { type: WorkflowEventType; role: Role }> = {
  SUBMIT: { type: "SUBMIT", role: "DRAFTER" },
  WITHDRAW: { type: "WITHDRAW", role: "DRAFTER" },
  CLEAR_SECRECY: { type: "CLEAR_SECRECY", role: "SECRECY_REVIEWER" },
  SIGN_OFF: { type: "SIGN_OFF", role: "LEADER" },
  REJECT_SECRECY: { type: "REJECT", role: "SECRECY_REVIEWER" },
  REJECT_LEADER: { type: "REJECT", role: "LEADER" },
  PUBLISH: { type: "PUBLISH", role: "PUBLISHER" },
  CORRECT: { type: "CORRECT", role: "DRAFTER" },
};

type Actor = { id: number; name: string };

/** The report as the simulation goes: its content so far, version and workflow snapshot. */
interface Simulation {
  input: BuildInput;
  built: BuiltReport;
  errorCount: number;
  cells: Record<string, string | null>;
  sections: Record<string, string>;
  version: number;
  persisted: PersistedWorkflow;
  canonical: { key: string; text: string; hash: string } | null;
}

/**
 * One report's whole life: creation, the first fill, the draft edits (padding:
 * a mistyped cell and its correction, a note added and removed), the workflow
 * path through the real machine (applyEvent, so every snapshot is one the
 * service would have written), its revisions and its audit records.
 */
export function buildReport(input: BuildInput): BuiltReport {
  const { agency, year, format, content } = input;
  const deadline = deadlineInstant(year, agencyClassOf(agency)).getTime();
  const actions = reportActions(input);
  const times = reportTimes(actions, { plan: input.plan, window: input.window, deadline, rng: input.rng });
  const persisted = startWorkflow();
  const built: BuiltReport = {
    agency,
    year,
    format,
    title: `${agency.name}${year}年政府信息公开工作年度报告`,
    state: persisted.snapshot.value,
    version: 0,
    snapshot: persisted,
    createdAt: times[0],
    updatedAt: times[times.length - 1],
    publishedAt: null,
    late: false,
    broken: content.broken,
    cells: content.cells,
    sections: content.sections,
    workflowEvents: [],
    revisions: [],
    audit: [],
  };
  const cells: Record<string, string | null> = Object.fromEntries(format.cellKeys.map(key => [key, null]));
  const simulation: Simulation = { input, built, errorCount: errorCountOf(input, built.title), cells, sections: {}, version: 0, persisted, canonical: null };
  actions.forEach((action, index) => perform(simulation, action, times[index]));
  checkEndsAsPlanned(simulation);
  const { publishedAt } = built;
  Object.assign(built, {
    state: simulation.persisted.snapshot.value,
    version: simulation.version,
    snapshot: simulation.persisted,
    late: publishedAt !== null && publishedAt >= deadline,
  });
  return built;
}

/** The planned content's validation errors: none unless the report was chosen to be broken. */
function errorCountOf(input: BuildInput, title: string): number {
  const { format, year, content } = input;
  const errorCount = validateReport({ format, year, cells: content.cells, sections: content.sections }, input.previous).filter(
    v => v.severity === "ERROR",
  ).length;
  if (errorCount > 0 !== (content.broken !== null)) {
    throw new Error(`generator: ${title} has ${errorCount} validation errors but broken = ${content.broken}`);
  }
  return errorCount;
}

function perform(sim: Simulation, action: Action, at: number): void {
  const { year, format } = sim.input;
  const drafter = sim.input.agency.users.DRAFTER;
  switch (action.kind) {
    case "create":
      sim.version = 1;
      record(sim, at, drafter, "DRAFTER", "report.create", { year, format: format.id, title: sim.built.title });
      return;
    case "cells": {
      const changes = action.cells.map(({ key, after }) => ({ key, before: sim.cells[key], after }));
      for (const { key, after } of action.cells) sim.cells[key] = after;
      sim.version++;
      record(sim, at, drafter, "DRAFTER", "report.cells.set", { version: sim.version, cells: changes });
      return;
    }
    case "section": {
      const before = sim.sections[action.sectionId] ?? null;
      sim.sections[action.sectionId] = action.after;
      sim.version++;
      record(sim, at, drafter, "DRAFTER", "report.section.update", { version: sim.version, sectionId: action.sectionId, before, after: action.after });
      return;
    }
    case "step":
      step(sim, action.step as keyof typeof STEP_EVENT, at);
      return;
  }
}

/** A workflow step through the real machine, with its event row, audit record and (for some steps) revision. */
function step(sim: Simulation, pathStep: keyof typeof STEP_EVENT, at: number): void {
  const { agency } = sim.input;
  const { type, role } = STEP_EVENT[pathStep];
  const user = agency.users[role];
  const reason = reasonOf(pathStep, sim.input.rng);
  const now = currentContent(sim);
  const result = applyEvent(sim.persisted, {
    type,
    actor: { userId: String(user.id), roles: [role] },
    facts: {
      errorCount: sim.errorCount,
      emptySections: [],
      editorIds: [String(agency.users.DRAFTER.id)],
      submitterIds: [],
      secrecyReviewerIds: [],
      contentHash: now.hash,
    },
    reason: reason ?? undefined,
    at: iso(at),
  });
  if (!result.ok) {
    throw new Error(`generator: ${sim.built.title}: ${type} refused: ${result.reasons.map(r => r.message).join("; ")}`);
  }
  const fromState = sim.persisted.snapshot.value;
  sim.persisted = result.snapshot;
  const version = ++sim.version;
  const createdAt = new Date(at);
  sim.built.workflowEvents.push({
    actorId: user.id,
    actorRole: role,
    event: type,
    fromState,
    toState: result.state,
    reason,
    contentHash: now.hash,
    version,
    createdAt,
  });
  record(sim, at, user, role, `report.workflow.${type.toLowerCase()}`, {
    state: { before: fromState, after: result.state },
    version: { before: version - 1, after: version },
    reason,
    contentHash: now.hash,
  });
  const kind = revisionKindOf(type);
  if (kind) {
    const context = result.snapshot.snapshot.context;
    const correctionReason = kind === REVISION_KIND_OF_STEP.PUBLISH ? context.correctionReason : null;
    sim.built.revisions.push({ revision: context.revision, kind, content: now.text, contentHash: now.hash, createdBy: user.id, correctionReason, createdAt });
  }
  if (type === "PUBLISH" && sim.built.publishedAt === null) sim.built.publishedAt = at;
}

/** A rejection's or a correction's stated reason; other steps give none. */
function reasonOf(pathStep: keyof typeof STEP_EVENT, rng: Rng): string | null {
  if (pathStep === "REJECT_SECRECY" || pathStep === "REJECT_LEADER") return rng.pick(REJECT_REASONS[pathStep]);
  if (pathStep === "CORRECT") return rng.pick(CORRECTION_REASONS);
  return null;
}

function record(sim: Simulation, at: number, actor: Actor, role: Role, action: string, diff: Record<string, unknown>): void {
  const { agency, rng } = sim.input;
  sim.built.audit.push({
    at: iso(at),
    actorKind: "user",
    actorId: actor.id,
    actorName: actor.name,
    actorRoles: role,
    agencyId: agency.id,
    action,
    diff,
    requestId: uuid(rng),
    clientAddress: agency.address,
  });
}

/** The canonical text and hash of the content as it stands; recomputed only when a section changed (cells end as planned before any step). */
function currentContent(sim: Simulation): { text: string; hash: string } {
  const key = JSON.stringify(sim.sections);
  if (sim.canonical?.key !== key) {
    const { format, year } = sim.input;
    const text = canonicalContent(sim.built.title, { format, year, cells: sim.cells, sections: sim.sections });
    sim.canonical = { key, text, hash: createHash("sha256").update(text, "utf8").digest("hex") };
  }
  return sim.canonical;
}

function checkEndsAsPlanned(sim: Simulation): void {
  const { format, content } = sim.input;
  const title = sim.built.title;
  for (const key of format.cellKeys) {
    if (sim.cells[key] !== content.cells[key]) throw new Error(`generator: ${title}: ${key} ends as ${sim.cells[key]}, planned ${content.cells[key]}`);
  }
  for (const [id, body] of Object.entries(content.sections)) {
    if (sim.sections[id] !== body) throw new Error(`generator: ${title}: section ${id} does not end as planned`);
  }
}

function uuid(rng: Rng): string {
  const hex = rng.hex(32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${"89ab"[parseInt(hex[16], 16) & 3]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
