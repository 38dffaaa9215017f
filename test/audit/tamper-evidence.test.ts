import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkpointAuditChain, exportAudit, generateAuditKey, loadSigner, loadVerifier, verifyAuditChain } from "../../src/audit";
import type { Services } from "../../src/services";
import { openTestServices, testEngine } from "../support/test-services";
import { HAPPY_PATH, createTeam, createValidDraft, walk } from "../support/workflow-fixture";

const VERIFIER = path.resolve(__dirname, "../../scripts/verify-audit-export.js");

/** Runs raw SQL as someone with database access would, bypassing Gongkai. */
const sql = (services: Services, statement: string) => services.db.read(manager => manager.query(statement));
const dropGuards = async (services: Services) => {
  if (testEngine === "postgres") {
    await sql(services, "DROP TRIGGER audit_event_append_only ON audit_event");
  } else {
    await sql(services, "DROP TRIGGER audit_event_no_update");
    await sql(services, "DROP TRIGGER audit_event_no_delete");
  }
};

describe("the audit trail", () => {
  let services: Services;

  beforeEach(async () => {
    services = await openTestServices();
    const team = await createTeam(services, "audited");
    const draft = await createValidDraft(services, team);
    await walk(services, team, draft.id, HAPPY_PATH);
  });

  afterEach(() => services.db.close());

  it("verifies when nothing was touched", async () => {
    const result = await verifyAuditChain(services.db, { full: true });
    expect(result).toMatchObject({ ok: true, brokenAt: null });
    expect(result.total).toBeGreaterThan(10);
    expect(result.headSeq).toBe(result.total);
  });

  it("is append-only in the database: UPDATE and DELETE through SQL are refused", async () => {
    await expect(sql(services, "UPDATE audit_event SET action = 'x' WHERE seq = 3")).rejects.toThrow(/append-only/);
    await expect(sql(services, "DELETE FROM audit_event WHERE seq = 3")).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(services.db, { full: true })).ok).toBe(true);
  });

  it("names the record when one byte of it is altered", async () => {
    await dropGuards(services);
    await sql(services, "UPDATE audit_event SET actor_name = 'Cli' WHERE seq = 4 AND actor_name = 'cli'");
    const result = await verifyAuditChain(services.db, { full: true });
    expect(result).toMatchObject({ ok: false, brokenAt: 4 });
    expect(result.problem).toContain("record 4 was altered");
  });

  it("names the gap when a record is deleted", async () => {
    await dropGuards(services);
    await sql(services, "DELETE FROM audit_event WHERE seq = 6");
    const result = await verifyAuditChain(services.db, { full: true });
    expect(result).toMatchObject({ ok: false, brokenAt: 6 });
    expect(result.problem).toContain("record 6 is missing");
  });

  it("notices two records reordered", async () => {
    await dropGuards(services);
    await sql(services, "UPDATE audit_event SET seq = -1 WHERE seq = 7");
    await sql(services, "UPDATE audit_event SET seq = 7 WHERE seq = 8");
    await sql(services, "UPDATE audit_event SET seq = 8 WHERE seq = -1");
    const result = await verifyAuditChain(services.db, { full: true });
    expect(result).toMatchObject({ ok: false, brokenAt: 7 });
  });

  it("resumes from a signed checkpoint, and still notices the last records being cut off", async () => {
    const keyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "audit-key-")), "key.pem");
    generateAuditKey(keyFile);
    const signer = loadSigner(keyFile)!;
    const verifier = loadVerifier(undefined, { GONGKAI_AUDIT_KEY: keyFile });
    const full = await checkpointAuditChain(services.db, signer);
    const resumed = await verifyAuditChain(services.db, { verifier });
    expect(resumed).toMatchObject({ ok: true, resumedFrom: full.headSeq, checked: 0, total: full.total });
    await dropGuards(services);
    await sql(services, `DELETE FROM audit_event WHERE seq = ${full.headSeq}`);
    expect((await verifyAuditChain(services.db, { verifier })).ok).toBe(false);
  });

  it("exports JSON Lines that the standalone script verifies, and that fail it after one byte changes", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "audit-")), "export.jsonl");
    const lines: string[] = [];
    await exportAudit(services.db, {}, line => lines.push(line));
    fs.writeFileSync(file, lines.join(""));
    const head = (await verifyAuditChain(services.db, { full: true })).headHash;

    expect(execFileSync(process.execPath, [VERIFIER, file, head], { encoding: "utf8" })).toMatch(/^OK: \d+ records/);

    fs.writeFileSync(file, lines.join("").replace('"report.workflow.publish"', '"report.workflow.publisx"'));
    const tampered = spawnSync(process.execPath, [VERIFIER, file], { encoding: "utf8" });
    expect(tampered.status).toBe(1);
    expect(tampered.stderr).toMatch(/record \d+ .*was altered/);
  });

  it("exports a range whose records chain from the first one given", async () => {
    const lines: string[] = [];
    await exportAudit(services.db, { from: 3, to: 6 }, line => lines.push(line));
    expect(lines.map(line => JSON.parse(line).seq)).toEqual([3, 4, 5, 6]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "audit-")), "range.jsonl");
    fs.writeFileSync(file, lines.join(""));
    expect(spawnSync(process.execPath, [VERIFIER, file]).status).toBe(0);
  });

  it("keeps one unforked chain under concurrent changes", async () => {
    const team = await createTeam(services, "busy");
    const reports = await Promise.all([2021, 2022, 2023].map(year => services.reports.create(team.DRAFTER, { agencyId: team.DRAFTER.agencyId, year })));
    await Promise.all(
      reports.flatMap(report =>
        ["sec.overview", "sec.problems", "sec.other"].map(sectionId =>
          services.reports.updateSection(team.DRAFTER, { reportId: report.id, sectionId, body: "并发" }).catch(() => undefined),
        ),
      ),
    );
    expect(await verifyAuditChain(services.db, { full: true })).toMatchObject({ ok: true });
  });
});
