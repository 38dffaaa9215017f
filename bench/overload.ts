/**
 * `npm run bench:overload` — bounded work per request and graceful overload (issue 9, point 5).
 *
 * On a generated database (100 agencies, 600 reports, 20,000 audit records; made once per run in a temporary
 * folder) it starts `gongkai serve` as its own process and measures:
 *   1. the event-loop block of the largest requests the limits allow (1,000 cells, a 100,000-character section,
 *      a 200,000-character import text, the 100-report list page, a full report read): each is sent alone while
 *      a probe asks /healthz back to back; the longest /healthz wait during the request bounds the block
 *      (ceiling: 100 ms; one uncounted round first, then the worst of five);
 *   2. 200 connections of mixed reads and writes (report reads, list pages, histories, cell edits without
 *      expectedVersion) for --duration seconds, once with load shedding switched off (limits so large they never
 *      apply) and once with the defaults: served, shed (503), other answers, the longest wait, and /healthz.
 * Prints the figures and writes them to bench/OVERLOAD.md. Options: --duration S (default 30), --connections N.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { DEFAULT_ADMISSION } from "../src/server/admission";
import { LIMITS } from "../src/services/limits";
import { MAIN, ROOT, get, loadFixtures, post, serve } from "./overload-support";
import type { Fixtures } from "./overload-support";
import { LIST_REPORTS, READ_REPORT, REPORT_HISTORY } from "./queries";

const CELLS = `mutation Cells($input: ReportCellsSetInput!) { reportCellsSet(input: $input) { changed userErrors { code } } }`;
const SECTION = `mutation Section($input: ReportSectionUpdateInput!) { reportSectionUpdate(input: $input) { changed userErrors { code } } }`;
const IMPORT = `mutation Import($input: ReportImportInput!) { reportImport(input: $input) { userErrors { code } } }`;
const NO_SHEDDING = { MAX_CONCURRENT_REQUESTS: "100000", MAX_QUEUED_REQUESTS: "100000", QUEUE_TIMEOUT_MS: "600000", REQUEST_TIMEOUT_MS: "600000" };

const gid = (id: number) => Buffer.from(`Report:${id}`).toString("base64url");

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const duration = Number(args[args.indexOf("--duration") + 1] || 30) || 30;
  const connections = Number(args[args.indexOf("--connections") + 1] || 200) || 200;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-overload-"));
  const database = path.join(dir, "bench.sqlite");
  const generated = spawnSync(process.execPath, [MAIN, "demo-data", "--agencies", "100", "--years", "2019-2024", "--audit-records", "20000", "--seed", "1"], {
    env: { ...process.env, DATABASE_URL: `sqlite:${database}` },
    encoding: "utf8",
  });
  if (generated.status !== 0) throw new Error(generated.stderr);
  const fixtures = await loadFixtures(database);
  const lines = [
    `# Overload and per-request work (${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, SQLite, load average ${os.loadavg()[0].toFixed(1)} at start)`,
    "",
    "Written by `npm run bench:overload` (bench/overload.ts). Figures from a shared machine vary with its load.",
    "",
  ];

  const server = await serve(database, {});
  try {
    lines.push(...(await blocks(server.url, fixtures)));
  } finally {
    await server.stop();
  }
  lines.push("", `## ${connections} connections, mixed reads and writes, ${duration} s`, "");
  lines.push(
    "| limits | served (2xx) | shed (503) | other | errors/timeouts | p50 | p99 | longest wait | /healthz p99 | /healthz max |",
    "|---|---|---|---|---|---|---|---|---|---|",
  );
  for (const [label, env] of [
    ["shedding off", NO_SHEDDING],
    [`defaults (${describeDefaults()})`, {}],
  ] as const) {
    const loaded = await serve(database, env);
    try {
      lines.push(await overload(label, loaded.url, fixtures, duration, connections));
    } finally {
      await loaded.stop();
    }
  }
  const text = `${lines.join("\n")}\n`;
  console.log(`\n${text}`);
  fs.writeFileSync(path.join(ROOT, "bench", "OVERLOAD.md"), text);
  fs.rmSync(dir, { recursive: true, force: true });
}

function describeDefaults(): string {
  const d = DEFAULT_ADMISSION;
  return `${d.maxConcurrent} at once, ${d.maxQueued} queued, queue wait ${d.queueTimeoutMs / 1000} s, request limit ${d.requestTimeoutMs / 1000} s`;
}

/** The event-loop block of each large allowed request, bounded by the longest /healthz wait while it runs. */
async function blocks(url: string, f: Fixtures): Promise<string[]> {
  const draft = f.drafts[0];
  const unknown = Array.from({ length: LIMITS.cellsPerRequest - draft.keys.length }, (_, i) => ({ key: `x/${i}/y`, value: "1" }));
  const seed = fs.readFileSync(path.join(ROOT, "..", "shared", "seeds", "000_03f8448a5fbe2020.txt"), "utf8");
  const requests: Array<[string, string, unknown, string]> = [
    [
      `reportCellsSet, every cell of a report (${draft.keys.length})`,
      CELLS,
      { input: { reportId: gid(draft.id), cells: draft.keys.map((key, i) => ({ key, value: String(i) })) } },
      draft.token,
    ],
    [
      `reportCellsSet, ${LIMITS.cellsPerRequest} cells (${unknown.length} unknown: problems listed)`,
      CELLS,
      { input: { reportId: gid(draft.id), cells: [...draft.keys.map(key => ({ key, value: "1" })), ...unknown] } },
      draft.token,
    ],
    [
      `reportSectionUpdate, ${LIMITS.sectionLength} characters`,
      SECTION,
      { input: { reportId: gid(draft.id), sectionId: "sec.other", body: "情".repeat(LIMITS.sectionLength) } },
      draft.token,
    ],
    [
      `reportImport, ${LIMITS.textLength} characters`,
      IMPORT,
      { input: { text: (seed + "\n附：" + "公开".repeat(LIMITS.textLength)).slice(0, LIMITS.textLength) } },
      draft.token,
    ],
    ["reports(first: 100) list page", LIST_REPORTS, { year: f.years[0] }, f.auditorToken],
    ["report(id) full read", READ_REPORT, { id: gid(f.reads[0]) }, f.auditorToken],
  ];
  const lines = [
    "## Event-loop block of the largest allowed requests (ceiling 100 ms)",
    "",
    "| request | answer | request time | longest /healthz wait during it | verdict |",
    "|---|---|---|---|---|",
  ];
  for (const [title, query, variables, token] of requests) {
    let worstProbe = 0;
    let worstRequest = 0;
    let status = 0;
    // Note: one round first, not counted: the first request of a kind compiles code and fills caches.
    await post(url, JSON.stringify({ query, variables }), token);
    for (let round = 0; round < 5; round++) {
      const probe = healthProbe(url);
      const started = performance.now();
      const response = await post(url, JSON.stringify({ query, variables }), token);
      worstRequest = Math.max(worstRequest, performance.now() - started);
      const waited = await probe.stop();
      worstProbe = Math.max(worstProbe, waited);
      status = response.status;
      if (process.env.BENCH_VERBOSE) console.log(title, round, (performance.now() - started).toFixed(0), waited.toFixed(0));
    }
    lines.push(`| ${title} | ${status} | ${worstRequest.toFixed(0)} ms | ${worstProbe.toFixed(0)} ms | ${worstProbe < 100 ? "under 100 ms" : "OVER 100 ms"} |`);
    console.log(lines[lines.length - 1]);
  }
  return lines;
}

/** Asks /healthz back to back until stopped; resolves with the longest wait seen. */
function healthProbe(url: string) {
  let running = true;
  let worst = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await get(url.replace("/graphql", "/healthz")).catch(() => undefined);
      worst = Math.max(worst, performance.now() - started);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return worst;
    },
  };
}

/** autocannon with a mix of reads and writes; a probe asks /healthz once every 100 ms meanwhile. */
async function overload(label: string, url: string, f: Fixtures, duration: number, connections: number): Promise<string> {
  const statuses = new Map<number, number>();
  let turn = 0;
  const health: number[] = [];
  let probing = true;
  const probe = (async () => {
    while (probing) {
      const started = performance.now();
      await get(url.replace("/graphql", "/healthz")).catch(() => undefined);
      health.push(performance.now() - started);
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  })();
  const next = () => mixedRequest(f, turn++);
  const result = await new Promise<autocannon.Result>((resolve, reject) =>
    autocannon(
      {
        url,
        connections,
        duration,
        timeout: 60,
        method: "POST",
        requests: [
          {
            setupRequest: (request: autocannon.Request) => ({ ...request, method: "POST", ...next() }),
            onResponse: (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1),
          },
        ],
      },
      (error, done) => (error ? reject(error as Error) : resolve(done)),
    ),
  );
  probing = false;
  await probe;
  health.sort((a, b) => a - b);
  const served = [...statuses].filter(([status]) => status < 300).reduce((sum, [, count]) => sum + count, 0);
  const shed = statuses.get(503) ?? 0;
  const other =
    [...statuses]
      .filter(([status]) => status >= 300 && status !== 503)
      .map(([status, count]) => `${count}×${status}`)
      .join(", ") || "0";
  const p99 = health[Math.floor(health.length * 0.99)] ?? 0;
  const line = `| ${label} | ${served} (${(served / duration).toFixed(0)}/s) | ${shed} | ${other} | ${result.errors + result.timeouts} | ${result.latency.p50} ms | ${result.latency.p99} ms | ${result.latency.max} ms | ${p99.toFixed(0)} ms | ${(health[health.length - 1] ?? 0).toFixed(0)} ms |`;
  console.log(line);
  return line;
}

/** The n-th request of the mix: of every ten, a list page, a history, three cell edits and five report reads. */
function mixedRequest(f: Fixtures, n: number) {
  const auditor = { "content-type": "application/json", authorization: `Bearer ${f.auditorToken}` };
  switch (n % 10) {
    case 0:
      return { body: JSON.stringify({ query: LIST_REPORTS, variables: { year: f.years[n % f.years.length] } }), headers: auditor };
    case 1:
      return { body: JSON.stringify({ query: REPORT_HISTORY, variables: { id: gid(f.reads[n % f.reads.length]) } }), headers: auditor };
    case 2:
    case 3:
    case 4: {
      const draft = f.drafts[n % f.drafts.length];
      const cells = [{ key: draft.keys[n % draft.keys.length], value: String(n % 1000) }];
      return {
        body: JSON.stringify({ query: CELLS, variables: { input: { reportId: gid(draft.id), cells } } }),
        headers: { "content-type": "application/json", authorization: `Bearer ${draft.token}` },
      };
    }
    default:
      return { body: JSON.stringify({ query: READ_REPORT, variables: { id: gid(f.reads[n % f.reads.length]) } }), headers: auditor };
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
