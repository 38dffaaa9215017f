import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import type { Services } from "../../src/services";
import type { Role, WorkflowEventType } from "../../src/workflow";
import { stopChild } from "../support/child-process";
import { createValidDraft, walk } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";

export const APPROVED: Array<[WorkflowEventType, Role]> = [
  ["SUBMIT", "DRAFTER"],
  ["CLEAR_SECRECY", "SECRECY_REVIEWER"],
  ["SIGN_OFF", "LEADER"],
];

/** A server instance in its own process (test/live/scheduler-instance.js) and what it printed. */
export interface InstanceProcess {
  name: string;
  child: ChildProcess;
  facts: Array<Record<string, unknown>>;
  /** Resolves with the first printed fact that has this key. */
  until(key: string, ms?: number): Promise<Record<string, unknown>>;
}

export function spawnInstance(databaseUrl: string, name: string, env: Record<string, string> = {}): InstanceProcess {
  const child = spawn(process.execPath, [path.join(__dirname, "scheduler-instance.js")], {
    env: { ...process.env, DATABASE_URL: databaseUrl, INSTANCE: name, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const facts: Array<Record<string, unknown>> = [];
  const waiting: Array<{ key: string; resolve: (fact: Record<string, unknown>) => void }> = [];
  readline.createInterface({ input: child.stdout }).on("line", line => {
    if (!line.startsWith("{")) return;
    const fact = JSON.parse(line) as Record<string, unknown>;
    facts.push(fact);
    for (const wait of waiting.filter(w => w.key in fact)) {
      waiting.splice(waiting.indexOf(wait), 1);
      wait.resolve(fact);
    }
  });
  const until = (key: string, ms = 20_000) => {
    const seen = facts.find(fact => key in fact);
    if (seen) return Promise.resolve(seen);
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} printed no ${key} within ${ms} ms`)), ms);
      waiting.push({ key, resolve: fact => (clearTimeout(timer), resolve(fact)) });
    });
  };
  return { name, child, facts, until };
}

export async function stopInstance(instance: InstanceProcess): Promise<void> {
  await stopChild(instance.child, "SIGKILL");
}

/** A report of the team, signed off and waiting for publication (已批准). */
export async function approvedReport(services: Services, team: Team) {
  const draft = await createValidDraft(services, team);
  return walk(services, team, draft.id, APPROVED);
}

/** Polls `check` until it returns something, or fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`not within ${ms} ms`);
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

/** The audit records of one report with this action, diff parsed. */
export async function auditOf(services: Services, reportId: number, action: string): Promise<Array<{ seq: number; actorName: string; diff: any }>> {
  const p = services.db.dataSource.options.type === "postgres" ? ["$1", "$2"] : ["?", "?"];
  const rows: Array<{ seq: number; actor_name: string; diff: string }> = await services.db.read(manager =>
    manager.query(`SELECT seq, actor_name, diff FROM audit_event WHERE report_id = ${p[0]} AND action = ${p[1]} ORDER BY seq`, [reportId, action]),
  );
  return rows.map(row => ({ seq: Number(row.seq), actorName: row.actor_name, diff: JSON.parse(row.diff) }));
}

export async function jobsOf(services: Services, reportId: number) {
  const p = services.db.dataSource.options.type === "postgres" ? "$1" : "?";
  const rows: any[] = await services.db.read(manager =>
    manager.query(`SELECT status, claimed_by, attempts, outcome FROM scheduled_job WHERE report_id = ${p} ORDER BY id`, [reportId]),
  );
  return rows.map(row => ({
    status: row.status as string,
    claimedBy: row.claimed_by as string | null,
    attempts: Number(row.attempts),
    outcome: row.outcome ? JSON.parse(row.outcome) : null,
  }));
}
