import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { verifyAuditChain } from "../../src/audit";
import { issueToken } from "../../src/auth/tokens";
import { Database, databaseConfigFromUrl } from "../../src/db";
import { AuditEventEntity, WorkflowEventEntity } from "../../src/entities";
import { toGlobalId } from "../../src/schema/node-id";
import { createServices } from "../../src/services";
import type { Services, UserActor } from "../../src/services";
import { stopChild } from "../support/child-process";
import { childDatabaseUrl, dropChildDatabase, testEngine } from "../support/test-services";
import { createTeam, createValidDraft, walk } from "../support/workflow-fixture";

const MAIN = path.resolve(__dirname, "../../dist/cli/main.js");
const SECRET = "two-instances-share-this-secret-of-32+";

async function freePort(): Promise<number> {
  return new Promise(resolve => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts `gongkai serve` as its own process and waits until it answers. */
async function startInstance(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN, "serve", "--port", String(port)], {
    env: { ...process.env, DATABASE_URL: databaseUrl, JWT_SECRET: SECRET },
    stdio: ["ignore", "pipe", "pipe"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", chunk => String(chunk).includes("ready at") && resolve());
    child.once("exit", code => reject(new Error(`instance exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/graphql`, child };
}

async function post(url: string, token: string, query: string, variables: unknown) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as any;
}

const tokenFor = (user: UserActor) =>
  issueToken(
    { kind: "hs256", secret: new TextEncoder().encode(SECRET) },
    { sub: String(user.userId), name: user.name, agency: "race", roles: [...user.roles] },
  );

describe(`two server processes on one ${testEngine === "postgres" ? "PostgreSQL database" : "SQLite file"}`, () => {
  const databaseUrl = childDatabaseUrl(fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-race-")));
  let services: Services;
  let instances: Array<{ url: string; child: ChildProcess }> = [];

  beforeAll(async () => {
    services = createServices(await Database.open(databaseConfigFromUrl(databaseUrl)));
    instances = await Promise.all([startInstance(databaseUrl), startInstance(databaseUrl)]);
  }, 60_000);

  afterAll(async () => {
    // Both processes must be gone before their schema is dropped: a backend still
    // serving one of them would hold locks the drop needs.
    await Promise.all(instances.map(instance => stopChild(instance.child)));
    await services.db.close();
    await dropChildDatabase(databaseUrl);
  });

  it("lets exactly one of many racing workflow steps and cell edits win, and keeps the audit chain whole", async () => {
    const team = await createTeam(services, "race");
    const stepped = await createValidDraft(services, team, 2020);
    const submitted = await walk(services, team, stepped.id, [["SUBMIT", "DRAFTER"]]);
    const edited = await createValidDraft(services, team, 2019);
    const recordsBefore = await services.db.read(m => m.count(AuditEventEntity));
    const [reviewer, drafter] = await Promise.all([tokenFor(team.SECRECY_REVIEWER), tokenFor(team.DRAFTER)]);

    const clear = `mutation($input: ReportWorkflowInput!) { reportClearSecrecy(input: $input) { userErrors { code } } }`;
    const setCells = `mutation($input: ReportCellsSetInput!) { reportCellsSet(input: $input) { userErrors { code } } }`;
    const races = Array.from({ length: 20 }, (_, i) => {
      const { url } = instances[i % 2];
      return i % 2 === 0 || i < 10
        ? post(url, reviewer, clear, { input: { reportId: toGlobalId("Report", stepped.id), expectedVersion: submitted.version } }).then(r => [
            "step",
            r.data.reportClearSecrecy.userErrors[0]?.code ?? "OK",
          ])
        : post(url, drafter, setCells, {
            input: {
              reportId: toGlobalId("Report", edited.id),
              expectedVersion: edited.version,
              cells: [{ key: "apply/apply.new/col.natural", value: String(i) }],
            },
          }).then(r => ["edit", r.data.reportCellsSet.userErrors[0]?.code ?? "OK"]);
    });
    const outcomes = await Promise.all(races);

    const tally = (kind: string, code: string) => outcomes.filter(([k, c]) => k === kind && c === code).length;
    const steps = outcomes.filter(([kind]) => kind === "step").length;
    const edits = outcomes.length - steps;
    expect(tally("step", "OK")).toBe(1);
    expect(tally("step", "CONFLICT")).toBe(steps - 1);
    expect(tally("edit", "OK")).toBe(1);
    expect(tally("edit", "CONFLICT")).toBe(edits - 1);
    expect(await services.db.read(m => m.countBy(WorkflowEventEntity, { reportId: stepped.id, event: "CLEAR_SECRECY" }))).toBe(1);
    expect(await services.db.read(m => m.count(AuditEventEntity))).toBe(recordsBefore + 2);
    expect(await verifyAuditChain(services.db, { full: true })).toMatchObject({ ok: true });
  }, 60_000);
});
