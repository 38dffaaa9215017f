import type { Database } from "../db";
import type { ScheduledJobEntity } from "../entities";
import type { ScheduleService, ScheduledRun } from "../services/schedule.service";
import { PUBLISH_JOB } from "../services/schedule.service";
import { INSTANCE_NAME, claimDueJobs } from "./jobs";
import { markOverdueReports } from "./overdue";

export interface SchedulerOptions {
  /** How often the job table is read for due jobs (default 1 s: a schedule runs within a second of its time). */
  pollMs?: number;
  /** How long a claim holds before another instance may take the job over (default 30 s). */
  leaseMs?: number;
  /** Names this instance in claims and audit records (default host:pid). */
  instance?: string;
  /** Called after each claim (tests watch claims; a test instance may stall here to die holding one). */
  onClaimed?: (job: ScheduledJobEntity) => Promise<void> | void;
  /** Called with what came of each job this instance ran. */
  onRun?: (job: ScheduledJobEntity, result: ScheduledRun) => void;
  /** How often reports past their deadline are looked for (default 10 min; the first look one period after start). */
  overdueEveryMs?: number;
}

/** Reads the scheduler's settings from the environment (GONGKAI_SCHEDULER_POLL_MS, GONGKAI_SCHEDULER_LEASE_MS). */
export function schedulerOptionsFromEnv(env: NodeJS.ProcessEnv): SchedulerOptions {
  const ms = (name: string) => {
    const value = Number(env[name]);
    return env[name] && Number.isInteger(value) && value > 0 ? value : undefined;
  };
  return { pollMs: ms("GONGKAI_SCHEDULER_POLL_MS"), leaseMs: ms("GONGKAI_SCHEDULER_LEASE_MS"), overdueEveryMs: ms("GONGKAI_OVERDUE_EVERY_MS") };
}

/**
 * Runs due jobs of the lease-claimed table (src/live/jobs.ts) in this instance, and now and then marks reports
 * past their deadline (src/live/overdue.ts). Every instance may run one; the claim decides which runs each job. The first pass runs at start, so a schedule whose time passed while no
 * instance was up is published then, with its delay recorded.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private overdueTimer: NodeJS.Timeout | null = null;
  private pass: Promise<void> = Promise.resolve();
  private stopped = false;
  readonly instance: string;

  constructor(
    private readonly db: Database,
    private readonly schedule: ScheduleService,
    private readonly options: SchedulerOptions = {},
  ) {
    this.instance = options.instance ?? INSTANCE_NAME;
  }

  start(): void {
    const run = () => {
      this.pass = this.runDue().catch(error => console.error("scheduler", error));
      void this.pass.then(() => {
        if (!this.stopped) this.timer = setTimeout(run, this.options.pollMs ?? 1000);
      });
    };
    run();
    this.overdueTimer = setInterval(() => {
      void markOverdueReports(this.db, { kind: "system", name: `scheduler ${this.instance}` }).catch(error => console.error("overdue", error));
    }, this.options.overdueEveryMs ?? 600_000);
    this.overdueTimer.unref();
  }

  /** One pass: claims the jobs due now and carries each out. */
  async runDue(): Promise<void> {
    const jobs = await claimDueJobs(this.db, [PUBLISH_JOB], this.instance, Date.now(), this.options.leaseMs ?? 30_000);
    for (const job of jobs) {
      await this.options.onClaimed?.(job);
      if (this.stopped) return;
      const result = await this.schedule.run(job, this.instance);
      this.options.onRun?.(job, result);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.overdueTimer) clearInterval(this.overdueTimer);
    await this.pass;
  }
}
