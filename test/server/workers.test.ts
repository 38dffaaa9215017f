import { spawn } from "node:child_process";
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

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
