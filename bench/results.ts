import fs from "node:fs";
import os from "node:os";
import type { Fixtures } from "./fixtures";
import type { LoadResult, Scenario, SingleClient } from "./load";
import type { Rss } from "./server-process";

/** The figures of one scenario in one run. */
export interface Measured {
  key: string;
  title: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  rss: Rss;
  single: SingleClient | null;
  /** Successful workflow steps per second ((d) and its ceiling, (s)). */
  stepsPerSecond?: number;
  note?: string;
  /** The status and start of the first answer counted as an error, if any. */
  firstFailure?: string;
  /** Set for a Gongkai scenario whose ceiling ran: the ceiling's key and this scenario's share of it. */
  ceiling?: { key: string; ratio: number };
}

export function measurement(scenario: Scenario, result: LoadResult, rss: Rss, single: SingleClient | null): Measured {
  return {
    key: scenario.key,
    title: scenario.title,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.non2xx + result.timeouts + result.graphqlErrors,
    rss,
    single,
    ...(result.firstFailure ? { firstFailure: result.firstFailure } : {}),
  };
}

/** The rate a scenario is judged by: successful steps for the step scenarios, requests otherwise. */
export function rate(m: Measured): number {
  return m.stepsPerSecond ?? m.requestsPerSecond;
}

/** Pairs each Gongkai scenario with its ceiling, measured in the same run. */
export function attachCeilings(results: Measured[], scenarios: Scenario[]): void {
  for (const scenario of scenarios.filter(s => s.ceiling)) {
    const own = results.find(r => r.key === scenario.key);
    const ceiling = results.find(r => r.key === scenario.ceiling);
    if (own && ceiling && rate(ceiling) > 0) own.ceiling = { key: ceiling.key, ratio: rate(own) / rate(ceiling) };
  }
}

export function printResult(m: Measured): void {
  const steps = m.stepsPerSecond === undefined ? "" : `, ${m.stepsPerSecond.toFixed(0)} steps/s`;
  console.log(
    `${m.key}: ${m.title}: ${m.requestsPerSecond.toFixed(0)} req/s${steps}, p50 ${m.p50} ms, p99 ${m.p99} ms, ${m.errors} errors, RSS ${m.rss.rss.toFixed(0)} MB (peak ${m.rss.peak.toFixed(0)} MB)${m.note ? ` — ${m.note}` : ""}${m.firstFailure ? ` — first failed answer: ${m.firstFailure}` : ""}`,
  );
}

export function printRatios(results: Measured[]): void {
  for (const m of results.filter(r => r.ceiling)) {
    console.log(
      `ratio ${m.key} / ${m.ceiling!.key}: ${(100 * m.ceiling!.ratio).toFixed(1)} % (${rate(m).toFixed(0)} vs ${rate(results.find(r => r.key === m.ceiling!.key)!).toFixed(0)} per s)`,
    );
  }
}

export interface RunDescription {
  database: string;
  workers: number;
  connections: number;
  warmup: number;
  duration: number;
  generation: string;
  commandLine: string;
}

/** One run as Markdown: the machine, the setup and every scenario with its ceiling and ratio. */
export function runMarkdown(results: Measured[], fixtures: Fixtures, run: RunDescription): string {
  const cpu = /model name\s*:\s*(.+)/.exec(fs.readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? os.cpus()[0]?.model ?? "unknown";
  const row = (r: Measured) =>
    `| ${r.key} | ${r.title} | ${r.requestsPerSecond.toFixed(0)}${r.stepsPerSecond === undefined ? "" : ` (${r.stepsPerSecond.toFixed(0)} steps/s)`} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.rss.rss.toFixed(0)} (${r.rss.peak.toFixed(0)}) | ${r.single ? `${r.single.requestsPerSecond.toFixed(0)}, ${r.single.p50} / ${r.single.p99}` : "–"} | ${r.ceiling ? `${r.ceiling.key}: **${(100 * r.ceiling.ratio).toFixed(1)} %**` : "–"} |`;
  return [
    `- Command: \`${run.commandLine}\``,
    `- Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; Node.js ${process.version}; ${new Date().toISOString()}; load average at the end ${os
      .loadavg()
      .map(n => n.toFixed(2))
      .join(", ")}`,
    `- Database: ${run.database.startsWith("postgres") ? `PostgreSQL \`${run.database}\`` : "SQLite `bench/data/bench.sqlite`"} (${run.generation}): ${fixtures.reports} reports, ${fixtures.auditRecords} audit records; a sampled report has ${fixtures.historyLength}.`,
    `- \`--workers ${run.workers}\` for Gongkai and every ceiling; autocannon, ${run.connections} connections, ${run.warmup} s warm-up, ${run.duration} s measured; a fresh server per scenario.`,
    "",
    "| key | scenario | req/s | p50 ms | p99 ms | errors | RSS MB (peak) | 1 client: req/s, p50 / p99 ms | share of its ceiling |",
    "|---|---|---:|---:|---:|---:|---:|---|---|",
    ...results.map(row),
    "",
    ...results.filter(r => r.note).map(r => `- ${r.key}: ${r.note}`),
    ...results.filter(r => r.firstFailure).map(r => `- ${r.key}: first failed answer: ${r.firstFailure}`),
    "",
  ].join("\n");
}
