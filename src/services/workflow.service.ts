import type { EntityManager } from "typeorm";
import { prepareAudit } from "../audit/append";
import type { Database } from "../db";
import { countWrites, latestPublishedContents, sumPublished } from "../db/statistics-summary";
import { writeIfSet } from "../db/write-batch";
import type { Write } from "../db/write-batch";
import { ReportEntity } from "../entities";
import { applyEvent, revisionKindOf, startWorkflow, workflowDefinition } from "../workflow";
import type { ApprovalContext, ApprovalState, PersistedWorkflow, PriorPublication, Role, WorkflowEventType } from "../workflow";
import { assertInsider, requireSignedIn, rolesIn } from "./access";
import type { Actor, UserActor } from "./actor";
import { ContentCache } from "./content-cache";
import { canonicalContent } from "./content-hash";
import { UserErrorCode, problem } from "./errors";
import { participantsAfter } from "./participants";
import { priorPublication } from "./prior-publication";
import type { PublicationInput } from "./prior-publication";
import { loadReportOrFail } from "./report-store";
import type { ReportContent } from "./report-store";
import { StepRefused, conflict } from "./step-refusals";
import { loadStepReport, revisionWrite, stepRowWrite, workflowEventWrite } from "./step-writes";
import type { ReportKey, StepReport } from "./step-writes";
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
    const read = await this.db.read(manager => warmWorkflowFacts(manager, this.cache, user, input.reportId));
    const report = await this.db.transaction(manager => stepIn(manager, this.cache, actor, type, input, read));
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
  /** The report as read just before the transaction, if it was (WorkflowService.step). */
  read: StepReport | null = null,
): Promise<ReportEntity> {
  const user = requireUser(actor);
  const { report, previous } = stepReportAtExpectedVersion(read, input) ?? (await loadStepReport(manager, input.reportId));
  await assertInsider(manager, user, report);
  return takeStep(manager, cache, user, report, type, input, { previous });
}

/**
 * The row read before the transaction, when it is at the version the step expects: then it is the row the step's
 * compare-and-set will find, or the step is refused as a conflict by it (every change of a report's row bumps its
 * version) — reading it again in the group, which every step waits for, cost a round trip for nothing. A copy:
 * the step assigns to it, and a unit may be run again (src/db/group-commit.ts). Otherwise null: read it in the
 * transaction (and lock it on PostgreSQL), which decides the conflict.
 */
function stepReportAtExpectedVersion(read: StepReport | null, input: WorkflowStepInput): StepReport | null {
  if (!read || read.report.version !== input.expectedVersion) return null;
  return { report: Object.assign(new ReportEntity(), read.report), previous: read.previous };
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
  const kind = revisionKindOf(type);
  const revision = kind
    ? revisionWrite(manager, {
        reportId: report.id,
        revision: context.revision,
        kind,
        content: canonicalContent(report.title, content),
        contentHash: facts.contentHash,
        createdBy: user.userId,
        correctionReason: kind === "published" ? context.correctionReason : null,
        ...(type === "RECORD_PUBLISHED" ? { publishedAt: new Date(context.publishedAt!), source: JSON.stringify(input.publication!.source) } : {}),
      })
    : null;
  await writeStep(manager, report, step, revision);
  if (kind === "published") await sumPublication(manager, before, report, content);
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

/**
 * The step's writes — the report row's compare-and-set, the workflow event, the revision it cut, its audit record
 * and the statistics counts it moves — together (one statement on PostgreSQL: writeIfSet). Refused as a conflict
 * when the row has left the expected version; what was written with it is then taken back with the transaction.
 */
async function writeStep(manager: EntityManager, report: ReportEntity, step: StepRecord, revision: Write | null): Promise<void> {
  // Note: publishedAt is the first publication (a correction keeps it), taken from the event's own time —
  // or, for a publication recorded after the fact, its original date, which deadlines and 逾期 are judged by.
  const firstAt = step.type === "RECORD_PUBLISHED" ? new Date(step.input.publication!.at) : step.at;
  const published = step.state === "published" && !report.publishedAt ? { publishedAt: firstAt } : {};
  const workflowSnapshot = JSON.stringify(step.snapshot);
  const set = stepRowWrite(manager, { id: report.id, expectedVersion: step.input.expectedVersion, state: step.state, workflowSnapshot, ...published });
  const before = { ...report };
  const fromState = report.state;
  Object.assign(report, { state: step.state, version: report.version + 1, workflowSnapshot, ...published });
  const event = workflowEventWrite(manager, {
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
  const audit = await prepareAudit(manager, step.user, {
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
  // Note: the report moves from its old (state, published) count to its new one.
  const counts = await countWrites(manager, [
    { report: before, delta: -1 },
    { report, delta: 1 },
  ]);
  const written = await writeIfSet(manager, set, [event, ...(revision ? [revision] : []), audit.write, ...counts]);
  if (written.length !== 1) {
    const current = await manager.findOneByOrFail(ReportEntity, { id: report.id });
    throw conflict(current, step.input.expectedVersion);
  }
  audit.written();
}

/**
 * A publication in the statistics summary, in the step's transaction: the sums of the previously published
 * revision are replaced by its own. After the new revision is written, so the previous one is the second newest.
 * Not in the step's one statement: both sums add to the same rows.
 */
async function sumPublication(manager: EntityManager, before: ReportEntity, after: ReportEntity, published: ReportContent): Promise<void> {
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

export { StepRefused } from "./step-refusals";
