import type { Candidate } from "./fixtures";
import type { Scenario } from "./load";
import { SUBMIT, WITHDRAW } from "./queries";
import { globalReportId } from "./raw-report";
import type { ServerKind } from "./server-process";
import type { Subscribers } from "./subscribers";

/** The reports not in a request right now, the step counters, and the subscribers to time events for. */
export interface StepLoad {
  idle: Candidate[];
  ok: number;
  failed: number;
  conflicts: number;
  /** The first refusal's answer, shortened: what refused steps looked like. */
  firstRefusal: string | null;
  subscribers: Subscribers | null;
}

export function newStepLoad(candidates: Candidate[]): StepLoad {
  return { idle: [...candidates], ok: 0, failed: 0, conflicts: 0, firstRefusal: null, subscribers: null };
}

export function resetCounts(steps: StepLoad): void {
  steps.ok = steps.failed = steps.conflicts = 0;
  steps.firstRefusal = null;
  steps.subscribers?.reset();
}

/** SUBMIT a draft or WITHDRAW a submitted report, each with its current version; a report is never in two requests at once. */
export function stepScenario(key: string, title: string, server: ServerKind, steps: StepLoad, tokens: { drafters: Map<number, string> }): Scenario {
  return {
    key,
    title,
    server,
    next: () => {
      const report = steps.idle.shift();
      if (!report) throw new Error("no idle report for a workflow step: more connections than candidate reports");
      const submit = report.state === "draft";
      const reportId = globalReportId(report.id);
      const body = JSON.stringify({
        query: submit ? SUBMIT : WITHDRAW,
        variables: { input: { reportId, expectedVersion: report.version } },
      });
      steps.subscribers?.sent(reportId, report.version + 1);
      const headers = {
        "content-type": "application/json",
        authorization: `Bearer ${tokens.drafters.get(report.drafterId)}`,
      };
      return { body, headers, done: (text: string | null) => settle(steps, report, submit, text) };
    },
  };
}

function settle(steps: StepLoad, report: Candidate, submit: boolean, text: string | null): void {
  if (text !== null) {
    try {
      const payload = (JSON.parse(text) as { data?: Record<string, any> }).data?.[submit ? "reportSubmit" : "reportWithdraw"];
      if (payload?.report && payload.userErrors.length === 0) {
        steps.ok++;
        report.state = payload.report.state === "DRAFT" ? "draft" : "secrecyReview";
        report.version = payload.report.version as number;
      } else {
        steps.failed++;
        steps.firstRefusal ??= text.slice(0, 160);
        if (payload?.userErrors?.[0]?.code === "CONFLICT") steps.conflicts++;
      }
    } catch {
      steps.failed++;
      steps.firstRefusal ??= text.slice(0, 160);
    }
  }
  // Note: a report just submitted is withdrawn next, so every stretch of the load is half SUBMIT, half WITHDRAW.
  // Without it the mix drifted with the queue's position — a pass of SUBMITs (validation) then a pass of WITHDRAWs
  // — and (s), which starts where (d) stopped, compared a different mix with (d): 87–157 % on one idle machine.
  if (report.state === "secrecyReview") steps.idle.unshift(report);
  else steps.idle.push(report);
}
