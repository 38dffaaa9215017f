import type { EntityManager } from "typeorm";
import { appendAudit } from "../audit/append";
import type { Database } from "../db";
import { countReports, latestPublishedContents, sumPublished } from "../db/statistics-summary";
import { ReportEntity } from "../entities";
import { applyEvent, revisionKindOf, startWorkflow, workflowDefinition } from "../workflow";
import type { ApprovalContext, ApprovalState, PersistedWorkflow, PriorPublication, Role, WorkflowEventType, WorkflowRefusal } from "../workflow";
import { assertInsider, requireSignedIn, rolesIn } from "./access";
import type { Actor, UserActor } from "./actor";
import { ContentCache } from "./content-cache";
import { canonicalContent } from "./content-hash";
import { DomainError, UserErrorCode, problem } from "./errors";
import type { Problem } from "./errors";
import { participantsAfter } from "./participants";
import { priorPublication } from "./prior-publication";
import type { PublicationInput } from "./prior-publication";
import { loadReportOrFail } from "./report-store";
import type { ReportContent } from "./report-store";
import { insertRevision, insertWorkflowEvent, loadStepReport, updateStepRow } from "./step-writes";
import type { ReportKey } from "./step-writes";
import { loadWorkflowFacts, warmWorkflowFacts } from "./workflow-facts";

export interface WorkflowStepInput {
  reportId: number;
  expectedVersion: number;
  reason?: string | null;
  /** RECORD_PUBLISHED only: when and where the report was already published (outside this system). */
  publication?: PriorPublication | null;
}

export class WorkflowService {
  constructor(
    private readonly db: Database,
    private readonly cache: ContentCache,
  ) {}

  /**
   * Restores the report's machine, asks it, and writes the new snapshot, state,
   * version + 1, the workflow event and any revision in one transaction, with a
   * compare-and-set on the version so concurrent steps cannot both win.
   */
  async step(actor: Actor, type: WorkflowEventType, input: WorkflowStepInput): Promise<ReportEntity> {
    const user = requireUser(actor);
    // Note: the reading and checking of the content first, beside other steps, not in the group they all wait for.
    await this.db.read(manager => warmWorkflowFacts(manager, this.cache, user, input.reportId));
    const report = await this.db.transaction(manager => stepIn(manager, this.cache, actor, type, input));
    carryContentForward(this.cache, report, type, actor);
    return report;
  }

  /** RECORD_PUBLISHED on a draft already here (imported earlier): when and where it was published, given by its URL. */
  recordPublished(actor: Actor, input: Omit<WorkflowStepInput, "publication" | "reason"> & PublicationInput): Promise<ReportEntity> {
    return this.db
      .transaction(async manager => {
        const report = await loadReportOrFail(manager, input.reportId);
        await assertInsider(manager, requireUser(actor), report);
        const publication = priorPublication(input, report.year);
        return stepIn(manager, this.cache, actor, "RECORD_PUBLISHED", { reportId: input.reportId, expectedVersion: input.expectedVersion, publication });
      })
      .then(report => {
        carryContentForward(this.cache, report, "RECORD_PUBLISHED", actor);
        return report;
      });
  }
}

/**
 * A step changes the report's version but never its content: once the step has committed, the content cached
 * for the version it started from is also the content of the version it made, so the next step finds it (and its
 * validation) without reading and checking the cells again. Only after the COMMIT: a step rolled back never made
 * that version, and a later change reaching the same number may have edited the content.
 */
function carryContentForward(cache: ContentCache, report: ReportEntity, type: WorkflowEventType, actor: Actor): void {
  const content = cache.content(ContentCache.liveKey(report.id, report.version - 1));
  if (content) cache.remember(ContentCache.liveKey(report.id, report.version), content);
  const participants = cache.participants(report.id, report.version - 1);
  if (participants && actor.kind === "user") {
    cache.rememberParticipants(report.id, report.version, participantsAfter(participants, stepAction(type), actor.userId));
  }
}

/** The audit action a step is recorded under. */
export function stepAction(type: WorkflowEventType): string {
  return `report.workflow.${type.toLowerCase()}`;
}

/** What a step carries besides who, which report and which version. */
export interface StepOptions {
  /** SCHEDULE_PUBLISH: when to publish. */
  publishAt?: string;
  /** PUBLISH by the scheduler: the schedule carried out. */
  scheduledFor?: string;
  /** More for the step's audit record (a scheduled publication names its schedule and delay). */
  audit?: Record<string, unknown>;
  /** Last year's report, when loaded with the report (loadStepReport); otherwise the facts look it up. */
  previous?: ReportKey | null;
  /** Runs in the step's transaction after it is written (the schedule's job row). */
  after?: (manager: EntityManager, report: ReportEntity, context: ApprovalContext) => Promise<void>;
}

/**
 * Restores the report's machine, asks it, and writes the new snapshot, state, version + 1, the workflow event
 * and any revision in the caller's transaction, with a compare-and-set on the version so concurrent steps
 * cannot both win. Throws a DomainError with the machine's reasons when it refuses.
 */
export async function stepIn(
  manager: EntityManager,
  cache: ContentCache,
  actor: Actor,
  type: WorkflowEventType,
  input: WorkflowStepInput,
): Promise<ReportEntity> {
  const user = requireUser(actor);
  const { report, previous } = await loadStepReport(manager, input.reportId);
  await assertInsider(manager, user, report);
  return takeStep(manager, cache, user, report, type, input, { previous });
}

/**
 * The step itself, on a report already loaded (and locked) by the caller: the machine decides, then the snapshot,
 * state, version, workflow event, revision and audit record are written.
 */
export async function takeStep(
  manager: EntityManager,
  cache: ContentCache,
  user: UserActor,
  report: ReportEntity,
  type: WorkflowEventType,
  input: WorkflowStepInput,
  options: StepOptions = {},
): Promise<ReportEntity> {
  if (report.version !== input.expectedVersion) throw conflict(report, input.expectedVersion);
  const { facts, content } = await loadWorkflowFacts(manager, report, cache, options.previous);
  const roles = rolesIn(user, report.agencyId);
  const at = new Date();
  const result = applyEvent(persistedOf(report), {
    type,
    actor: { userId: String(user.userId), roles },
    facts,
    reason: input.reason ?? undefined,
    at: at.toISOString(),
    publishAt: options.publishAt,
    scheduledFor: options.scheduledFor,
    publication: input.publication ?? undefined,
  });
  if (!result.ok) throw new StepRefused(result.reasons);
  const context = result.snapshot.snapshot.context;
  const step = { user, type, at, facts, input, state: result.state, snapshot: result.snapshot, audit: options.audit };
  const before = { ...report };
  await writeStep(manager, report, step);
  const kind = revisionKindOf(type);
  if (kind) {
    await insertRevision(manager, {
      reportId: report.id,
      revision: context.revision,
      kind,
      content: canonicalContent(report.title, content),
      contentHash: facts.contentHash,
      createdBy: user.userId,
      correctionReason: kind === "published" ? context.correctionReason : null,
      ...(type === "RECORD_PUBLISHED" ? { publishedAt: new Date(context.publishedAt!), source: JSON.stringify(input.publication!.source) } : {}),
    });
  }
  await summarise(manager, before, report, kind === "published" ? content : null);
  await options.after?.(manager, report, context);
  return report;
}

interface StepRecord {
  user: UserActor;
  type: WorkflowEventType;
  at: Date;
  facts: { contentHash: string };
  input: WorkflowStepInput;
  state: ApprovalState;
  snapshot: PersistedWorkflow;
  audit?: Record<string, unknown>;
}

async function writeStep(manager: EntityManager, report: ReportEntity, step: StepRecord): Promise<void> {
  // Note: publishedAt is the first publication (a correction keeps it), taken from the event's own time —
  // or, for a publication recorded after the fact, its original date, which deadlines and 逾期 are judged by.
  const firstAt = step.type === "RECORD_PUBLISHED" ? new Date(step.input.publication!.at) : step.at;
  const published = step.state === "published" && !report.publishedAt ? { publishedAt: firstAt } : {};
  const workflowSnapshot = JSON.stringify(step.snapshot);
  const written = await updateStepRow(manager, {
    id: report.id,
    expectedVersion: step.input.expectedVersion,
    state: step.state,
    workflowSnapshot,
    ...published,
  });
  if (!written) {
    const current = await manager.findOneByOrFail(ReportEntity, { id: report.id });
    throw conflict(current, step.input.expectedVersion);
  }
  const fromState = report.state;
  Object.assign(report, { state: step.state, version: report.version + 1, workflowSnapshot, ...published });
  await insertWorkflowEvent(manager, {
    reportId: report.id,
    actorId: step.user.userId,
    actorRole: roleUsed(step.type, fromState, step.user.roles),
    event: step.type,
    fromState,
    toState: step.state,
    reason: step.input.reason?.trim() || null,
    contentHash: step.facts.contentHash,
    version: report.version,
  });
  await appendAudit(manager, step.user, {
    action: stepAction(step.type),
    agencyId: report.agencyId,
    reportId: report.id,
    diff: {
      state: { before: fromState, after: step.state },
      version: { before: step.input.expectedVersion, after: report.version },
      reason: step.input.reason?.trim() || null,
      contentHash: step.facts.contentHash,
      ...(step.input.publication ? { publication: step.input.publication } : {}),
      ...step.audit,
    },
  });
}

/**
 * Keeps the statistics summary in this step's transaction: the report moves from its old (state, published)
 * count to its new one; a publication replaces the sums of the previously published revision with its own.
 * Called after the new revision is written, so the previous one is the second newest.
 */
async function summarise(manager: EntityManager, before: ReportEntity, after: ReportEntity, published: ReportContent | null): Promise<void> {
  await countReports(manager, [
    { report: before, delta: -1 },
    { report: after, delta: 1 },
  ]);
  if (!published) return;
  if (before.publishedAt) {
    const previous = await latestPublishedContents(manager, [after.id], 1);
    const content = previous.get(after.id);
    if (content) await sumPublished(manager, after, content, -1);
  }
  await sumPublished(manager, after, { format: published.format.id, cells: published.cells }, 1);
}

/** The persisted machine snapshot; reports created before the workflow existed start as drafts. */
export function persistedOf(report: ReportEntity): PersistedWorkflow {
  return report.workflowSnapshot ? (JSON.parse(report.workflowSnapshot) as PersistedWorkflow) : startWorkflow();
}

export function workflowContext(report: ReportEntity): ApprovalContext {
  return persistedOf(report).snapshot.context;
}

export function requireUser(actor: Actor): UserActor {
  const user = requireSignedIn(actor);
  if (!user) {
    throw problem(UserErrorCode.FORBIDDEN, "Workflow steps are taken by signed-in people, not by the CLI or the system.");
  }
  return user;
}

function roleUsed(type: WorkflowEventType, from: string, roles: readonly Role[]): string {
  const transition = workflowDefinition()
    .events.find(event => event.id === type)!
    .transitions.find(candidate => candidate.from === from);
  return transition?.roles.find(role => roles.includes(role)) ?? roles[0] ?? "NONE";
}

function conflict(report: ReportEntity, expected: number): DomainError {
  return problem(
    UserErrorCode.CONFLICT,
    `The report is now at version ${report.version} in state ${report.state} (you sent expectedVersion ${expected}); reload it and decide again.`,
    ["input", "expectedVersion"],
  );
}

const INPUT_REFUSALS = new Set(["REASON_REQUIRED", "PUBLICATION_REQUIRED", "PUBLICATION_IN_FUTURE"]);
const FORBIDDEN_REFUSALS = new Set(["MISSING_ROLE", "NOT_SUBMITTER", "FOUR_EYES_SUBMITTER", "FOUR_EYES_EDITOR", "FOUR_EYES_REVIEWER"]);

/** The machine refused the step; `refusals` keeps its own codes (WRONG_STATE, HASH_MISMATCH, …). */
export class StepRefused extends DomainError {
  constructor(readonly refusals: WorkflowRefusal[]) {
    super(refusals.map(toProblem));
  }
}

function toProblem(refusal: WorkflowRefusal): Problem {
  const code = FORBIDDEN_REFUSALS.has(refusal.code)
    ? UserErrorCode.FORBIDDEN
    : INPUT_REFUSALS.has(refusal.code)
      ? UserErrorCode.INVALID_INPUT
      : UserErrorCode.STEP_NOT_ALLOWED;
  const field = refusal.code === "REASON_REQUIRED" ? ["input", "reason"] : INPUT_REFUSALS.has(refusal.code) ? ["input", "publishedAt"] : undefined;
  return { code, message: refusal.message, field };
}
