import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { TokenConfig } from "../../src/auth/token-config";
import { issueToken } from "../../src/auth/tokens";
import { Database } from "../../src/db";
import { AuditEventEntity } from "../../src/entities";
import { toGlobalId } from "../../src/schema/node-id";
import type { AdmissionOptions } from "../../src/server/admission";
import { FAST_BODY_LIMIT } from "../../src/server/graphql-fast-path";
import { startServer } from "../../src/server/server";
import type { RunningServer } from "../../src/server/server";
import { createServices } from "../../src/services";
import type { Services } from "../../src/services";
import { openTestServices, testEngine } from "../support/test-services";
import { createTeam, createValidDraft, reportState } from "../support/workflow-fixture";

const TOKENS: TokenConfig = { kind: "hs256", secret: new TextEncoder().encode("overload-test-secret-of-32-characters") };
const QUERY = JSON.stringify({ query: "{ formats { id } }" });

/**
 * A request whose body arrives only when told: it holds its admission slot until then (no timing involved). Its
 * body is padded past what the server's fast path reads before admission (a small body is read first and only then
 * admitted), so Express admits it at once and reads the body in its slot.
 */
function heldRequest(url: string, unpadded: string, headers: Record<string, string> = {}) {
  const body = unpadded + " ".repeat(FAST_BODY_LIMIT);
  const request = http.request(url, { method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers } });
  const answer = new Promise<{ status: number; body: any }>((resolve, reject) => {
    request.on("response", response => {
      let text = "";
      response.on("data", chunk => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, body: JSON.parse(text) }));
    });
    request.on("error", reject);
  });
  request.write(body.slice(0, 1));
  return {
    answer,
    release() {
      request.end(body.slice(1));
      return answer;
    },
  };
}

async function until(condition: () => boolean) {
  while (!condition()) await new Promise(resolve => setImmediate(resolve));
}

/**
 * Each its own request to admission: the viewer's answer is never kept, whereas identical requests for a kept
 * kind of answer (QUERY) wait for the first one's computation instead of queueing themselves.
 */
const UNKEPT = JSON.stringify({ query: "{ viewer { name } }" });
const post = (server: RunningServer, body = UNKEPT) => fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body });

/** Issue 9, point 5: under overload the server sheds load early with 503 + Retry-After and /healthz keeps answering. */
describe("load shedding", () => {
  let services: Services;
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    services = await openTestServices();
  });

  afterAll(async () => {
    await Promise.all(servers.map(server => server.close()));
    await services.db.close();
  });

  async function serve(admission: AdmissionOptions) {
    const server = await startServer(services, { port: 0, host: "127.0.0.1", tokens: TOKENS, admission });
    servers.push(server);
    return server;
  }

  it("refuses at once when the queue is full, refuses a request that waited its limit, and keeps /healthz answering", async () => {
    const server = await serve({ maxConcurrent: 1, maxQueued: 1, queueTimeoutMs: 100, requestTimeoutMs: 10_000 });
    const holder = heldRequest(server.url, QUERY);
    await until(() => server.load().active === 1);
    const waiting = post(server);
    await until(() => server.load().queued === 1);

    const shed = await post(server);
    expect(shed.status).toBe(503);
    expect(shed.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(((await shed.json()) as any).errors[0].extensions.code).toBe("SERVICE_UNAVAILABLE");

    const health = await fetch(server.url.replace("/graphql", "/healthz"));
    expect([health.status, await health.json()]).toEqual([200, { ok: true }]);

    const waited = await waiting;
    expect(waited.status).toBe(503);
    expect(waited.headers.get("retry-after")).toMatch(/^\d+$/);

    expect(await holder.release()).toEqual({ status: 200, body: { data: { formats: [{ id: "gb2019" }, { id: "gb2021" }] } } });
    expect((await post(server)).status).toBe(200);
    expect(server.load()).toEqual({ active: 0, queued: 0, refused: 2 });
  });

  it("serves queued requests in turn when they can be served within the limit", async () => {
    const server = await serve({ maxConcurrent: 1, maxQueued: 5, queueTimeoutMs: 10_000, requestTimeoutMs: 10_000 });
    const holder = heldRequest(server.url, QUERY);
    await until(() => server.load().active === 1);
    const queued = [post(server), post(server), post(server)];
    await until(() => server.load().queued === 3);
    await holder.release();
    expect((await Promise.all(queued)).map(response => response.status)).toEqual([200, 200, 200]);
  });

  it("makes no change for a request whose time limit passed before its database work could begin (503)", async () => {
    const server = await serve({ maxConcurrent: 4, maxQueued: 4, queueTimeoutMs: 1, requestTimeoutMs: 1 });
    const team = await createTeam(services, "overload");
    const draft = await createValidDraft(services, team);
    const token = await issueToken(TOKENS, { sub: String(team.DRAFTER.userId), name: "overload-drafter", agency: "overload", roles: ["DRAFTER"] });
    const before = await services.db.read(m => m.count(AuditEventEntity));
    const mutation = JSON.stringify({
      query: `mutation($input: ReportCellsSetInput!) { reportCellsSet(input: $input) { changed } }`,
      variables: { input: { reportId: toGlobalId("Report", draft.id), cells: [{ key: "active.art20_6/active.penalty/col.decisions", value: "1" }] } },
    });
    const slow = heldRequest(server.url, mutation, { authorization: `Bearer ${token}` });
    await until(() => server.load().active === 1);
    // The client takes longer to send its body than the server's whole time limit.
    await new Promise(resolve => setTimeout(resolve, 20));
    const answer = await slow.release();
    expect(answer.status).toBe(503);
    expect(answer.body.errors[0].extensions.code).toBe("SERVICE_UNAVAILABLE");
    expect(await services.db.read(m => m.count(AuditEventEntity))).toBe(before);

    const read = heldRequest(server.url, JSON.stringify({ query: "{ reports { totalCount } }" }));
    await until(() => server.load().active === 1);
    await new Promise(resolve => setTimeout(resolve, 20));
    const late = await read.release();
    expect([late.status, late.body.errors[0].extensions.code]).toEqual([503, "SERVICE_UNAVAILABLE"]);
  });
});

/**
 * A client that leaves does not end the work begun for it: its turn stays taken until that work is done, so
 * client timeouts under load do not let more requests work at once than the limit. On a database file (SQLite's
 * reads then have a connection of their own, as in production) or PostgreSQL, where a request only waiting for
 * the writer lends its turn meanwhile (it does no work there) and takes one back before it answers.
 */
describe("admission when a client leaves while its request is worked on", () => {
  let services: Services;
  let server: RunningServer;

  beforeAll(async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-left-")), "left.sqlite");
    services = testEngine === "sqlite" ? createServices(await Database.open({ engine: "sqlite", file })) : await openTestServices();
    server = await startServer(services, {
      port: 0,
      host: "127.0.0.1",
      tokens: TOKENS,
      admission: { maxConcurrent: 1, maxQueued: 5, queueTimeoutMs: 10_000, requestTimeoutMs: 10_000 },
    });
  });

  afterAll(async () => {
    await server.close();
    await services.db.close();
  });

  it("keeps the turn until the left request's work is done, then serves the next; the work is not lost", async () => {
    const team = await createTeam(services, "left");
    const draft = await createValidDraft(services, team);
    const token = await issueToken(TOKENS, { sub: String(team.DRAFTER.userId), name: "left-drafter", agency: "left", roles: ["DRAFTER"] });
    let open!: () => void;
    const writerHeld = services.db.transaction(() => new Promise<void>(resolve => (open = resolve)));

    const client = new AbortController();
    const step = fetch(server.url, {
      method: "POST",
      signal: client.signal,
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: `mutation($input: ReportWorkflowInput!) { reportSubmit(input: $input) { report { state } } }`,
        variables: { input: { reportId: toGlobalId("Report", draft.id), expectedVersion: draft.version } },
      }),
    }).catch(error => error as Error);
    // Note: on PostgreSQL a request waiting for the writer lends its turn (src/db/request-turn.ts): it is in the
    // writer's queue, not working, so the next request is served meanwhile; SQLite's writer works on this thread.
    const lends = testEngine === "postgres";
    await (lends ? new Promise(resolve => setTimeout(resolve, 300)) : until(() => server.load().active === 1));
    client.abort();
    expect(await step).toHaveProperty("name", "AbortError");
    // Note: time for the server to see the connection close (a wrong release would let the next request in then).
    await new Promise(resolve => setTimeout(resolve, 200));

    let nextAnswered = false;
    const next = post(server).then(response => ((nextAnswered = true), response.status));
    await until(() => server.load().queued === 1 || nextAnswered);
    await new Promise(resolve => setTimeout(resolve, 200));
    expect([nextAnswered, server.load()]).toEqual(lends ? [true, { active: 0, queued: 0, refused: 0 }] : [false, { active: 1, queued: 1, refused: 0 }]);
    expect(await reportState(services, draft.id)).toEqual({ state: "draft", version: draft.version });

    open();
    await writerHeld;
    expect(await next).toBe(200);
    while ((await reportState(services, draft.id)).version === draft.version) await new Promise(resolve => setTimeout(resolve, 20));
    expect(await reportState(services, draft.id)).toEqual({ state: "secrecyReview", version: draft.version + 1 });
    expect(server.load()).toEqual({ active: 0, queued: 0, refused: 0 });
  });
});
