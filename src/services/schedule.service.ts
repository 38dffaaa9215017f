import type { EntityManager } from "typeorm";
import { appendAudit } from "../audit/append";
import type { Actor } from "../auth/actor";
import type { Database } from "../db";
import { ReportEntity, UserEntity } from "../entities";
import type { ScheduledJobEntity } from "../entities";
import { cancelJobs, enqueueJob, finishJob } from "../live/jobs";
import type { ApprovalContext, Role } from "../workflow";
import { assertInsider } from "./access";
import type { UserActor } from "./actor";
import type { ContentCache } from "./content-cache";
import { DomainError, UserErrorCode, problem } from "./errors";
import { loadReportOrFail } from "./report-store";
import { StepRefused, requireUser, takeStep } from "./workflow.service";
import type { WorkflowStepInput } from "./workflow.service";

/** The job kind of a scheduled publication. */
export const PUBLISH_JOB = "report.publish";

/** What a scheduled publication's job carries: the schedule, as the machine's context holds it. */
export interface PublishJobPayload {
  at: string;
  by: number;
}

export interface SchedulePublishInput extends WorkflowStepInput {
  at: Date;
}

/** What came of a job run by this instance. */
export type ScheduledRun = "published" | "refused" | "lost";

/**
 * Scheduled publication: SCHEDULE_PUBLISH / UNSCHEDULE_PUBLISH through the machine (each writes or cancels the
 * job row in the step's own transaction), and, at the time, PUBLISH in the scheduler's name through the same
 * transition and guards — or, if the machine refuses, a refusal record the scheduler is notified of.
 */
export class ScheduleService {
  constructor(
    private readonly db: Database,
    private readonly cache: ContentCache,
  ) {}

  schedule(actor: Actor, input: SchedulePublishInput): Promise<ReportEntity> {
    const publishAt = Number.isFinite(input.at.getTime()) ? input.at.toISOString() : "invalid";
    return this.inReport(actor, input, (manager, user, report) =>
      takeStep(manager, this.cache, user, report, "SCHEDULE_PUBLISH", input, {
        publishAt,
        audit: { publishAt },
        after: async (inner, written, context) => {
          await cancelJobs(inner, PUBLISH_JOB, written.id, Date.now());
          await enqueueJob(inner, publishJob(written, context, user));
        },
      }),
    );
  }

  unschedule(actor: Actor, input: WorkflowStepInput): Promise<ReportEntity> {
    return this.inReport(actor, input, (manager, user, report) =>
      takeStep(manager, this.cache, user, report, "UNSCHEDULE_PUBLISH", input, {
        after: (inner, written) => cancelJobs(inner, PUBLISH_JOB, written.id, Date.now()),
      }),
    );
  }

  private inReport(actor: Actor, input: WorkflowStepInput, work: (m: EntityManager, u: UserActor, r: ReportEntity) => Promise<ReportEntity>) {
    return this.db.transaction(async manager => {
      const user = requireUser(actor);
      const report = await loadReportOrFail(manager, input.reportId);
      await assertInsider(manager, user, report);
      return work(manager, user, report);
    });
  }

  /**
   * Carries out one claimed job: publishes in the scheduler's name (with their roles now), recording the
   * schedule, the actual time and the delay; or records why the machine refused. Either way the job row is
   * finished in the same transaction, which only succeeds while this instance still holds the claim.
   */
  async run(job: ScheduledJobEntity, instance: string): Promise<ScheduledRun> {
    const payload = JSON.parse(job.payload ?? "{}") as PublishJobPayload;
    const now = new Date();
    const outcome = { instance, publishedAt: now.toISOString(), delayMs: Math.max(0, now.getTime() - job.runAt) };
    try {
      await this.db.transaction(async manager => {
        if (!(await finishJob(manager, job, "done", outcome, now.getTime()))) throw new LeaseLost();
        const user = await schedulerActor(manager, payload.by);
        const report = await loadReportOrFail(manager, job.reportId!);
        await takeStep(
          manager,
          this.cache,
          user,
          report,
          "PUBLISH",
          { reportId: report.id, expectedVersion: report.version },
          {
            scheduledFor: payload.at,
            audit: { scheduled: { for: payload.at, by: payload.by, ...outcome } },
          },
        );
      });
      return "published";
    } catch (error) {
      if (error instanceof LeaseLost) return "lost";
      if (!(error instanceof DomainError)) throw error;
      // Note: a step committed by someone else between our read and write; the claim lapses and the job is tried again.
      if (error.problems[0]?.code === UserErrorCode.CONFLICT) return "lost";
      return this.refuse(job, payload, error, outcome);
    }
  }

  private async refuse(
    job: ScheduledJobEntity,
    payload: PublishJobPayload,
    error: DomainError,
    outcome: { instance: string; publishedAt: string; delayMs: number },
  ): Promise<ScheduledRun> {
    const reasons = error instanceof StepRefused ? error.refusals : error.problems.map(p => ({ code: p.code, message: p.message }));
    const refusal = { instance: outcome.instance, at: outcome.publishedAt, delayMs: outcome.delayMs, reasons };
    return this.db.transaction(async manager => {
      if (!(await finishJob(manager, job, "refused", refusal, Date.now()))) return "lost";
      const report = await manager.findOneBy(ReportEntity, { id: job.reportId! });
      await appendAudit(
        manager,
        { kind: "system", name: `scheduler ${outcome.instance}` },
        {
          action: "report.schedule.refused",
          agencyId: report?.agencyId ?? null,
          reportId: job.reportId,
          diff: { scheduledFor: payload.at, scheduledBy: payload.by, state: report?.state ?? null, ...refusal },
        },
      );
      return "refused";
    });
  }
}

class LeaseLost extends Error {}

function publishJob(report: ReportEntity, context: ApprovalContext, user: UserActor) {
  const at = context.scheduledPublishAt!;
  return {
    kind: PUBLISH_JOB,
    // Note: one job per schedule set: the report version the schedule step wrote is unique.
    key: `${PUBLISH_JOB}:${report.id}:${report.version}`,
    reportId: report.id,
    runAt: Date.parse(at),
    createdBy: user.userId,
    payload: { at, by: user.userId } satisfies PublishJobPayload,
  };
}

/** The scheduler as they are now: a deactivated user holds no role, so the machine refuses in their name. */
async function schedulerActor(manager: EntityManager, userId: number): Promise<UserActor> {
  const row = await manager.findOneBy(UserEntity, { id: userId });
  if (!row) throw problem(UserErrorCode.NOT_FOUND, `The user ${userId} who scheduled this publication no longer exists.`);
  const roles = row.active ? (row.roles.split(",").filter(Boolean) as Role[]) : [];
  return { kind: "user", userId: row.id, name: row.name, agencyId: row.agencyId, roles };
}
