import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { issueToken } from "../src/auth/tokens";

/** The overload bench's data, server process and HTTP requests (bench/overload.ts runs the scenarios). */
export const ROOT = path.resolve(__dirname, fs.existsSync(path.join(__dirname, "..", "package.json")) ? ".." : "../../..");
export const MAIN = path.join(ROOT, "dist", "cli", "main.js");
export const SECRET = "gongkai-overload-bench-secret-0123456789";

export interface Fixtures {
  auditorToken: string;
  drafts: Array<{ id: number; token: string; keys: string[] }>;
  reads: number[];
  years: number[];
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

export async function loadFixtures(file: string): Promise<Fixtures> {
  const db = new Database(file, { readonly: true });
  const config = { kind: "hs256" as const, secret: new TextEncoder().encode(SECRET) };
  try {
    const top = db.prepare(`SELECT id, code FROM agency WHERE parent_id IS NULL AND code LIKE 'gen%' ORDER BY id LIMIT 1`).get() as {
      id: number;
      code: string;
    };
    const auditor = db.prepare(`SELECT id, name FROM app_user WHERE agency_id = ? AND roles = 'AUDITOR'`).get(top.id) as { id: number; name: string };
    const drafts = db
      .prepare(
        `SELECT r.id, r.format_id AS format, u.id AS userId, u.name, a.code FROM report r JOIN agency a ON a.id = r.agency_id
           JOIN app_user u ON u.agency_id = r.agency_id AND u.roles = 'DRAFTER' WHERE r.state = 'draft' ORDER BY r.id LIMIT 60`,
      )
      .all() as Array<{ id: number; format: string; userId: number; name: string; code: string }>;
    const keysOf = (id: number) =>
      (
        db.prepare(`SELECT table_id || '/' || row_id || '/' || col_id AS key FROM report_cell WHERE report_id = ? ORDER BY 1`).all(id) as Array<{ key: string }>
      ).map(row => row.key);
    return {
      auditorToken: await issueToken(config, { sub: String(auditor.id), name: auditor.name, agency: top.code, roles: ["AUDITOR"] }, "4h"),
      drafts: await Promise.all(
        drafts.map(async d => ({
          id: d.id,
          keys: keysOf(d.id),
          token: await issueToken(config, { sub: String(d.userId), name: d.name, agency: d.code, roles: ["DRAFTER"] }, "4h"),
        })),
      ),
      reads: (db.prepare(`SELECT id FROM report ORDER BY id`).all() as Array<{ id: number }>).map(row => row.id),
      years: (db.prepare(`SELECT DISTINCT year FROM report ORDER BY year`).all() as Array<{ year: number }>).map(row => row.year),
    };
  } finally {
    db.close();
  }
}

export function serve(database: string, env: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [MAIN, "serve", "--port", "0"], {
    env: { ...process.env, DATABASE_URL: `sqlite:${database}`, JWT_SECRET: SECRET, NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let log = "";
    child.stderr!.on("data", chunk => (log += chunk));
    child.stdout!.on("data", chunk => {
      log += chunk;
      const match = /ready at http:\/\/localhost:(\d+)\/graphql/.exec(log);
      if (match) {
        resolve({
          url: `http://127.0.0.1:${match[1]}/graphql`,
          stop: () =>
            new Promise(done => {
              const kill = setTimeout(() => child.kill("SIGKILL"), 5_000);
              child.once("exit", () => (clearTimeout(kill), done()));
              child.kill("SIGINT");
            }),
        });
      }
    });
    child.once("exit", code => reject(new Error(`server exited with ${code}: ${log}`)));
  });
}

export function post(url: string, body: string, token: string): Promise<{ status: number; body: string }> {
  return request(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` } }, body);
}

/** A fresh connection each time: a probe must not depend on a kept-alive socket under load. */
export function get(url: string) {
  return request(url, { method: "GET", agent: false });
}

function request(url: string, options: http.RequestOptions, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { agent, ...options }, response => {
      let text = "";
      response.on("data", chunk => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}
