import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { JWT_SECRET, PAGES_FILE, ROOT } from "./config";

/** Which process serves a scenario: Gongkai itself, or one of the raw ceilings. */
export type ServerKind = "gongkai" | "raw" | "raw-page" | "postgraphile";

export interface RunningServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface ServerSettings {
  /** `sqlite:<file>` or `postgres://…`, as DATABASE_URL. */
  database: string;
  workers: number;
  nodeArgs?: string[];
}

/** The command line of each kind of server; every one prints a line the bench waits for. */
function commandLine(kind: ServerKind, settings: ServerSettings): string[] {
  const workers = String(settings.workers);
  if (kind === "gongkai") return [path.join(ROOT, "dist", "cli", "main.js"), "serve", "--port", "0", "--workers", workers];
  if (kind === "postgraphile") return [path.join(ROOT, "bench", "postgraphile", "server.js"), settings.database, "0", workers];
  if (kind === "raw-page") return [path.join(__dirname, "raw-page-server.js"), PAGES_FILE, "0", workers];
  return [path.join(__dirname, "raw-server.js"), settings.database, "0", workers];
}

/**
 * Starts a server as a separate process and resolves once it listens. BENCH_PROF_DIR=dir profiles every server the
 * run starts (`--cpu-prof`; Node refuses it in NODE_OPTIONS), for scenarios --profile does not pick.
 */
export function startServer(kind: ServerKind, settings: ServerSettings): Promise<RunningServer> {
  const nodeArgs = settings.nodeArgs ?? (process.env.BENCH_PROF_DIR ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_PROF_DIR] : []);
  const grace = nodeArgs.includes("--cpu-prof") ? 120_000 : 5_000;
  const child = spawn(process.execPath, [...nodeArgs, ...commandLine(kind, settings)], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: settings.database, JWT_SECRET, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start:\n${log}`)), 120_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /ready at http:\/\/localhost:(\d+)\/graphql/.exec(log) ?? /^ready (\d+)/m.exec(log);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off("data", onData);
      resolve({
        url: `http://127.0.0.1:${match[1]}${kind === "gongkai" || kind === "postgraphile" ? "/graphql" : "/"}`,
        process: child,
        stop: () => stopChild(child, grace),
      });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      // Note: BENCH_SERVER_LOG=<file> keeps what every server wrote to stderr (an internal error's stack, say).
      if (process.env.BENCH_SERVER_LOG) fs.appendFileSync(process.env.BENCH_SERVER_LOG, chunk);
    });
    child.once("exit", code => {
      clearTimeout(timer);
      reject(new Error(`${kind} server exited with ${code}:\n${log}`));
    });
  });
}

/** A graceful stop waits for queued requests; after the grace period (5 s, 2 min when profiling) the server is killed. */
function stopChild(child: ChildProcess, grace: number): Promise<void> {
  return new Promise(done => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const kill = setTimeout(() => child.kill("SIGKILL"), grace);
    child.once("exit", () => {
      clearTimeout(kill);
      done();
    });
    child.kill("SIGINT");
  });
}

export interface Rss {
  /** VmRSS summed over the process and its workers, MB. */
  rss: number;
  /** The largest single process's VmHWM, MB. */
  peak: number;
}

export function readRss(pid: number): Rss {
  const kb = (status: string, name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
  const childrenFile = `/proc/${pid}/task/${pid}/children`;
  const children = fs.existsSync(childrenFile) ? fs.readFileSync(childrenFile, "utf8").trim().split(/\s+/).filter(Boolean) : [];
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
