/**
 * `npm run bench`: starts the Gongkai server on a generated database of
 * 10,000 reports and 1,000,000 audit records and measures it with autocannon
 * (50 connections, no pipelining, a warm-up then ~10 s per scenario):
 *   (a) one full report read as the top agency's AUDITOR,
 *   (b) the 100-report list page,
 *   (c) an auditor's history of one report,
 *   (d) workflow steps (SUBMIT / WITHDRAW with the right expectedVersion),
 *   (e) (a) served by a raw node:http + better-sqlite3 handler (the ceiling),
 *   and `statistics(year, agencyId)` when the schema has it.
 * Writes bench/RESULTS.md. Options: --duration S, --warmup S, --connections N,
 * --only a,b,…, --no-profile (by default scenarios that miss their target are
 * profiled afterwards with node --cpu-prof).
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { issueToken } from "../src/auth/tokens";
import { summariseProfile } from "./profile";
import type { ProfileSummary } from "./profile";
import { LIST_REPORTS, QUERY_FIELDS, READ_REPORT, REPORT_HISTORY, SUBMIT, TYPE_FIELDS, WITHDRAW } from "./queries";
import { openRawReports } from "./raw-report";

const ROOT = findRoot(__dirname);
const DATA = path.join(ROOT, "bench", "data");
const DB_FILE = path.join(DATA, "bench.sqlite");
const RESULTS = path.join(ROOT, "bench", process.env.BENCH_RESULTS ?? "RESULTS.md");
const PAGES_FILE = path.join(DATA, "pages.json");
/** Processes serving: `--workers N` of the bench. */
let workerCount = 1;
const JWT_SECRET = "gongkai-benchmark-secret-0123456789abcdef";
const GENERATE = ["--agencies", "1250", "--years", "2019-2026", "--audit-records", "1000000", "--seed", "1"];

interface Options {
  duration: number;
  warmup: number;
  connections: number;
  only: Set<string> | null;
  profile: boolean;
  /** `gongkai serve --workers N` (and the page ceiling with as many processes). */
  workers: number;
}

interface Measured {
  key: string;
  title: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  rssMb: number;
  peakRssMb: number;
  /** For (d): successful steps per second. */
  stepsPerSecond?: number;
  failedSteps?: number;
  target: string;
  met: boolean | null;
  note?: string;
  /** The same scenario from one client: the latency of a request that does not queue behind 49 others. */
  single?: { requestsPerSecond: number; p50: number; p99: number };
}

interface Scenario {
  key: string;
  title: string;
  server: "gongkai" | "raw" | "raw-page";
  /** GET scenarios (the public pages) send no body; `path` names the page. */
  method?: "GET";
  /** Builds the per-request body and headers; called once per request. */
  next(): { body: string; headers: Record<string, string>; path?: string; done?: (body: string | null) => void };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  fs.mkdirSync(DATA, { recursive: true });
  let generation = "reused";
  if (!fs.existsSync(DB_FILE)) generation = await generateDatabase();
  const fixtures = loadFixtures();
  console.log(
    `Database: ${fixtures.reports} reports, ${fixtures.auditRecords} audit records, ${(fs.statSync(DB_FILE).size / 2 ** 30).toFixed(2)} GiB (${generation}).`,
  );
  const config = { kind: "hs256" as const, secret: new TextEncoder().encode(JWT_SECRET) };
  const auditorToken = await issueToken(config, { sub: String(fixtures.auditor.id), name: fixtures.auditor.name, agency: fixtures.top.code, roles: ["AUDITOR"] }, "4h");
  const drafterTokens = new Map<number, string>();
  for (const candidate of fixtures.workflow) {
    if (!drafterTokens.has(candidate.drafterId)) {
      drafterTokens.set(
        candidate.drafterId,
        await issueToken(config, { sub: String(candidate.drafterId), name: candidate.drafterName, agency: candidate.agencyCode, roles: ["DRAFTER"] }, "4h"),
      );
    }
  }
  fixtures.auditorToken = auditorToken;
  const auth = { "content-type": "application/json", authorization: `Bearer ${auditorToken}` };
  const rotate = <T>(items: T[]) => {
    let i = 0;
    return () => items[i++ % items.length];
  };
  const readId = rotate(fixtures.sample);
  const historyId = rotate(fixtures.history);
  const listYear = rotate(fixtures.years);
  const idle = [...fixtures.workflow];
  workerCount = options.workers;
  const steps = { ok: 0, failed: 0, conflicts: 0 };

  const scenarios: Scenario[] = [
    {
      key: "a",
      title: "(a) report(id) with sections, tables, validation — AUDITOR",
      server: "gongkai",
      next: () => ({ body: JSON.stringify({ query: READ_REPORT, variables: { id: globalId(readId()) } }), headers: auth }),
    },
    {
      key: "b",
      title: "(b) reports(first: 100) list page with sections, tables, validation, workflow",
      server: "gongkai",
      next: () => ({ body: JSON.stringify({ query: LIST_REPORTS, variables: { year: listYear() } }), headers: auth }),
    },
    {
      key: "c",
      title: "(c) report.history of one report — AUDITOR",
      server: "gongkai",
      next: () => ({ body: JSON.stringify({ query: REPORT_HISTORY, variables: { id: globalId(historyId()) } }), headers: auth }),
    },
    {
      key: "d",
      title: "(d) workflow steps: SUBMIT / WITHDRAW with expectedVersion — DRAFTER",
      server: "gongkai",
      next: () => {
        // Note: a report is never in two requests at once, so every step carries its current version.
        const report = idle.shift();
        if (!report) throw new Error("no idle report for a workflow step: more connections than candidate reports");
        const submit = report.state === "draft";
        const body = JSON.stringify({ query: submit ? SUBMIT : WITHDRAW, variables: { input: { reportId: globalId(report.id), expectedVersion: report.version } } });
        return {
          body,
          headers: { "content-type": "application/json", authorization: `Bearer ${drafterTokens.get(report.drafterId)}` },
          done: (text: string | null) => {
            if (text === null) {
              idle.push(report);
              return;
            }
            try {
              const payload = JSON.parse(text).data?.[submit ? "reportSubmit" : "reportWithdraw"];
              if (payload?.report && payload.userErrors.length === 0) {
                steps.ok++;
                report.state = payload.report.state === "DRAFT" ? "draft" : "secrecyReview";
                report.version = payload.report.version;
              } else {
                steps.failed++;
                if (payload?.userErrors?.[0]?.code === "CONFLICT") steps.conflicts++;
              }
            } catch {
              steps.failed++;
            }
            idle.push(report);
          },
        };
      },
    },
    {
      key: "e",
      title: "(e) ceiling: the same read as (a), raw node:http + better-sqlite3",
      server: "raw",
      next: () => ({ body: JSON.stringify({ query: READ_REPORT, variables: { id: globalId(readId()) } }), headers: { "content-type": "application/json" } }),
    },
    {
      key: "p",
      title: "(p) public page of a published revision (HTML), no authentication",
      server: "gongkai",
      method: "GET",
      next: () => ({ body: "", headers: {}, path: pagePath() }),
    },
    {
      key: "q",
      title: "(q) ceiling of (p): raw node:http sending the same bytes and headers from memory",
      server: "raw-page",
      method: "GET",
      next: () => ({ body: "", headers: {}, path: pagePath() }),
    },
  ];
  const pagePath = rotate(fixtures.pages);
  if (!options.only || options.only.has("q")) await savePages(fixtures.pages);

  const results: Measured[] = [];
  const profiles: Array<{ title: string; summary: ProfileSummary }> = [];
  let statistics: Scenario | null = null;
  let statisticsNote = "";
  const selected = (key: string) => !options.only || options.only.has(key);

  for (const scenario of scenarios.filter(s => selected(s.key))) {
    const server = await startServer(scenario.server, []);
    try {
      await checkScenario(scenario, server.url, fixtures);
      if (scenario.key === "a" && selected("statistics")) {
        ({ scenario: statistics, note: statisticsNote } = await statisticsScenario(server.url, auth, fixtures));
      }
      steps.ok = steps.failed = steps.conflicts = 0;
      await load(server.url, scenario, options.warmup, options.connections);
      // Note: one client first, on a server with no backlog (timed-out requests keep it busy afterwards).
      const single = await singleClient(server.url, scenario, options);
      steps.ok = steps.failed = steps.conflicts = 0;
      const result = await load(server.url, scenario, options.duration, options.connections);
      const measured: Measured = {
        ...measurement(scenario, result, server, single),
        ...TARGETS[scenario.key](result, steps),
      };
      if (result.requests.total === 0) measured.note = await oneConnection(server, scenario, options);
      if (scenario.key === "d") {
        measured.stepsPerSecond = steps.ok / result.duration;
        measured.failedSteps = steps.failed;
        measured.note = `${steps.ok} successful steps, ${steps.failed} refused (${steps.conflicts} CONFLICT)`;
      }
      results.push(measured);
      printResult(measured);
    } finally {
      await server.stop();
    }
  }
  if (statistics) {
    const server = await startServer("gongkai", []);
    try {
      const single = await singleClient(server.url, statistics, options);
      await load(server.url, statistics, options.warmup, options.connections);
      const result = await load(server.url, statistics, options.duration, options.connections);
      const base = measurement(statistics, result, server, single);
      const measured: Measured = { ...base, target: "(none set)", met: base.rssMb < 300 ? null : false, note: statisticsNote };
      if (result.requests.total === 0) measured.note = `${await oneConnection(server, statistics, options)}; ${statisticsNote}`;
      results.push(measured);
      printResult(measured);
    } finally {
      await server.stop();
    }
  }
  const a = results.find(r => r.key === "a");
  const e = results.find(r => r.key === "e");
  if (a && e) {
    a.met = a.requestsPerSecond >= 0.5 * e.requestsPerSecond && a.rssMb < 300;
    a.target = `≥ 50% of (e): ${Math.round(0.5 * e.requestsPerSecond)} req/s; RSS < 300 MB`;
  }
  const p = results.find(r => r.key === "p");
  const q = results.find(r => r.key === "q");
  if (p && q) {
    p.met = p.requestsPerSecond >= 0.5 * q.requestsPerSecond && p.requestsPerSecond >= 5_000;
    p.target = `≥ 50% of (q): ${Math.round(0.5 * q.requestsPerSecond)} req/s, and ≥ 5,000 req/s`;
    console.log(`Ratio (p)/(q): ${((100 * p.requestsPerSecond) / q.requestsPerSecond).toFixed(1)} %`);
  }
  if (options.profile) {
    for (const measured of results.filter(r => r.met === false && r.key !== "e")) {
      const scenario = measured.key === "statistics" ? statistics! : scenarios.find(s => s.key === measured.key)!;
      console.log(`Profiling ${measured.title} …`);
      try {
        profiles.push({ title: measured.title, summary: await profileScenario(scenario, options) });
      } catch (error) {
        console.error(`No profile of ${measured.title}: ${(error as Error).message}`);
      }
    }
  }
  writeResults(results, profiles, fixtures, generation, options, statisticsNote);
  console.log(`Wrote ${path.relative(ROOT, RESULTS)}.`);
}

type LoadResult = autocannon.Result & { graphqlErrors: number };

const TARGETS: Record<string, (r: LoadResult, steps: { ok: number }) => { target: string; met: boolean | null }> = {
  a: () => ({ target: "≥ 50% of (e)", met: null }),
  b: r => ({ target: "p99 < 50 ms", met: r.requests.total > 0 && r.latency.p99 < 50 }),
  c: r => ({ target: "p99 < 10 ms", met: r.requests.total > 0 && r.latency.p99 < 10 }),
  d: (r, steps) => ({ target: "≥ 500 steps/s", met: steps.ok / r.duration >= 500 }),
  e: () => ({ target: "(ceiling)", met: null }),
  p: () => ({ target: "≥ 50% of (q)", met: null }),
  q: () => ({ target: "(ceiling)", met: null }),
};

/** Runs autocannon for `seconds`: 50 connections by default, one request in flight on each. */
function load(url: string, scenario: Scenario, seconds: number, connections: number): Promise<LoadResult> {
  let graphqlErrors = 0;
  const pending = new Map<object, (body: string | null) => void>();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        pipelining: 1,
        duration: seconds,
        method: scenario.method ?? "POST",
        requests: [
          {
            setupRequest: (request: autocannon.Request, context: Record<string, unknown>) => {
              // Note: autocannon rebuilds a request when a connection is (re)opened; an unanswered one is given up.
              pending.get(context)?.(null);
              pending.delete(context);
              const { body, headers, path: pagePath, done } = scenario.next();
              if (done) pending.set(context, done);
              if (scenario.method === "GET") return { ...request, method: "GET", path: pagePath, headers: { ...headers } };
              return { ...request, method: "POST", body, headers: { ...headers } };
            },
            onResponse: (status: number, body: string, context: Record<string, unknown>) => {
              // Note: Apollo writes "errors" before "data", so a failed operation starts with it.
              if (status === 200 && body.startsWith('{"errors"')) graphqlErrors++;
              const done = pending.get(context);
              if (done) {
                pending.delete(context);
                done(body);
              }
            },
          },
        ],
      } as autocannon.Options,
      (error, result) => (error ? reject(error as Error) : resolve(Object.assign(result, { graphqlErrors }))),
    );
    void instance;
  });
}

/** The figures of one loaded run, with the server's memory at its end. */
function measurement(
  scenario: Scenario,
  result: LoadResult,
  server: RunningServer,
  single: Measured["single"],
): Omit<Measured, "target" | "met"> {
  const rss = readRss(server.process.pid!);
  return {
    key: scenario.key,
    title: scenario.title,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.non2xx + result.timeouts + result.graphqlErrors,
    rssMb: rss.rss,
    peakRssMb: rss.peak,
    single,
  };
}

/** Latency of one client alone (a few seconds, same server, nothing else queued). */
async function singleClient(url: string, scenario: Scenario, options: Options): Promise<Measured["single"]> {
  await new Promise(resolve => setTimeout(resolve, 2_000));
  const result = await load(url, scenario, Math.min(options.duration, 5), 1);
  return { requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

/** When no request completed within autocannon's 10 s timeout at full load, the latency of one connection alone. */
async function oneConnection(loaded: RunningServer, scenario: Scenario, options: Options): Promise<string> {
  // Note: the loaded server still works through the requests autocannon gave up on, so measure on a fresh one.
  await loaded.stop();
  const server = await startServer(scenario.server, []);
  let result: LoadResult;
  try {
    result = await load(server.url, scenario, options.duration, 1);
  } finally {
    await server.stop();
  }
  return (
    `no request completed within autocannon's 10 s timeout at ${options.connections} connections (every request waits in the one SQLite queue); ` +
    `on a fresh server with 1 connection: ${result.requests.total} requests in ${result.duration.toFixed(0)} s (${result.requests.average.toFixed(1)} req/s), ` +
    `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms — so at ${options.connections} connections a request would wait ≈ ${((options.connections * result.latency.p50) / 1000).toFixed(0)} s`
  );
}

/** One request through the real path before loading: it must answer without errors (and (e) exactly like (a)). */
async function checkScenario(scenario: Scenario, url: string, fixtures: Fixtures): Promise<void> {
  if (scenario.key === "d") return;
  if (scenario.method === "GET") {
    const response = await fetch(new URL(scenario.next().path!, url));
    if (response.status !== 200) throw new Error(`${scenario.title}: the probe request failed: ${response.status}`);
    return;
  }
  const { body, headers } = scenario.next();
  const response = await fetch(url, { method: "POST", body, headers: { ...headers } });
  const text = await response.text();
  if (!response.ok || text.startsWith('{"errors"') || text.includes('"data":null')) {
    throw new Error(`${scenario.title}: the probe request failed: ${response.status} ${text.slice(0, 500)}`);
  }
  if (scenario.key === "e") {
    const id = JSON.parse(body).variables.id as string;
    const gongkai = await startServer("gongkai", []);
    try {
      const viaGraphql = await (await fetch(gongkai.url, { method: "POST", body, headers: { ...headers, authorization: `Bearer ${fixtures.auditorToken}` } })).text();
      if (viaGraphql !== text) {
        let at = 0;
        while (at < text.length && text[at] === viaGraphql[at]) at++;
        throw new Error(`(e) answers ${id} differently from (a) at character ${at}:\n(e) …${text.slice(at - 150, at + 150)}\n(a) …${viaGraphql.slice(at - 150, at + 150)}`);
      }
    } finally {
      await gongkai.stop();
    }
  }
}

/** When the schema has `statistics(year, agencyId)`, a scenario that asks it for the top agency. */
async function statisticsScenario(url: string, headers: Record<string, string>, fixtures: Fixtures): Promise<{ scenario: Scenario | null; note: string }> {
  const ask = async (query: string, variables?: Record<string, unknown>) =>
    (await (await fetch(url, { method: "POST", headers, body: JSON.stringify({ query, variables }) })).json()) as { data?: any };
  const fields = (await ask(QUERY_FIELDS)).data?.__schema?.queryType?.fields as Array<any> | undefined;
  const field = fields?.find(f => f.name === "statistics");
  if (!field) return { scenario: null, note: "skipped: the schema has no statistics query" };
  const names = new Set<string>(field.args.map((arg: any) => arg.name));
  const required = field.args.filter((arg: any) => arg.type.kind === "NON_NULL").map((arg: any) => arg.name);
  if (!names.has("year") || required.some((name: string) => name !== "year" && name !== "agencyId")) {
    return { scenario: null, note: `skipped: statistics takes (${[...names].join(", ")}), not (year, agencyId)` };
  }
  const selection = await selectionFor(namedType(field.type), ask, 0);
  const year = fixtures.years.filter(y => y < Math.max(...fixtures.years)).at(-1) ?? fixtures.years[0];
  const variables: Record<string, unknown> = { year };
  if (names.has("agencyId")) variables.agencyId = Buffer.from(`Agency:${fixtures.top.id}`).toString("base64url");
  const signature = Object.keys(variables)
    .map(name => `$${name}: ${typeText(field.args.find((arg: any) => arg.name === name).type)}`)
    .join(", ");
  const query = `query Statistics(${signature}) { statistics(${Object.keys(variables).map(n => `${n}: $${n}`).join(", ")})${selection} }`;
  const probe = await ask(query, variables);
  if (!probe.data?.statistics) return { scenario: null, note: `skipped: the probe failed: ${JSON.stringify(probe).slice(0, 300)}` };
  const body = JSON.stringify({ query, variables });
  return {
    scenario: { key: "statistics", title: `statistics(year: ${year}, agencyId: top agency)`, server: "gongkai", next: () => ({ body, headers }) },
    note: `query: ${query.replace(/\s+/g, " ")}`,
  };
}

function namedType(type: any): string {
  return type.name ?? namedType(type.ofType);
}

function typeText(type: any): string {
  return type.kind === "NON_NULL" ? `${typeText(type.ofType)}!` : type.kind === "LIST" ? `[${typeText(type.ofType)}]` : type.name;
}

/** Every scalar field of a type and of its object fields to depth 2 (reports and agencies by id and name only). */
async function selectionFor(typeName: string, ask: (q: string, v?: Record<string, unknown>) => Promise<{ data?: any }>, depth: number): Promise<string> {
  const type = (await ask(TYPE_FIELDS, { name: typeName })).data?.__type;
  if (!type?.fields) return "";
  const parts: string[] = [];
  for (const field of type.fields) {
    if (field.args.some((arg: any) => arg.type.kind === "NON_NULL")) continue;
    const inner = namedKind(field.type);
    if (inner.kind === "SCALAR" || inner.kind === "ENUM") parts.push(field.name);
    else if (inner.name === "Report" || inner.name === "Agency") parts.push(`${field.name} { id ${inner.name === "Report" ? "title state" : "code name"} }`);
    else if (depth < 2 && (inner.kind === "OBJECT" || inner.kind === "INTERFACE")) {
      const sub = await selectionFor(inner.name, ask, depth + 1);
      if (sub) parts.push(`${field.name}${sub}`);
    }
  }
  return parts.length ? ` { ${parts.join(" ")} }` : "";
}

function namedKind(type: any): { kind: string; name: string } {
  return type.name ? { kind: type.kind, name: type.name } : namedKind(type.ofType);
}

interface RunningServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the Gongkai server (`node dist/cli/main.js serve`) or the raw ceiling as a separate process. */
function startServer(kind: Scenario["server"], nodeArgs: string[]): Promise<RunningServer> {
  const grace = nodeArgs.includes("--cpu-prof") ? 120_000 : 5_000;
  const args =
    kind === "gongkai"
      ? [...nodeArgs, path.join(ROOT, "dist", "cli", "main.js"), "serve", "--port", "0", "--workers", String(workerCount)]
      : kind === "raw-page"
        ? [...nodeArgs, path.join(__dirname, "raw-page-server.js"), PAGES_FILE, "0", String(workerCount)]
        : [...nodeArgs, path.join(__dirname, "raw-server.js"), DB_FILE, "0"];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `sqlite:${DB_FILE}`, JWT_SECRET, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start:\n${log}`)), 60_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /ready at http:\/\/localhost:(\d+)\/graphql/.exec(log) ?? /^ready (\d+)/m.exec(log);
      if (match) {
        clearTimeout(timer);
        child.stdout.off("data", onData);
        const url = `http://127.0.0.1:${match[1]}${kind === "gongkai" ? "/graphql" : "/"}`;
        resolve({
          url,
          process: child,
          // Note: a graceful stop waits for every queued request; after a grace period (5 s, 2 min when profiling) the server is killed.
          stop: () =>
            new Promise(done => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              const kill = setTimeout(() => child.kill("SIGKILL"), grace);
              child.once("exit", () => {
                clearTimeout(kill);
                done();
              });
              child.kill("SIGINT");
            }),
        });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.once("exit", code => {
      clearTimeout(timer);
      reject(new Error(`${kind} server exited with ${code}:\n${log}`));
    });
  });
}

/** Re-runs a scenario against a server started with --cpu-prof and sums its profile. */
async function profileScenario(scenario: Scenario, options: Options): Promise<ProfileSummary> {
  const dir = path.join(DATA, "profiles", scenario.key);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const server = await startServer(scenario.server, ["--cpu-prof", "--cpu-prof-dir", dir]);
  try {
    await load(server.url, scenario, Math.min(options.warmup, 2), options.connections);
    await load(server.url, scenario, Math.min(options.duration, 8), options.connections);
  } finally {
    await server.stop();
  }
  const file = fs.readdirSync(dir).find(name => name.endsWith(".cpuprofile"));
  if (!file) throw new Error(`no profile written in ${dir}`);
  return summariseProfile(path.join(dir, file));
}

/** VmRSS of the server, summed over its workers when it has some; the peak is the largest single process's VmHWM. */
function readRss(pid: number): { rss: number; peak: number } {
  const kb = (status: string, name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
  const children = fs.existsSync(`/proc/${pid}/task/${pid}/children`) ? fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean) : [];
  let rss = 0;
  let peak = 0;
  for (const id of [String(pid), ...children]) {
    try {
      const status = fs.readFileSync(`/proc/${id}/status`, "utf8");
      rss += kb(status, "VmRSS") / 1024;
      peak = Math.max(peak, kb(status, "VmHWM") / 1024);
    } catch {
      // Note: a worker may have ended in between.
    }
  }
  return { rss, peak };
}

interface Candidate {
  id: number;
  version: number;
  state: string;
  drafterId: number;
  drafterName: string;
  agencyCode: string;
}

interface Fixtures {
  top: { id: number; code: string };
  auditor: { id: number; name: string };
  auditorToken?: string;
  reports: number;
  auditRecords: number;
  years: number[];
  sample: number[];
  history: number[];
  workflow: Candidate[];
  historyLength: number;
  /** Revision URLs of published reports, spread over all of them. */
  pages: string[];
}

/** Reads what the scenarios need straight from the database file. */
function loadFixtures(): Fixtures {
  const db = new Database(DB_FILE, { readonly: true });
  try {
    const top = db.prepare(`SELECT id, code FROM agency WHERE parent_id IS NULL AND code LIKE 'gen%' ORDER BY id LIMIT 1`).get() as { id: number; code: string };
    const auditor = db.prepare(`SELECT id, name FROM app_user WHERE agency_id = ? AND roles = 'AUDITOR'`).get(top.id) as { id: number; name: string };
    const ids = (db.prepare(`SELECT id FROM report ORDER BY id`).all() as Array<{ id: number }>).map(row => row.id);
    const years = (db.prepare(`SELECT DISTINCT year FROM report ORDER BY year`).all() as Array<{ year: number }>).map(row => row.year);
    const auditRecords = (db.prepare(`SELECT MAX(seq) AS n FROM audit_event`).get() as { n: number }).n;
    const spreadPick = (count: number, offset: number) => Array.from({ length: Math.min(count, ids.length) }, (_, i) => ids[(offset + Math.floor((i * ids.length) / count)) % ids.length]);
    const history = spreadPick(200, 7);
    const historyLength = (db.prepare(`SELECT COUNT(*) AS n FROM audit_event WHERE report_id = ?`).get(history[0]) as { n: number }).n;
    const rows = db
      .prepare(
        `SELECT r.id, r.version, r.state, u.id AS drafterId, u.name AS drafterName, a.code AS agencyCode
           FROM report r JOIN agency a ON a.id = r.agency_id JOIN app_user u ON u.agency_id = r.agency_id AND u.roles = 'DRAFTER'
          WHERE r.state IN ('draft', 'secrecyReview') ORDER BY r.id`,
      )
      .all() as Candidate[];
    const raw = openRawReports(DB_FILE);
    // Only reports the SUBMIT guard accepts (no validation errors); those in review were submitted by their drafter.
    const workflow = rows.filter(row => row.state === "secrecyReview" || raw.errorCount(row.id) === 0).slice(0, 1_000);
    raw.close();
    const published = db
      .prepare(
        `SELECT a.code AS code, r.year AS year, MAX(v.revision) AS revision FROM report r JOIN agency a ON a.id = r.agency_id
           JOIN report_revision v ON v.report_id = r.id AND v.kind = 'published' GROUP BY r.id ORDER BY r.id`,
      )
      .all() as Array<{ code: string; year: number; revision: number }>;
    const pages = Array.from({ length: Math.min(500, published.length) }, (_, i) => published[Math.floor((i * published.length) / Math.min(500, published.length))])
      .map(row => `/reports/${encodeURIComponent(row.code)}/${row.year}/revisions/${row.revision}`);
    return { top, auditor, reports: ids.length, auditRecords, years, sample: spreadPick(500, 0), history, workflow, historyLength, pages };
  } finally {
    db.close();
  }
}

/** Generates the benchmark database once (about two minutes), into a temporary file renamed when complete. */
async function generateDatabase(): Promise<string> {
  const temporary = `${DB_FILE}.partial`;
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(temporary + suffix, { force: true });
  console.log(`Generating ${path.relative(ROOT, DB_FILE)}: gongkai demo-data ${GENERATE.join(" ")} …`);
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "dist", "cli", "main.js"), "demo-data", ...GENERATE], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: `sqlite:${temporary}` },
      stdio: "inherit",
    });
    child.once("exit", code => (code === 0 ? resolve() : reject(new Error(`demo-data exited with ${code}`))));
  });
  fs.renameSync(temporary, DB_FILE);
  return `generated in ${Math.round((Date.now() - started) / 1000)} s with \`gongkai demo-data ${GENERATE.join(" ")}\``;
}

/** Fetches each public page from Gongkai once and keeps its bytes and headers for the raw page ceiling (q). */
async function savePages(paths: string[]): Promise<void> {
  const server = await startServer("gongkai", []);
  const pages: Record<string, { body: string; headers: Record<string, string> }> = {};
  try {
    const base = new URL(server.url);
    for (const page of paths) {
      const response = await fetch(new URL(page, base));
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (!["date", "connection", "keep-alive", "content-length", "transfer-encoding"].includes(name)) headers[name] = value;
      });
      pages[page] = { body: await response.text(), headers };
    }
  } finally {
    await server.stop();
  }
  fs.writeFileSync(PAGES_FILE, JSON.stringify(pages));
}

function globalId(id: number): string {
  return Buffer.from(`Report:${id}`).toString("base64url");
}

function printResult(m: Measured): void {
  const steps = m.stepsPerSecond === undefined ? "" : `, ${m.stepsPerSecond.toFixed(0)} steps/s`;
  console.log(
    `${m.title}: ${m.requestsPerSecond.toFixed(0)} req/s${steps}, p50 ${m.p50} ms, p99 ${m.p99} ms, ${m.errors} errors, RSS ${m.rssMb.toFixed(0)} MB (peak ${m.peakRssMb.toFixed(0)} MB)`,
  );
}

function writeResults(results: Measured[], profiles: Array<{ title: string; summary: ProfileSummary }>, fixtures: Fixtures, generation: string, options: Options, statisticsNote: string): void {
  const cpu = /model name\s*:\s*(.+)/.exec(fs.readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? os.cpus()[0]?.model ?? "unknown";
  const a = results.find(r => r.key === "a");
  const e = results.find(r => r.key === "e");
  const p = results.find(r => r.key === "p");
  const q = results.find(r => r.key === "q");
  const lines = [
    "# Benchmark results",
    "",
    "Written by `npm run bench` (bench/run.ts); numbers of one run on the machine below. Benchmarks are never timed assertions in tests.",
    "",
    "## Machine",
    "",
    `- CPU: ${cpu}, ${os.cpus().length} cores`,
    `- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- Node.js ${process.version}, ${os.type()} ${os.release()}`,
    `- Date: ${new Date().toISOString()}`,
    `- Load average when the run ended: ${os.loadavg().map(n => n.toFixed(2)).join(", ")} (other work on the machine inflates every figure; ratios measured in the same run are the comparable part)`,
    "",
    "## Setup",
    "",
    `- Database: SQLite \`bench/data/bench.sqlite\` (${(fs.statSync(DB_FILE).size / 2 ** 30).toFixed(2)} GiB; ${generation}): ${fixtures.reports} reports (years ${fixtures.years[0]}–${fixtures.years.at(-1)}), ${fixtures.auditRecords} audit records; a sampled report has ${fixtures.historyLength} audit records.`,
    `- Workers: \`--workers ${options.workers}\` (Gongkai and the page ceiling (q) run as many processes; RSS is summed over them, the peak is the largest one's).`,
    "- Server: `node dist/cli/main.js serve` as a separate process (NODE_ENV=production, JWT_SECRET set), a fresh one per scenario; RSS read from `/proc/<pid>/status` at the end of the measured run (VmRSS, and VmHWM as the peak).",
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the version of the load tool, read at run time
    `- Load: autocannon ${(require("autocannon/package.json") as { version: string }).version} in-process, ${options.connections} connections, no pipelining, ${options.warmup} s warm-up, then ${options.duration} s measured. Reads rotate over ${fixtures.sample.length} reports spread over all years and states (history: ${fixtures.history.length}); the list rotates over the year filter.`,
    "- Tokens: (a)–(c) as the AUDITOR of the top agency (sees every draft below it); (d) as each report's DRAFTER. (e) has no authentication.",
    "",
    "## Results",
    "",
    "| scenario | req/s | p50 ms | p99 ms | errors | server RSS MB (peak) | 1 client: req/s, p50 / p99 ms | target | met (at full load) |",
    "|---|---:|---:|---:|---:|---:|---|---|---|",
    ...results.map(
      r =>
        `| ${r.title} | ${r.requestsPerSecond.toFixed(0)}${r.stepsPerSecond === undefined ? "" : ` (${r.stepsPerSecond.toFixed(0)} steps/s)`} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.rssMb.toFixed(0)} (${r.peakRssMb.toFixed(0)}) | ${r.single ? `${r.single.requestsPerSecond.toFixed(0)}, ${r.single.p50} / ${r.single.p99}` : "–"} | ${r.target} | ${r.met === null ? "–" : r.met ? "yes" : "**no**"} |`,
    ),
    "",
    a && e ? `Ratio (a)/(e): **${((100 * a.requestsPerSecond) / e.requestsPerSecond).toFixed(1)} %** (target ≥ 50 %).` : "",
    p && q ? `Ratio (p)/(q): **${((100 * p.requestsPerSecond) / q.requestsPerSecond).toFixed(1)} %** (target ≥ 50 %).` : "",
    "",
    ...results.filter(r => r.note).map(r => `- ${r.title}: ${r.note}`),
    statisticsNote && !results.some(r => r.key === "statistics") ? `- statistics: ${statisticsNote}` : "",
    "",
    `RSS target: < 300 MB — ${results.every(r => r.rssMb < 300) ? "met in every scenario" : `missed in ${results.filter(r => r.rssMb >= 300).map(r => r.key).join(", ")}`}.`,
    "",
  ];
  if (profiles.length) {
    lines.push("## Profiles of the scenarios that missed their target", "", "`node --cpu-prof` on the server during a separate, shorter run; self time.", "");
    for (const { title, summary } of profiles) {
      lines.push(`### ${title}`, "", `Sampled CPU ${summary.totalMs} ms.`, "", "| package / file | self ms | share |", "|---|---:|---:|");
      lines.push(...summary.packages.map(p => `| ${p.name} | ${p.ms} | ${(100 * p.share).toFixed(1)} % |`), "");
      lines.push("| top frame | where | self ms | share |", "|---|---|---:|---:|");
      lines.push(...summary.frames.map(f => `| ${f.name} | ${f.where} | ${f.ms} | ${(100 * f.share).toFixed(1)} % |`), "");
    }
  }
  fs.writeFileSync(RESULTS, lines.filter((line, i, all) => !(line === "" && all[i - 1] === "")).join("\n"));
}

function parseOptions(argv: string[]): Options {
  const value = (name: string, fallback: number) => {
    const index = argv.indexOf(name);
    return index >= 0 ? Number(argv[index + 1]) : fallback;
  };
  const only = argv.indexOf("--only");
  return {
    duration: value("--duration", 10),
    warmup: value("--warmup", 3),
    connections: value("--connections", 50),
    only: only >= 0 ? new Set(argv[only + 1].split(",")) : null,
    profile: !argv.includes("--no-profile"),
    workers: value("--workers", 1),
  };
}

function findRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, "package.json")) || path.basename(dir) === ".build") dir = path.dirname(dir);
  return dir;
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
