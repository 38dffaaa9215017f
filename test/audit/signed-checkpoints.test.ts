import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { GENESIS_HASH, recordHash } from "../../src/audit";
import { recordBody } from "../../src/audit/record";
import { Database, databaseConfigFromUrl } from "../../src/db";
import { AuditEventEntity, AuditSignedCheckpointEntity } from "../../src/entities";
import { createServices } from "../../src/services";
import type { Services } from "../../src/services";
import { childDatabaseUrl, dropChildDatabase, testEngine } from "../support/test-services";
import { HAPPY_PATH, createTeam, createValidDraft, walk } from "../support/workflow-fixture";

/**
 * Issue 9, point 7: a checkpoint kept in the database cannot vouch for what is
 * below it. Driven through the built CLI (`npm run build` first), as an
 * operator would, on the engine under test.
 */
const BIN = path.resolve(__dirname, "../../bin/gongkai.js");

const sql = (services: Services, statement: string) => services.db.transaction(manager => manager.query(statement));

async function dropGuards(services: Services) {
  for (const table of ["audit_event", "audit_signed_checkpoint", "audit_checkpoint"]) {
    if (testEngine === "postgres") await sql(services, `DROP TRIGGER IF EXISTS ${table}_append_only ON ${table}`);
    else for (const op of ["update", "delete"]) await sql(services, `DROP TRIGGER IF EXISTS ${table}_no_${op}`);
  }
}

/** What someone with write access to the database and no key can do: change record 5 and re-hash everything after it. */
async function rewriteFromRecord5(services: Services) {
  const rows = await services.db.read(m => m.find(AuditEventEntity, { order: { seq: "ASC" } }));
  let previous = GENESIS_HASH;
  for (const row of rows) {
    if (Number(row.seq) === 5) row.actorName = "mallory";
    row.prevHash = previous;
    row.hash = recordHash(recordBody(row));
    previous = row.hash;
    await services.db.transaction(m => m.update(AuditEventEntity, { seq: row.seq }, { actorName: row.actorName, prevHash: row.prevHash, hash: row.hash }));
  }
}

describe(`signed audit checkpoints and the expected head (${testEngine})`, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-checkpoint-"));
  const key = path.join(dir, "audit-key.pem");
  let databaseUrl: string;
  let services: Services;

  const gongkai = (args: string[], env: Record<string, string> = {}) => {
    const clean = { ...process.env, GONGKAI_AUDIT_KEY: "", GONGKAI_AUDIT_PUBLIC_KEY: "" };
    const result = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...clean, DATABASE_URL: databaseUrl, ...env } });
    return { code: result.status, out: result.stdout + result.stderr };
  };
  const withKey = { GONGKAI_AUDIT_KEY: key };
  const withPublicKey = () => ({ GONGKAI_AUDIT_PUBLIC_KEY: `${key}.pub` });

  let keyId: string;

  beforeAll(() => {
    const created = gongkai(["audit", "keygen", "--out", key]);
    expect(created.code).toBe(0);
    keyId = /Audit key ([0-9a-f]{16})/.exec(created.out)![1];
  });

  beforeEach(async () => {
    databaseUrl = childDatabaseUrl(fs.mkdtempSync(path.join(dir, "db-")));
    services = createServices(await Database.open(databaseConfigFromUrl(databaseUrl)));
    const team = await createTeam(services, "audited");
    await walk(services, team, (await createValidDraft(services, team)).id, HAPPY_PATH);
  });

  afterEach(async () => {
    await services.db.close();
    await dropChildDatabase(databaseUrl);
  });

  const head = async () => {
    const [row] = await services.db.read(m => m.find(AuditEventEntity, { order: { seq: "DESC" }, take: 1 }));
    return { seq: Number(row.seq), hash: row.hash };
  };

  it("writes a private key readable only by its owner, and never overwrites it", () => {
    expect(fs.statSync(key).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(`${key}.pub`, "utf8")).toContain("BEGIN PUBLIC KEY");
    const again = gongkai(["audit", "keygen", "--out", key]);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/exists/);
  });

  it("refuses to write a checkpoint without a key: an unsigned one would vouch for nothing", async () => {
    const result = gongkai(["audit", "checkpoint"]);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/No audit key/);
  });

  it("the issue's scenario: checkpoint, edit record 5, verify — caught when the checkpoint is not trusted", async () => {
    const { seq } = await head();
    expect(gongkai(["audit", "checkpoint"], withKey)).toMatchObject({ code: 0 });
    // A checkpoint row written straight into the database (as the old unsigned checkpoint was) is no anchor either.
    await sql(services, `INSERT INTO audit_checkpoint (seq, hash) SELECT seq, hash FROM audit_event WHERE seq = ${seq}`);
    await dropGuards(services);
    await sql(services, "UPDATE audit_event SET actor_name = 'mallory' WHERE seq = 5");

    const verify = gongkai(["audit", "verify"]);
    expect(verify.code).toBe(1);
    expect(verify.out).toContain("BROKEN at record 5: record 5 was altered");
    expect(verify.out).toContain("Trusted, not checked: nothing — walked from record 1.");
    expect(verify.out).toMatch(/signed checkpoint\(s\) not trusted: no audit public key/);
    expect(verify.out).toMatch(/1 unsigned checkpoint\(s\) ignored/);
  });

  it("with a trusted signed checkpoint, says the edit below it was not checked — and --full finds it", async () => {
    const { seq } = await head();
    gongkai(["audit", "checkpoint"], withKey);
    await dropGuards(services);
    await sql(services, "UPDATE audit_event SET actor_name = 'mallory' WHERE seq = 5");

    const resumed = gongkai(["audit", "verify"], withPublicKey());
    expect(resumed.code).toBe(0);
    expect(resumed.out).toContain(`OK: ${seq} audit records, head ${seq} `);
    expect(resumed.out).toContain("Checked: no records.");
    expect(resumed.out).toMatch(
      new RegExp(`Trusted, not checked: records 1–${seq} not re-checked: trusted on the checkpoint at record ${seq} signed with audit key [0-9a-f]{16}`),
    );

    const full = gongkai(["audit", "verify", "--full"], withPublicKey());
    expect(full.code).toBe(1);
    expect(full.out).toContain("BROKEN at record 5: record 5 was altered");
  });

  it("catches a rewritten chain through the signed checkpoint or the published head, where the chain alone says OK", async () => {
    const published = await head();
    gongkai(["audit", "checkpoint"], withKey);
    await dropGuards(services);
    await rewriteFromRecord5(services);

    expect(gongkai(["audit", "verify", "--full"]).code).toBe(0); // without an outside anchor a consistent rewrite passes
    const signed = gongkai(["audit", "verify", "--full"], withPublicKey());
    expect(signed.code).toBe(1);
    expect(signed.out).toContain(`BROKEN at record ${published.seq}: record ${published.seq} has hash`);
    expect(signed.out).toContain("the records up to it were rewritten");
    const resumed = gongkai(["audit", "verify"], withPublicKey());
    expect(resumed.code).toBe(1);
    expect(resumed.out).toMatch(/no longer matches the checkpoint/);

    const expected = gongkai(["audit", "verify", "--expect-head", `${published.seq}:${published.hash}`]);
    expect(expected.code).toBe(1);
    expect(expected.out).toContain(`not the one vouched for by the expected head ${published.seq}:${published.hash}`);
  });

  it("accepts the published head when nothing changed, and exits 1 when it does not match", async () => {
    const published = await head();
    const ok = gongkai(["audit", "verify", "--expect-head", `${published.seq}:${published.hash}`]);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.out).toContain(`Record ${published.seq} has the expected head hash ${published.hash}.`);

    const wrong = gongkai(["audit", "verify", "--expect-head", `${published.seq}:${"0".repeat(64)}`]);
    expect(wrong.code).toBe(1);
    expect(wrong.out).toContain(`BROKEN at record ${published.seq}`);
    const beyond = gongkai(["audit", "verify", "--expect-head", `${published.seq + 5}:${published.hash}`]);
    expect(beyond.code).toBe(1);
    expect(beyond.out).toContain("records were deleted");
    expect(gongkai(["audit", "verify", "--expect-head", "38"]).code).not.toBe(0);
  });

  it("refuses a checkpoint whose signature does not verify, and does not start from it", async () => {
    const { seq, hash } = await head();
    // Written by someone without the key: the head's hash, the real key's id, a made-up signature.
    const signature = Buffer.alloc(64, 7).toString("base64");
    await services.db.transaction(m => m.insert(AuditSignedCheckpointEntity, { seq, keyId, hash, signature, signedAt: new Date().toISOString() }));

    const intact = gongkai(["audit", "verify"], withPublicKey());
    expect(intact.code).toBe(1);
    expect(intact.out).toContain(`BROKEN: the checkpoint(s) at record ${seq} carry a signature that does not verify with the audit public key`);
    expect(intact.out).toContain(`Checked: records 1–${seq} (${seq}).`);

    await dropGuards(services);
    await sql(services, "UPDATE audit_event SET actor_name = 'mallory' WHERE seq = 5");
    const edited = gongkai(["audit", "verify"], withPublicKey());
    expect(edited.code).toBe(1);
    expect(edited.out).toContain("BROKEN at record 5: record 5 was altered");
    expect(edited.out).toMatch(/refused as a trust anchor/);
  });
});
