/**
 * The benchmark's raw ceilings: node:http and the engine's own driver (better-sqlite3 or pg), no framework, no
 * ORM, no GraphQL, no authentication. Answers the bench's operations by name — Read (a), List (b), History (c),
 * Submit / Withdraw (d), Statistics — with the same SQL the server needs and the same version-keyed caches: a
 * read's whole answer is kept per request text and sent again while the audit chain's head is unchanged (the
 * server's AnswerCache, the same class and budget), one head lookup a request.
 * Usage: node raw-server.js <sqlite:file | postgres://…> <port> [workers]; prints "ready <port>".
 */
import cluster from "node:cluster";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { AnswerCache, CLIENT_LEFT } from "../src/server/answer-cache";
import { RawReads } from "./raw-reads";
import { RawReports } from "./raw-report";
import { RawStatistics } from "./raw-statistics";
import { stepCommitter } from "./raw-steps";
import { openSql } from "./sql";
import type { Sql } from "./sql";

const [database, portText, workersText] = process.argv.slice(2);
const workers = Number(workersText ?? 1);

interface Operation {
  operationName?: string;
  query: string;
  variables: { id?: string; agencyId?: string; year?: number; input?: { reportId: string; expectedVersion: number } };
}

const decodeId = (id: string) => Number(Buffer.from(id, "base64url").toString("utf8").split(":")[1]);

async function serve(): Promise<void> {
  const sql = openSql(database);
  const reports = new RawReports(sql);
  const root = await sql.get<{ id: number }>(`SELECT id FROM agency WHERE parent_id IS NULL AND code LIKE 'gen%' ORDER BY id LIMIT 1`);
  const reads = new RawReads(sql, reports, Number(root?.id));
  const step = stepCommitter(sql, reports);
  const statistics = new RawStatistics(sql);
  const answer = async (operation: Operation, authorization: string | undefined): Promise<unknown> => {
    const name = /^\s*(?:query|mutation)\s+(\w+)/.exec(operation.query)?.[1];
    const { variables } = operation;
    if (name === "Read") return reads.read(decodeId(variables.id!));
    if (name === "History") return reads.history(decodeId(variables.id!));
    if (name === "List") return reads.list(variables.year!);
    if (name === "Statistics") return statistics.statistics(variables.year!, decodeId(variables.agencyId!));
    if (name === "Submit" || name === "Withdraw") {
      const type = name === "Submit" ? "SUBMIT" : "WITHDRAW";
      const actor = tokenSubject(authorization);
      const result = await step({ type, reportId: decodeId(variables.input!.reportId), expectedVersion: variables.input!.expectedVersion, actor });
      const field = name === "Submit" ? "reportSubmit" : "reportWithdraw";
      if ("code" in result) return { data: { [field]: { report: null, userErrors: [{ code: result.code, message: result.code }] } } };
      const state = result.state === "draft" ? "DRAFT" : "SECRECY_REVIEW";
      return { data: { [field]: { report: { id: variables.input!.reportId, state, version: result.version }, userErrors: [] } } };
    }
    throw new Error(`the raw server does not answer ${name}`);
  };
  const keptAnswer = answerKeeper(sql, answer);
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", chunk => chunks.push(chunk as Buffer));
    request.on("end", () => {
      keptAnswer(Buffer.concat(chunks).toString("utf8"), request.headers.authorization).then(
        body => send(response, 200, body),
        (error: Error) => send(response, 400, JSON.stringify({ errors: [{ message: String(error) }] })),
      );
    });
  });
  server.listen(Number(portText ?? 0), "127.0.0.1", () => {
    if (!cluster.isWorker) console.log(`ready ${(server.address() as AddressInfo).port}`);
  });
  process.once("SIGINT", () => {
    server.close();
    server.closeAllConnections();
    void sql.close().finally(() => process.exit(0));
  });
}

/**
 * A read's whole answer kept per request text while the audit chain's head is unchanged (one head lookup a request),
 * as the server's fast path keeps it; steps are never kept.
 */
function answerKeeper(sql: Sql, answer: (operation: Operation, authorization: string | undefined) => Promise<unknown>) {
  const kept = new AnswerCache();
  const head = async () => Number((await sql.get<{ seq: number }>(`SELECT seq FROM audit_event ORDER BY seq DESC LIMIT 1`))?.seq ?? 0);
  return async (text: string, authorization: string | undefined): Promise<string> => {
    const operation = JSON.parse(text) as Operation;
    // Note: Apollo ends its JSON with a newline; so does this, so both send the same bytes.
    const compute = async () => `${JSON.stringify(await answer(operation, authorization))}\n`;
    if (/^\s*mutation\b/.test(operation.query)) return compute();
    const version = await head();
    const running = kept.inProgress(text, version);
    const found = kept.get(text, version) ?? (running && (await running));
    if (found && found !== CLIENT_LEFT) return found.body;
    const finish = kept.begin(text, version);
    try {
      const body = await compute();
      finish({ version, agencies: null, status: 200, headers: {}, body });
      return body;
    } catch (error) {
      finish(null);
      throw error;
    }
  };
}

/** The bearer token's subject and name, decoded without verifying its signature (the ceiling has no authentication). */
function tokenSubject(authorization: string | undefined): { id: number; name: string } {
  const payload = authorization?.split(".")[1];
  if (!payload) throw new Error("a workflow step needs the drafter's token");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { sub: string; name: string };
  return { id: Number(claims.sub), name: claims.name };
}

function send(response: http.ServerResponse, status: number, body: string): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
  response.end(body);
}

if (cluster.isPrimary && workers > 1) {
  for (let i = 0; i < workers; i++) cluster.fork();
  let listening = 0;
  cluster.on("listening", (_worker, address) => {
    if (++listening === workers) console.log(`ready ${address.port}`);
  });
  process.once("SIGINT", () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGINT");
    setTimeout(() => process.exit(0), 500);
  });
} else {
  void serve();
}
