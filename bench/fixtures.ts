import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DB_FILE, GENERATE, PAGES_FILE, ROOT } from "./config";
import { RawReports } from "./raw-report";
import { startServer } from "./server-process";
import type { ServerSettings } from "./server-process";
import { openSql } from "./sql";
import type { Sql } from "./sql";

/** A report the workflow load steps (SUBMIT / WITHDRAW), with its drafter. */
export interface Candidate {
  id: number;
  version: number;
  state: string;
  drafterId: number;
  drafterName: string;
  agencyCode: string;
}

export interface Fixtures {
  top: { id: number; code: string };
  auditor: { id: number; name: string };
  reports: number;
  auditRecords: number;
  years: number[];
  /** Ids spread over all reports: fewer than the caches hold (500) … */
  sample: number[];
  /** … and every report (more than the caches hold). */
  all: number[];
  history: number[];
  workflow: Candidate[];
  historyLength: number;
  /** Revision URLs of published reports, spread over all of them. */
  pages: string[];
}

/** Reads what the scenarios need straight from the database (either engine). */
export async function loadFixtures(database: string): Promise<Fixtures> {
  const sql = openSql(database, { readonly: true });
  try {
    const top = (await sql.get<{ id: number; code: string }>(`SELECT id, code FROM agency WHERE parent_id IS NULL AND code LIKE 'gen%' ORDER BY id LIMIT 1`))!;
    const auditor = (await sql.get<{ id: number; name: string }>(`SELECT id, name FROM app_user WHERE agency_id = ? AND roles = 'AUDITOR'`, [top.id]))!;
    const ids = (await sql.all<{ id: number }>(`SELECT id FROM report ORDER BY id`)).map(row => Number(row.id));
    const years = (await sql.all<{ year: number }>(`SELECT DISTINCT year FROM report ORDER BY year`)).map(row => Number(row.year));
    const auditRecords = Number((await sql.get<{ n: number }>(`SELECT MAX(seq) AS n FROM audit_event`))!.n);
    const spreadPick = (count: number, offset: number) =>
      Array.from({ length: Math.min(count, ids.length) }, (_, i) => ids[(offset + Math.floor((i * ids.length) / count)) % ids.length]);
    const history = spreadPick(200, 7);
    const historyLength = Number((await sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM audit_event WHERE report_id = ?`, [history[0]]))!.n);
    return {
      top: { id: Number(top.id), code: top.code },
      auditor: { id: Number(auditor.id), name: auditor.name },
      reports: ids.length,
      auditRecords,
      years,
      sample: spreadPick(500, 0),
      all: spreadPick(ids.length, 3),
      history,
      workflow: await workflowCandidates(sql),
      historyLength,
      pages: await publishedPages(sql),
    };
  } finally {
    await sql.close();
  }
}

/** Up to 1,000 reports the SUBMIT guard accepts (no validation errors); those in review were submitted by their drafter. */
async function workflowCandidates(sql: Sql): Promise<Candidate[]> {
  const rows = await sql.all<Candidate>(
    `SELECT r.id AS "id", r.version AS "version", r.state AS "state", u.id AS "drafterId", u.name AS "drafterName", a.code AS "agencyCode"
       FROM report r JOIN agency a ON a.id = r.agency_id JOIN app_user u ON u.agency_id = r.agency_id AND u.roles = 'DRAFTER'
      WHERE r.state IN ('draft', 'secrecyReview')
        -- Note: an early version of the raw step ceiling recorded its steps as actor "bench" (not the drafter), after
        -- which the machine refuses the drafter's WITHDRAW; databases it ran on keep those reports out of the load.
        AND NOT EXISTS (SELECT 1 FROM audit_event e WHERE e.report_id = r.id AND e.actor_name = 'bench')
      ORDER BY r.id`,
  );
  const reports = new RawReports(sql);
  const accepted: Candidate[] = [];
  for (const row of rows) {
    if (accepted.length >= 1_000) break;
    const candidate = { ...row, id: Number(row.id), version: Number(row.version), drafterId: Number(row.drafterId) };
    if (candidate.state === "secrecyReview" || (await reports.errorCount(candidate.id)) === 0) accepted.push(candidate);
  }
  return accepted;
}

async function publishedPages(sql: Sql): Promise<string[]> {
  const published = await sql.all<{ code: string; year: number; revision: number }>(
    `SELECT a.code AS code, r.year AS year, MAX(v.revision) AS revision FROM report r JOIN agency a ON a.id = r.agency_id
       JOIN report_revision v ON v.report_id = r.id AND v.kind = 'published' GROUP BY r.id, a.code, r.year ORDER BY r.id`,
  );
  const count = Math.min(500, published.length);
  return Array.from({ length: count }, (_, i) => published[Math.floor((i * published.length) / count)]).map(
    row => `/reports/${encodeURIComponent(row.code)}/${row.year}/revisions/${row.revision}`,
  );
}

/** Generates the benchmark database once with `gongkai demo-data` (SQLite: into a temporary file renamed when complete). */
export async function generateDatabase(database: string): Promise<string> {
  const sqlite = !database.startsWith("postgres");
  const temporary = `${DB_FILE}.partial`;
  if (sqlite) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(temporary + suffix, { force: true });
  console.log(`Generating ${sqlite ? path.relative(ROOT, DB_FILE) : database}: gongkai demo-data ${GENERATE.join(" ")} …`);
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "dist", "cli", "main.js"), "demo-data", ...GENERATE], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: sqlite ? `sqlite:${temporary}` : database },
      stdio: "inherit",
    });
    child.once("exit", code => (code === 0 ? resolve() : reject(new Error(`demo-data exited with ${code}`))));
  });
  if (sqlite) fs.renameSync(temporary, DB_FILE);
  return `generated in ${Math.round((Date.now() - started) / 1000)} s with \`gongkai demo-data ${GENERATE.join(" ")}\``;
}

/** Whether the database already holds the generated data. */
export async function databaseReady(database: string): Promise<boolean> {
  if (!database.startsWith("postgres")) return fs.existsSync(DB_FILE);
  const sql = openSql(database);
  try {
    return Number((await sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM report`))?.n ?? 0) > 0;
  } catch {
    return false;
  } finally {
    await sql.close();
  }
}

/** Fetches each public page from Gongkai once and keeps its bytes and headers for the raw page ceiling (q). */
export async function savePages(paths: string[], settings: ServerSettings): Promise<void> {
  const server = await startServer("gongkai", settings);
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
