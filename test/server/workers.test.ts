import { spawn, spawnSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { childDatabaseUrl, dropChildDatabase } from "../support/test-services";

const MAIN = path.resolve(__dirname, "../../dist/cli/main.js");

/** `gongkai serve --workers 2 --port 0 --demo`, with its output collected as it comes. */
function startCluster(databaseUrl: string): { child: ChildProcess; output: () => string; waitFor: (pattern: RegExp) => Promise<RegExpExecArray> } {
  const child = spawn(process.execPath, [MAIN, "serve", "--workers", "2", "--port", "0", "--demo"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, JWT_SECRET: "workers-test-secret-of-at-least-32-chars" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    log += chunk.toString();
    listeners.forEach(listener => listener());
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(log);
        if (match) {
          listeners.delete(check);
          resolve(match);
        }
      };
      listeners.add(check);
      child.once("exit", code => reject(new Error(`serve exited with ${code} before ${pattern}:\n${log}`)));
      check();
    });
  return { child, output: () => log, waitFor };
}

/** Which worker answers /healthz, on a fresh connection each time (so the primary hands each to the next worker). */
function healthz(port: number): Promise<{ status: number; worker: number }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: "/healthz", agent: false }, response => {
        let body = "";
        response.on("data", chunk => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, worker: JSON.parse(body).worker }));
      })
      .on("error", reject);
  });
}

async function workersAnswering(port: number, requests: number): Promise<Set<number>> {
  const seen = new Set<number>();
  for (let i = 0; i < requests; i++) {
    const answer = await healthz(port);
    expect(answer.status).toBe(200);
    seen.add(answer.worker);
  }
  return seen;
}

describe("gongkai serve --workers 2", () => {
  const databaseUrl = childDatabaseUrl(fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-workers-")));
  let cluster: ReturnType<typeof startCluster>;

  afterAll(async () => {
    if (cluster.child.exitCode === null) cluster.child.kill("SIGKILL");
    await dropChildDatabase(databaseUrl);
  });

  it("loads the demo once, serves from both workers, replaces a killed one, and stops them all", async () => {
    cluster = startCluster(databaseUrl);
    const ready = await cluster.waitFor(/ready at http:\/\/localhost:(\d+)\/graphql .*, 2 workers/);
    const port = Number(ready[1]);
    expect(cluster.output().match(/Loaded demo data/g)).toHaveLength(1);
    expect(await workersAnswering(port, 12)).toEqual(new Set([1, 2]));

    const first = /worker 1 \(pid (\d+)\) listening/.exec(cluster.output())!;
    process.kill(Number(first[1]), "SIGKILL");
    await cluster.waitFor(/worker 3 \(pid \d+\) listening/);
    expect(cluster.output()).toMatch(/worker 1 \(pid \d+\) ended \(SIGKILL\); starting a replacement/);
    expect(await workersAnswering(port, 12)).toEqual(new Set([2, 3]));

    const workerPids = [...cluster.output().matchAll(/worker [23] \(pid (\d+)\) listening/g)].map(match => Number(match[1]));
    const exited = new Promise<number | null>(resolve => cluster.child.once("exit", code => resolve(code)));
    cluster.child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(workerPids.filter(pid => isRunning(pid))).toEqual([]);
  }, 90_000);
});

/** One GraphQL request on a fresh connection (the primary hands each to the next worker); its JSON and the worker. */
function graphql(port: number, token: string, query: string): Promise<any> {
  const body = JSON.stringify({ query });
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/graphql",
        method: "POST",
        agent: false,
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      },
      response => {
        let text = "";
        response.on("data", chunk => (text += chunk));
        response.on("end", () => resolve(JSON.parse(text)));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

function cli(databaseUrl: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [MAIN, ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, JWT_SECRET: "workers-test-secret-of-at-least-32-chars" },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Issue 14 (d): on one SQLite file the workers take the writer's turn from the primary (src/db/writer-turn.ts);
// whatever the engine, steps through both workers keep their version checks and one unbroken audit chain.
describe("workflow steps through both workers of a cluster", () => {
  const databaseUrl = childDatabaseUrl(fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-workers-steps-")));
  let cluster: ReturnType<typeof startCluster>;

  afterAll(async () => {
    if (cluster.child.exitCode === null) cluster.child.kill("SIGKILL");
    await dropChildDatabase(databaseUrl);
  });

  it("lets exactly one of concurrent steps on a version win across both workers, and leaves the chain whole", async () => {
    cluster = startCluster(databaseUrl);
    const port = Number((await cluster.waitFor(/ready at http:\/\/localhost:(\d+)\/graphql .*, 2 workers/))[1]);
    const token = cli(databaseUrl, "token", "--user", "yuexiu-justice.drafter").stdout.trim();
    const read = await graphql(port, token, `{ report(id: "UmVwb3J0OjE") { state version } }`);
    let version = read.data.report.version as number;
    expect(read.data.report.state).toBe("DRAFT");

    const step = (name: "reportSubmit" | "reportWithdraw", expected: number) =>
      graphql(
        port,
        token,
        `mutation { ${name}(input: { reportId: "UmVwb3J0OjE", expectedVersion: ${expected} }) { report { state version } userErrors { code } } }`,
      ).then(answer => answer.data[name] as { report: { state: string; version: number } | null; userErrors: Array<{ code: string }> });
    for (let round = 0; round < 3; round++) {
      // Six at once on the same version, spread over both workers: one wins, the others are told it moved on.
      const submits = await Promise.all(Array.from({ length: 6 }, () => step("reportSubmit", version)));
      expect(submits.filter(answer => answer.report?.version === version + 1)).toHaveLength(1);
      expect(submits.flatMap(answer => answer.userErrors.map(error => error.code)).sort()).toEqual(Array(5).fill("CONFLICT"));
      const withdrawn = await step("reportWithdraw", version + 1);
      expect(withdrawn).toEqual({ report: { state: "DRAFT", version: version + 2 }, userErrors: [] });
      version += 2;
    }
    const verified = cli(databaseUrl, "audit", "verify");
    expect(verified.stderr).toBe("");
    expect(verified.status).toBe(0);
  }, 90_000);
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
