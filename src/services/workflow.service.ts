import type { EntityManager } from "typeorm";
import { appendAudit } from "../audit/append";
import type { Database } from "../db";
import { ReportEntity, ReportRevisionEntity, WorkflowEventEntity } from "../entities";
import { applyEvent, revisionKindOf, startWorkflow, workflowDefinition } from "../workflow";
import type { ApprovalContext, ApprovalState, PersistedWorkflow, Role, WorkflowEventType, WorkflowRefusal } from "../workflow";
import { assertInsider, requireSignedIn, rolesIn } from "./access";
import type { Actor, UserActor } from "./actor";
import type { ContentCache } from "./content-cache";
import { canonicalContent } from "./content-hash";
import { DomainError, UserErrorCode, problem } from "./errors";
import type { Problem } from "./errors";
import { loadReportOrFail } from "./report-store";
import { loadWorkflowFacts } from "./workflow-facts";

export interface WorkflowStepInput {
  reportId: number;
  expectedVersion: number;
  reason?: string | null;
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
  step(actor: Actor, type: WorkflowEventType, input: WorkflowStepInput): Promise<ReportEntity> {
    return this.db.transaction(async manager => {
      const user = requireUser(actor);
      const report = await loadReportOrFail(manager, input.reportId);
      await assertInsider(manager, user, report);
      if (report.version !== input.expectedVersion) throw conflict(report, input.expectedVersion);
      const { facts, content } = await loadWorkflowFacts(manager, report, this.cache);
      const roles = rolesIn(user, report.agencyId);
      const at = new Date();
      const result = applyEvent(persistedOf(report), {
        type,
        actor: { userId: String(user.userId), roles },
        facts,
        reason: input.reason ?? undefined,
        at: at.toISOString(),
      });
      if (!result.ok) throw new DomainError(result.reasons.map(toProblem));
      const context = result.snapshot.snapshot.context;
      await writeStep(manager, report, { user, type, at, facts, input, state: result.state, snapshot: result.snapshot });
      const kind = revisionKindOf(type);
      if (kind) {
        await manager.insert(ReportRevisionEntity, {
          reportId: report.id,
          revision: context.revision,
          kind,
          content: canonicalContent(report.title, content),
          contentHash: facts.contentHash,
          createdBy: user.userId,
          correctionReason: kind === "published" ? context.correctionReason : null,
        });
      }
      return report;
    });
  }
}

interface StepRecord {
  user: UserActor;
  type: WorkflowEventType;
  at: Date;
  facts: { contentHash: string };
  input: WorkflowStepInput;
  state: ApprovalState;
  snapshot: PersistedWorkflow;
}

async function writeStep(manager: EntityManager, report: ReportEntity, step: StepRecord): Promise<void> {
  // Note: publishedAt is the first publication (a correction keeps it), taken from the event's own time.
  const published = step.state === "published" && !report.publishedAt ? { publishedAt: step.at } : {};
  const result = await manager
    .createQueryBuilder()
    .update(ReportEntity)
    .set({ state: step.state, workflowSnapshot: JSON.stringify(step.snapshot), version: () => "version + 1", ...published })
    .where("id = :id AND version = :version", { id: report.id, version: step.input.expectedVersion })
    .execute();
  if (result.affected !== 1) {
    const current = await manager.findOneByOrFail(ReportEntity, { id: report.id });
    throw conflict(current, step.input.expectedVersion);
  }
  const fromState = report.state;
  Object.assign(report, { state: step.state, version: report.version + 1, workflowSnapshot: JSON.stringify(step.snapshot), ...published });
  await manager.insert(WorkflowEventEntity, {
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
    action: `report.workflow.${step.type.toLowerCase()}`,
    agencyId: report.agencyId,
    reportId: report.id,
    diff: {
      state: { before: fromState, after: step.state },
      version: { before: step.input.expectedVersion, after: report.version },
      reason: step.input.reason?.trim() || null,
      contentHash: step.facts.contentHash,
    },
  });
}

/** The persisted machine snapshot; reports created before the workflow existed start as drafts. */
export function persistedOf(report: ReportEntity): PersistedWorkflow {
  return report.workflowSnapshot ? (JSON.parse(report.workflowSnapshot) as PersistedWorkflow) : startWorkflow();
}

export function workflowContext(report: ReportEntity): ApprovalContext {
  return persistedOf(report).snapshot.context;
}

function requireUser(actor: Actor): UserActor {
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

const FORBIDDEN_REFUSALS = new Set(["MISSING_ROLE", "NOT_SUBMITTER", "FOUR_EYES_SUBMITTER", "FOUR_EYES_EDITOR", "FOUR_EYES_REVIEWER"]);

function toProblem(refusal: WorkflowRefusal): Problem {
  const code = FORBIDDEN_REFUSALS.has(refusal.code)
    ? UserErrorCode.FORBIDDEN
    : refusal.code === "REASON_REQUIRED"
      ? UserErrorCode.INVALID_INPUT
      : UserErrorCode.STEP_NOT_ALLOWED;
  return { code, message: refusal.message, field: refusal.code === "REASON_REQUIRED" ? ["input", "reason"] : undefined };
}
