/**
 * `npm run bench [-- options]`: starts the Gongkai server on a generated database (10,000 reports, 1,000,000
 * audit records) and measures each scenario with autocannon (50 connections, a warm-up, then ~10 s), each
 * followed by its raw ceiling — node:http and the engine's own driver, the same SQL and caches, no framework —
 * measured right after it on the same data, and prints every scenario with its ceiling and ratio.
 * Options: --workers N (Gongkai and the ceilings), --database sqlite:<file> | postgres://…?schema=…,
 * --duration S, --warmup S, --connections N, --subscribers N, --pairs N ((d) and (s) alternately, default 3),
 * --only key,key (a, a-raw, A, A-raw, b, b-raw, c,
 * c-raw, m, d, d-raw, s, statistics, p, p-raw), --profile (profile scenarios under half their ceiling; with --only,
 * every scenario chosen).
 * Writes bench/data/run-<engine>-w<workers>.md; bench/RESULTS.md records a chosen run by hand.
 */
import fs from "node:fs";
import path from "node:path";
import { issueToken } from "../src/auth/tokens";
import { DATA, JWT_SECRET, isPostgres, parseOptions } from "./config";
import type { Options } from "./config";
import { databaseReady, generateDatabase, loadFixtures, savePages } from "./fixtures";
import type { Fixtures } from "./fixtures";
import { load, singleClient } from "./load";
import type { Scenario } from "./load";
import { profileScenario } from "./profile-run";
import { attachCeilings, measurement, printRatios, printResult, rate, runMarkdown } from "./results";
import type { Measured } from "./results";
import { buildScenarios } from "./scenarios";
import type { Tokens } from "./scenarios";
import { readRss, startServer } from "./server-process";
import type { ServerSettings } from "./server-process";
import { newStepLoad, resetCounts } from "./step-load";
import type { StepLoad } from "./step-load";
import { subscriberPairs, subscriberScenario } from "./subscriber-run";

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  fs.mkdirSync(DATA, { recursive: true });
  const generation = (await databaseReady(options.database)) ? "reused" : await generateDatabase(options.database);
  const fixtures = await loadFixtures(options.database);
  console.log(`Database: ${fixtures.reports} reports, ${fixtures.auditRecords} audit records (${generation}); --workers ${options.workers}.`);
  const tokens = await issueTokens(fixtures);
  const steps = newStepLoad(fixtures.workflow);
  const selected = (key: string) => !options.only || options.only.has(key);
  const scenarios = buildScenarios(fixtures, tokens, steps).filter(s => selected(s.key));
  const settings: ServerSettings = { database: options.database, workers: options.workers };
  if (selected("p-raw")) await savePages(fixtures.pages, settings);
  const results: Measured[] = [];
  for (const scenario of scenarios) {
    const measured = await measure(scenario, settings, options, steps);
    results.push(measured);
    printResult(measured);
    if (scenario.key === "d" && selected("s")) {
      const withSubscribers = await subscriberPairs(
        measured,
        () => measure(scenario, settings, options, steps),
        without => subscriberScenario(fixtures, tokens, steps, settings, options, without),
        options.pairs,
      );
      results.push(withSubscribers);
      printResult(withSubscribers);
    }
  }
  attachCeilings(results, scenarios);
  printRatios(results);
  if (options.profile) await profileLagging(results, scenarios, settings, options);
  const engine = isPostgres(options) ? "postgres" : "sqlite";
  const file = path.join(DATA, `run-${engine}-w${options.workers}.md`);
  const commandLine = `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim();
  fs.writeFileSync(file, runMarkdown(results, fixtures, { ...options, generation, commandLine }));
  console.log(`Wrote ${path.relative(process.cwd(), file)}.`);
}

async function issueTokens(fixtures: Fixtures): Promise<Tokens> {
  const config = { kind: "hs256" as const, secret: new TextEncoder().encode(JWT_SECRET) };
  const auditor = await issueToken(
    config,
    { sub: String(fixtures.auditor.id), name: fixtures.auditor.name, agency: fixtures.top.code, roles: ["AUDITOR"] },
    "4h",
  );
  const drafters = new Map<number, string>();
  for (const c of fixtures.workflow) {
    if (!drafters.has(c.drafterId))
      drafters.set(c.drafterId, await issueToken(config, { sub: String(c.drafterId), name: c.drafterName, agency: c.agencyCode, roles: ["DRAFTER"] }, "4h"));
  }
  return { auditor, drafters };
}

/** One scenario on a fresh server: a probe, the warm-up, one client alone (Gongkai only), then the measured load. */
async function measure(scenario: Scenario, settings: ServerSettings, options: Options, steps: StepLoad): Promise<Measured> {
  const server = await startServer(scenario.server, settings);
  try {
    try {
      for (let i = 0; i < Math.max(1, scenario.prime ?? 0); i++) await probe(scenario, server.url);
    } catch (error) {
      // Note: a scenario whose first request fails is reported as such; the run goes on with the others.
      return {
        ...failed(scenario),
        note: `not measured: ${(error as Error).message.slice(0, 300)}`,
        rss: readRss(server.process.pid!),
      };
    }
    await withBackground(scenario, server.url, options.warmup, () => load(server.url, scenario, options.warmup, options.connections));
    const single = scenario.server === "gongkai" && !scenario.background ? await singleClient(server.url, scenario, options.duration) : null;
    resetCounts(steps);
    const result = await withBackground(scenario, server.url, options.duration, () => load(server.url, scenario, options.duration, options.connections));
    const measured = measurement(scenario, result, readRss(server.process.pid!), single);
    const stepNote = `${steps.ok} successful steps, ${steps.failed} refused (${steps.conflicts} CONFLICT)${steps.firstRefusal ? `; first refusal: \`${steps.firstRefusal}\`` : ""}`;
    if (scenario.key.startsWith("d")) {
      measured.stepsPerSecond = steps.ok / result.duration;
      measured.note = stepNote;
    } else if (scenario.background) {
      measured.note = `beside it ${(steps.ok / result.duration).toFixed(0)} steps/s by ${scenario.background.connections} drafters: ${stepNote}`;
    }
    return measured;
  } finally {
    await server.stop();
  }
}

/** Runs `main` with the scenario's background load (if any) on the same server for the same time. */
async function withBackground<T>(scenario: Scenario, url: string, seconds: number, main: () => Promise<T>): Promise<T> {
  const background = scenario.background ? load(url, scenario.background.scenario, seconds, scenario.background.connections) : null;
  const [result] = await Promise.all([main(), background]);
  return result;
}

function failed(scenario: Scenario): Measured {
  return {
    key: scenario.key,
    title: scenario.title,
    requestsPerSecond: 0,
    p50: 0,
    p99: 0,
    requests: 0,
    errors: 1,
    rss: { rss: 0, peak: 0 },
    single: null,
  };
}

/** One request before loading: it must answer without errors. Steps are checked by their counts instead. */
async function probe(scenario: Scenario, url: string): Promise<void> {
  if (scenario.key.startsWith("d")) return;
  const { body, headers, path: page } = scenario.next();
  const response = scenario.method === "GET" ? await fetch(new URL(page!, url)) : await fetch(url, { method: "POST", body, headers });
  const text = await response.text();
  if (!response.ok || text.startsWith('{"errors"') || text.includes('"data":null')) {
    throw new Error(`${scenario.title}: the probe request failed: ${response.status} ${text.slice(0, 500)}`);
  }
}

async function profileLagging(results: Measured[], scenarios: Scenario[], settings: ServerSettings, options: Options): Promise<void> {
  // Note: with --only, every scenario chosen is profiled (to compare one with its ceiling); else only the lagging.
  const chosen = options.only ? results.filter(r => r.key !== "s") : results.filter(r => r.ceiling && r.ceiling.ratio < 0.5);
  for (const m of chosen) {
    const share = m.ceiling ? `${(100 * m.ceiling.ratio).toFixed(0)} % of its ceiling, ` : "";
    console.log(`Profiling ${m.key} (${share}${rate(m).toFixed(0)}/s) …`);
    const summary = await profileScenario(
      scenarios.find(s => s.key === m.key)!,
      settings,
      options,
    );
    console.log(`  ${summary.totalMs} ms of CPU in the server's main thread`);
    console.log(summary.packages.map(p => `  ${p.name}: ${(100 * p.share).toFixed(1)} %`).join("\n"));
    console.log(summary.frames.map(f => `  ${f.name} (${f.where}): ${(100 * f.share).toFixed(1)} %`).join("\n"));
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
