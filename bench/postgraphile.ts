/**
 * `npm run bench:postgraphile -- --database postgres://…?schema=…`: PostGraphile 4 serving the same PostgreSQL
 * tables as Gongkai, measured the same way (autocannon, same connections, warm-up and duration, same --workers),
 * alternating Gongkai and PostGraphile per scenario in one run. PostGraphile is installed on demand into
 * bench/postgraphile (its own package.json; not a dependency of Gongkai, not in the root lock). PostGraphile answers
 * the rows (report, its cells and sections); Gongkai also validates and shapes the tables — so a ratio near 1
 * means Gongkai's extra work costs nothing, not that both did the same work.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { issueToken } from "../src/auth/tokens";
import { DATA, JWT_SECRET, ROOT, isPostgres, parseOptions } from "./config";
import type { Options } from "./config";
import { loadFixtures } from "./fixtures";
import type { Fixtures } from "./fixtures";
import { load } from "./load";
import type { Scenario } from "./load";
import { LIST_REPORTS, READ_REPORT } from "./queries";
import { globalReportId } from "./raw-report";
import { measurement, printResult } from "./results";
import type { Measured } from "./results";
import { readRss, startServer } from "./server-process";
import type { ServerSettings } from "./server-process";

const PG_READ = `query Read($id: Int!) { reportById(id: $id) { id title year state version
  reportSectionsByReportId { nodes { sectionId body } }
  reportCellsByReportId { nodes { tableId rowId colId value } } } }`;
const PG_LIST = `query List($year: Int!) { allReports(condition: { year: $year }, first: 100, orderBy: [YEAR_DESC, ID_ASC]) { totalCount nodes { id title year state version
  reportSectionsByReportId { nodes { sectionId body } }
  reportCellsByReportId { nodes { tableId rowId colId value } } } } }`;

function installOnDemand(): void {
  const dir = path.join(ROOT, "bench", "postgraphile");
  if (fs.existsSync(path.join(dir, "node_modules", "postgraphile"))) return;
  console.log("Installing PostGraphile into bench/postgraphile (benchmark only) …");
  const result = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--prefix", dir], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("npm install of PostGraphile failed");
}

const rotate = <T>(items: T[]) => {
  let i = 0;
  return () => items[i++ % items.length];
};

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!isPostgres(options)) throw new Error("--database postgres://…?schema=… is required: PostGraphile serves PostgreSQL only");
  installOnDemand();
  const fixtures = await loadFixtures(options.database);
  const config = { kind: "hs256" as const, secret: new TextEncoder().encode(JWT_SECRET) };
  const token = await issueToken(
    config,
    { sub: String(fixtures.auditor.id), name: fixtures.auditor.name, agency: fixtures.top.code, roles: ["AUDITOR"] },
    "4h",
  );
  const scenarios = comparisonScenarios(fixtures, token).filter(s => !options.only || options.only.has(s.key));
  writeTable(await measureAll(scenarios, options), options);
}

/** Each scenario for Gongkai (as an AUDITOR) and then for PostGraphile (no authentication), alternating. */
function comparisonScenarios(fixtures: Fixtures, token: string): Scenario[] {
  const json = { "content-type": "application/json" };
  const auth = { ...json, authorization: `Bearer ${token}` };
  const pair = (key: string, title: string, ids: number[]): Scenario[] => {
    const a = rotate(ids);
    const b = rotate(ids);
    return [
      {
        key,
        title: `Gongkai: ${title}`,
        server: "gongkai",
        next: () => ({ body: JSON.stringify({ query: READ_REPORT, variables: { id: globalReportId(a()) } }), headers: auth }),
      },
      {
        key: `${key}-pg`,
        title: `PostGraphile: ${title}`,
        server: "postgraphile",
        next: () => ({ body: JSON.stringify({ query: PG_READ, variables: { id: b() } }), headers: json }),
      },
    ];
  };
  const ya = rotate(fixtures.years);
  const yb = rotate(fixtures.years);
  return [
    ...pair("read-500", `full read, rotating over ${fixtures.sample.length} reports (cache hits)`, fixtures.sample),
    ...pair("read-all", `full read, rotating over all ${fixtures.all.length} reports (cache misses)`, fixtures.all),
    {
      key: "list",
      title: "Gongkai: 100-report page",
      server: "gongkai",
      next: () => ({ body: JSON.stringify({ query: LIST_REPORTS, variables: { year: ya() } }), headers: auth }),
    },
    {
      key: "list-pg",
      title: "PostGraphile: 100-report page (rows, cells, sections)",
      server: "postgraphile",
      next: () => ({ body: JSON.stringify({ query: PG_LIST, variables: { year: yb() } }), headers: json }),
    },
  ];
}

/** Each scenario on a fresh server: warm-up, one client alone, then the measured load. */
async function measureAll(scenarios: Scenario[], options: Options): Promise<Measured[]> {
  const settings: ServerSettings = { database: options.database, workers: options.workers };
  const results: Measured[] = [];
  for (const scenario of scenarios) {
    const server = await startServer(scenario.server, settings);
    try {
      await load(server.url, scenario, options.warmup, options.connections);
      const single = await load(server.url, scenario, Math.min(options.duration, 5), 1);
      const result = await load(server.url, scenario, options.duration, options.connections);
      const m = measurement(scenario, result, readRss(server.process.pid!), {
        requestsPerSecond: single.requests.average,
        p50: single.latency.p50,
        p99: single.latency.p99,
      });
      results.push(m);
      printResult(m);
    } finally {
      await server.stop();
    }
  }
  return results;
}

function writeTable(results: Measured[], options: Options): void {
  const lines = [
    "| scenario | req/s | p50 ms | p99 ms | errors | RSS MB (peak) | 1 client: req/s, p50 / p99 ms | Gongkai / PostGraphile |",
    "|---|---:|---:|---:|---:|---:|---|---:|",
  ];
  for (const m of results) {
    const other = m.key.endsWith("-pg") ? null : results.find(r => r.key === `${m.key}-pg`);
    const ratio = other ? (m.requestsPerSecond / other.requestsPerSecond).toFixed(2) : "";
    lines.push(
      `| ${m.title} | ${m.requestsPerSecond.toFixed(0)} | ${m.p50} | ${m.p99} | ${m.errors} | ${m.rss.rss.toFixed(0)} (${m.rss.peak.toFixed(0)}) | ${m.single!.requestsPerSecond.toFixed(0)}, ${m.single!.p50} / ${m.single!.p99} | ${ratio} |`,
    );
  }
  const file = path.join(DATA, `postgraphile-w${options.workers}.md`);
  fs.mkdirSync(DATA, { recursive: true });
  fs.writeFileSync(file, `- Command: \`npm run bench:postgraphile -- ${process.argv.slice(2).join(" ")}\`\n\n${lines.join("\n")}\n`);
  console.log(lines.join("\n"));
  console.log(`Wrote ${path.relative(process.cwd(), file)}.`);
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
