import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkpointAuditChain, generateAuditKey, loadSigner } from "../../src/audit";
import { appendAuditBatch } from "../../src/audit/append-batch";
import { AuditEventEntity } from "../../src/entities";
import { openTestApi, testEngine } from "../support/test-services";
import type { TestApi } from "../support/test-services";
import { HAPPY_PATH, createTeam, createValidDraft, walk } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";

/**
 * Issue 9, point 1 (auditVerify): the whole chain is verified only by whoever
 * may read every agency's records; a request checks a bounded number of
 * records and hands back a cursor; any other auditor sees only its own records.
 */
const VERIFY = `query($after: String, $limit: Int, $full: Boolean) {
  auditVerify(after: $after, limit: $limit, full: $full) {
    scope ok total checked checkedFrom checkedTo complete cursor headSeq headHash resumedFrom trusted notes brokenAt problem
  }
}`;

describe(`auditVerify: who may verify what, and how much per request (${testEngine})`, () => {
  let api: TestApi;
  let province: Team;
  let county: Team;
  let neighbour: Team;

  const verify = async (team: Team | null, variables: Record<string, unknown> = {}) => {
    const result = await api.run(VERIFY, variables, team ? team.AUDITOR : undefined);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data.auditVerify;
  };
  const tamper = (statement: string) => api.services.db.transaction(m => m.query(statement));
  const countyRecords = () => api.services.db.read(m => m.countBy(AuditEventEntity, { agencyId: county.AUDITOR.agencyId }));
  const allRecords = () => api.services.db.read(m => m.count(AuditEventEntity));

  beforeAll(async () => {
    api = await openTestApi();
    province = await createTeam(api.services, "province");
    county = await createTeam(api.services, "county", "province");
    neighbour = await createTeam(api.services, "neighbour", "province");
    for (const team of [county, neighbour]) await walk(api.services, team, (await createValidDraft(api.services, team)).id, HAPPY_PATH);
    // Enough records that one request cannot walk them all: 2,500 more edits of the neighbour.
    const at = new Date().toISOString();
    const padding = Array.from({ length: 2_500 }, (_, i) => ({
      at,
      actorKind: "user",
      actorId: neighbour.DRAFTER.userId,
      actorName: neighbour.DRAFTER.name,
      actorRoles: "DRAFTER",
      agencyId: neighbour.DRAFTER.agencyId,
      reportId: null,
      action: "report.section.update",
      diff: { n: i },
      requestId: null,
      clientAddress: null,
    }));
    await api.services.db.transaction(m => appendAuditBatch(m, padding));
  }, 60_000);

  afterAll(() => api.close());

  it("shows a sub-agency's auditor only its own records: their count, no global count or head", async () => {
    const own = await verify(county);
    expect(own).toMatchObject({ scope: "AGENCY", ok: true, complete: true, cursor: null, headSeq: null, headHash: null, brokenAt: null });
    expect(own.total).toBe(await countyRecords());
    expect(own.checked).toBe(own.total);
    expect(own.total).toBeLessThan((await allRecords()) / 10);
  });

  it("lets the auditor of the agency above all others verify the whole chain, at most 2,000 records a request", async () => {
    const total = await allRecords();
    const first = await verify(province, { full: true });
    expect(first).toMatchObject({ scope: "GLOBAL", ok: true, total, checked: 2_000, checkedFrom: 1, checkedTo: 2_000, complete: false });
    expect(first.cursor).toEqual(expect.any(String));
    const rest = await verify(province, { after: first.cursor });
    expect(rest).toMatchObject({ ok: true, checked: total - 2_000, checkedFrom: 2_001, checkedTo: total, complete: true, cursor: null, headSeq: total });
    expect(rest.trusted).toBe("records 1–2000 were checked by earlier requests (the cursor)");

    let cursor: string | null = null;
    let checked = 0;
    do {
      const page: any = await verify(province, { after: cursor, limit: 700, full: true });
      expect(page.checked).toBeLessThanOrEqual(700);
      checked += page.checked;
      cursor = page.cursor;
    } while (cursor);
    expect(checked).toBe(total);
  });

  it("refuses a request for more than one request may check, and a cursor from another scope", async () => {
    const tooMany = await api.run(VERIFY, { limit: 2_001 }, province.AUDITOR);
    expect(tooMany.errors?.[0].extensions.code).toBe("INVALID_INPUT");
    expect(tooMany.errors?.[0].message).toMatch(/limit must be between 1 and 2000/);
    const page = await verify(province, { limit: 10, full: true });
    const crossed = await api.run(VERIFY, { after: page.cursor }, county.AUDITOR);
    expect(crossed.errors?.[0].extensions.code).toBe("INVALID_INPUT");
  });

  it("refuses readers who are not auditors", async () => {
    const drafter = await api.run(VERIFY, {}, county.DRAFTER);
    expect(drafter.errors?.[0].extensions.code).toBe("FORBIDDEN");
    const anonymous = await api.run(VERIFY, {}, { kind: "anonymous" });
    expect(anonymous.errors?.[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  it("takes ten verifications at once one after another, each with its right answer", async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => verify(i % 2 ? county : province, { limit: 500, full: true })));
    results.forEach((result, i) => expect(result).toMatchObject(i % 2 ? { scope: "AGENCY", ok: true } : { scope: "GLOBAL", ok: true, checked: 500 }));
  });

  it("starts a global verification at the checkpoint signed with the server's key, and says what it trusted", async () => {
    const keyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "audit-key-")), "key.pem");
    generateAuditKey(keyFile);
    const checkpoint = await checkpointAuditChain(api.services.db, loadSigner(keyFile)!);
    expect(await verify(province)).toMatchObject({ scope: "GLOBAL", resumedFrom: null, checkedFrom: 1 }); // no key configured: not trusted
    process.env.GONGKAI_AUDIT_PUBLIC_KEY = `${keyFile}.pub`;
    try {
      const resumed = await verify(province);
      expect(resumed).toMatchObject({ scope: "GLOBAL", ok: true, complete: true, checked: 0, resumedFrom: checkpoint.headSeq, headSeq: checkpoint.headSeq });
      expect(resumed.trusted).toMatch(
        new RegExp(`^records 1–${checkpoint.headSeq} not re-checked: trusted on the checkpoint at record ${checkpoint.headSeq} signed with audit key`),
      );
      expect(await verify(province, { full: true, limit: 5 })).toMatchObject({ resumedFrom: null, checkedFrom: 1, checked: 5 });
    } finally {
      delete process.env.GONGKAI_AUDIT_PUBLIC_KEY;
    }
  });

  it("finds an altered record of the agency where it stands, and does not report other agencies' records to it", async () => {
    const [countySeq] = await api.services.db.read(m =>
      m.find(AuditEventEntity, { where: { agencyId: county.AUDITOR.agencyId }, order: { seq: "ASC" }, skip: 2, take: 1 }),
    );
    const [neighbourSeq] = await api.services.db.read(m =>
      m.find(AuditEventEntity, { where: { agencyId: neighbour.AUDITOR.agencyId }, order: { seq: "DESC" }, take: 1 }),
    );
    if (testEngine === "postgres") await tamper("DROP TRIGGER audit_event_append_only ON audit_event");
    else await tamper("DROP TRIGGER audit_event_no_update");
    await tamper(`UPDATE audit_event SET actor_name = 'mallory' WHERE seq = ${neighbourSeq.seq}`);
    expect(await verify(county)).toMatchObject({ scope: "AGENCY", ok: true });

    await tamper(`UPDATE audit_event SET action = 'report.workflow.x' WHERE seq = ${countySeq.seq}`);
    const broken = await verify(county);
    expect(broken).toMatchObject({ scope: "AGENCY", ok: false, brokenAt: Number(countySeq.seq), headSeq: null });
    expect(broken.problem).toBe(`record ${countySeq.seq} was altered: its content no longer matches its hash`);

    let global = await verify(province, { full: true });
    while (global.cursor) global = await verify(province, { after: global.cursor });
    expect(global).toMatchObject({ scope: "GLOBAL", ok: false, brokenAt: Math.min(Number(countySeq.seq), Number(neighbourSeq.seq)) });
  });

  it("gives no one the whole chain once two agencies stand at the top (only the operator's CLI)", async () => {
    await createTeam(api.services, "elsewhere");
    expect(await verify(province)).toMatchObject({ scope: "AGENCY", headSeq: null });
    expect((await api.run(VERIFY, { limit: 5 })).data.auditVerify).toMatchObject({ scope: "GLOBAL" });
  });
});
