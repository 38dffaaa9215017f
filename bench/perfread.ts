/**
 * A quick measurement for the read path (issue 14, part 1), beside the main bench (bench/run.ts, owned by the
 * harness work): starts `gongkai serve --workers N` from a given build on a given SQLite file or PostgreSQL
 * URL, signs a token for the top agency's AUDITOR, and loads one scenario with autocannon, printing req/s,
 * p50/p99 at N clients and from one client, errors and the server's RSS (summed over workers; peak per process).
 *   node bench/.build/bench/perfread.js --database sqlite:bench/data/stats10k.sqlite --scenario statistics \
 *     [--dist dist] [--workers 2] [--connections 50] [--duration 10] [--year 2024] [--single]
 * Scenarios: statistics (the top agency, all fields), list (reports(first: 100)), history (report.history),
 * read (report(id) rotating over --reports ids: "1,5,9" or "1-100000").
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { LIST_REPORTS, READ_REPORT, REPORT_HISTORY } from "./queries";

const SECRET = "gongkai-perfread-secret-0123456789abcdef";

export const STATISTICS = `query S($year: Int!, $agencyId: ID!) { statistics(year: $year, agencyId: $agencyId) {
  year formatId dueDate summedReports excludedReports agency { id name }
  byState { state count } tables { id rows { id values } }
  overdue { id title state } publishedLate { id title state } missing { id name code } } }`;

function option(args: string[], name: string, fallback: string): string {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : fallback;
}

function rss(pid: number): { total: number; peak: number } {
  const kb = (status: string, field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) / 1024;
  const children = fs.existsSync(`/proc/${pid}/task/${pid}/children`)
    ? fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean)
    : [];
  let total = 0;
  let peak = 0;
  for (const id of [String(pid), ...children]) {
    try {
      const status = fs.readFileSync(`/proc/${id}/status`, "utf8");
      total += kb(status, "VmRSS");
      peak = Math.max(peak, kb(status, "VmHWM"));
    } catch {
      // Note: a worker may have ended in between.
    }
  }
  return { total, peak };
}

async function start(dist: string, database: string, workers: string) {
  const child = spawn(process.execPath, [path.join(dist, "cli", "main.js"), "serve", "--port", "0", "--workers", workers], {
    env: { ...process.env, DATABASE_URL: database, JWT_SECRET: SECRET, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 600_000);
    child.stdout.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      const match = /ready at http:\/\/localhost:(\d+)\/graphql/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}/graphql`);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.once("exit", code => reject(new Error(`server exited with ${code}:\n${log}`)));
  });
  return { url, child };
}

async function graphql(url: string, headers: Record<string, string>, query: string, variables: Record<string, unknown>) {
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as { data?: any; errors?: any[] };
}

/** The top agency's id (looked up anonymously) and the headers of its AUDITOR (a token from the CLI). */
async function signedIn(url: string, dist: string, database: string, top: string) {
  const anonymous = { "content-type": "application/json" };
  const lookup = await graphql(
    url,
    anonymous,
    `
      query ($code: String!) {
        agency(code: $code) {
          id
        }
      }
    `,
    { code: top },
  ).catch(() => null);
  const agencyId = lookup?.data?.agency?.id;
  const token = execFileSync(process.execPath, [path.join(dist, "cli", "main.js"), "token", "--user", `${top}.auditor`, "--expires", "4h"], {
    env: { ...process.env, DATABASE_URL: database, JWT_SECRET: SECRET },
  })
    .toString()
    .trim();
  const headers = { ...anonymous, authorization: `Bearer ${token}` };
  return { headers, agencyId };
}

/** "1,5,9" or a range "1-100000" (every report of a large database, without a megabyte of arguments). */
function reportIds(text: string): number[] {
  const range = /^(\d+)-(\d+)$/.exec(text);
  if (!range) return text.split(",").map(Number);
  return Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_v, i) => Number(range[1]) + i);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const database = option(args, "database", "sqlite:bench/data/stats10k.sqlite");
  const scenario = option(args, "scenario", "statistics");
  const connections = Number(option(args, "connections", "50"));
  const duration = Number(option(args, "duration", "10"));
  const top = option(args, "top", "gen1-p");
  const dist = option(args, "dist", "dist");
  const server = await start(dist, database, option(args, "workers", "2"));
  try {
    const { headers, agencyId } = await signedIn(server.url, dist, database, top);
    const year = Number(option(args, "year", "2024"));
    const ids = reportIds(option(args, "reports", "1")).map(id => Buffer.from(`Report:${id}`).toString("base64url"));
    let next = 0;
    const body = (): string => {
      if (scenario === "statistics") return JSON.stringify({ query: STATISTICS, variables: { year, agencyId } });
      if (scenario === "list") return JSON.stringify({ query: LIST_REPORTS, variables: { year } });
      if (scenario === "history") return JSON.stringify({ query: REPORT_HISTORY, variables: { id: ids[next++ % ids.length] } });
      return JSON.stringify({ query: READ_REPORT, variables: { id: ids[next++ % ids.length] } });
    };
    const probe = await (await fetch(server.url, { method: "POST", headers, body: body() })).json();
    const text = JSON.stringify(probe);
    console.log(`probe (${text.length} bytes): ${text.slice(0, 300)}`);
    const run = (clients: number, seconds: number) =>
      autocannon({
        url: server.url,
        method: "POST",
        headers,
        connections: clients,
        duration: seconds,
        requests: [{ setupRequest: (request: any) => ({ ...request, body: body() }) }],
      });
    if (args.includes("--single")) {
      const one = await run(1, Math.max(3, Math.floor(duration / 2)));
      console.log(`1 client: ${one.requests.average.toFixed(0)} req/s, p50 ${one.latency.p50} ms, p99 ${one.latency.p99} ms`);
    }
    await run(connections, 3);
    let peakTotal = 0;
    const sampler = setInterval(() => (peakTotal = Math.max(peakTotal, rss(server.child.pid!).total)), 250);
    const result = await run(connections, duration);
    clearInterval(sampler);
    const memory = rss(server.child.pid!);
    console.log(
      `${scenario} at ${connections} clients, ${option(args, "workers", "2")} workers: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
        `${result.errors} errors, ${result.timeouts} timeouts, non-2xx ${result.non2xx}; RSS sum ${memory.total.toFixed(0)} MB (peak sum seen ${peakTotal.toFixed(0)} MB), largest process peak ${memory.peak.toFixed(0)} MB`,
    );
  } finally {
    server.child.kill("SIGTERM");
  }
}

void main().catch(error => {
  console.error(error);
  process.exit(1);
});
