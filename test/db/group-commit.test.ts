import { appendAudit, verifyAuditChain } from "../../src/audit";
import { SYSTEM_ACTOR } from "../../src/auth/actor";
import { countReport, summaryVersion } from "../../src/db/statistics-summary";
import { AgencyEntity, AuditEventEntity, ReportEntity, WorkflowEventEntity } from "../../src/entities";
import { createServices } from "../../src/services";
import type { Services } from "../../src/services";
import { selectStepReport } from "../../src/services/step-writes";
import { stepIn } from "../../src/services/workflow.service";
import { openTestDatabase, testEngine } from "../support/test-services";
import { createTeam, createValidDraft, reportState } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";

/**
 * Issue 14 (d): concurrent workflow steps are committed in groups on SQLite (one COMMIT, one fsync, for many
 * transactions). Whatever the grouping, each step stays all-or-nothing with its own version check and audit
 * record, and the chain stays in order — on both engines (PostgreSQL groups a process's writes the same way).
 */
describe(`concurrent workflow steps on ${testEngine}`, () => {
  let services: Services;
  const statements: string[] = [];
  const drafts: Array<{ team: Team; id: number; version: number }> = [];
  let spare: (typeof drafts)[number];

  beforeAll(async () => {
    services = createServices(await openTestDatabase({ onQuery: sql => statements.push(sql) }));
    for (let i = 0; i < 9; i++) {
      const team = await createTeam(services, `group${i}`);
      const draft = await createValidDraft(services, team);
      drafts.push({ team, id: draft.id, version: draft.version });
    }
    spare = drafts.pop()!;
  }, 120_000);

  afterAll(() => services.db.close());

  it("commits each step alone or not at all: conflicts and refusals leave nothing, the others all land, the chain verifies", async () => {
    const auditBefore = await services.db.read(m => m.count(AuditEventEntity));
    const eventsBefore = await services.db.read(m => m.count(WorkflowEventEntity));
    statements.length = 0;
    const submit = (d: (typeof drafts)[number], actor = d.team.DRAFTER) =>
      services.workflow.step(actor, "SUBMIT", { reportId: d.id, expectedVersion: d.version });
    const attempts = [
      ...drafts.map(d => submit(d)),
      // The same version twice: only one of the two may win.
      submit(drafts[0]),
      // The wrong role: refused by the machine, after the version check passed.
      submit(spare, spare.team.LEADER),
      // A unit of work that writes and then fails, in the middle of the others.
      services.db.transaction(async manager => {
        await manager.insert(AgencyEntity, { code: "group-rolled-back", name: "回滚局" });
        throw new Error("fails after writing");
      }),
    ];
    const outcomes = await Promise.allSettled(attempts);

    const codeOf = (o: PromiseSettledResult<unknown>) =>
      o.status === "fulfilled" ? "OK" : ((o.reason as { code?: string }).code ?? (o.reason as Error).message);
    const codes = outcomes.map(codeOf);
    // Note: the two SUBMITs of drafts[0] race (each reads the content before its transaction): either may win, never both.
    expect([codes[0], codes[drafts.length]].sort()).toEqual(["CONFLICT", "OK"]);
    expect(codes.slice(1, drafts.length)).toEqual(drafts.slice(1).map(() => "OK"));
    expect(codes.slice(drafts.length + 1)).toEqual(["FORBIDDEN", "fails after writing"]);
    for (const d of drafts) expect(await reportState(services, d.id)).toEqual({ state: "secrecyReview", version: d.version + 1 });
    expect(await reportState(services, spare.id)).toEqual({ state: "draft", version: spare.version });
    expect(await services.db.read(m => m.count(AuditEventEntity))).toBe(auditBefore + drafts.length);
    expect(await services.db.read(m => m.count(WorkflowEventEntity))).toBe(eventsBefore + drafts.length);
    expect(await services.db.read(m => m.countBy(AgencyEntity, { code: "group-rolled-back" }))).toBe(0);
    const records = await services.db.read(m => m.find(AuditEventEntity, { where: {}, order: { seq: "DESC" }, take: drafts.length }));
    // One record per step, each naming its own report and version change.
    expect(records.map(r => r.reportId).sort()).toEqual(drafts.map(d => d.id).sort());
    expect(await verifyAuditChain(services.db, { full: true })).toMatchObject({ ok: true });
    // Grouped: fewer COMMITs (fsyncs) than the 8 steps that were made durable.
    expect(statements.filter(sql => sql === "COMMIT").length).toBeLessThan(drafts.length);
  }, 60_000);

  it("answers a step only after its group is durable: a later read in another unit sees it", async () => {
    const d = drafts[2];
    const state = await reportState(services, d.id);
    const withdrawn = await services.workflow.step(d.team.DRAFTER, "WITHDRAW", { reportId: d.id, expectedVersion: state.version });
    expect(withdrawn.version).toBe(state.version + 1);
    // A stale version is still refused once the step has committed.
    await expect(services.workflow.step(d.team.DRAFTER, "SUBMIT", { reportId: d.id, expectedVersion: state.version })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await reportState(services, d.id)).toEqual({ state: "draft", version: state.version + 1 });
  });

  // The step's transaction takes the row read just before it (at the version the step expects) instead of reading it
  // again in the group; a change committed between that read and the step must still refuse it, by the version check.
  it("refuses a step whose report changed after it was read, and writes nothing", async () => {
    const d = drafts[1];
    const before = await reportState(services, d.id);
    expect(before.state).toBe("secrecyReview");
    const read = await services.db.read(m => selectStepReport(m, d.id, false));
    await services.workflow.step(d.team.DRAFTER, "WITHDRAW", { reportId: d.id, expectedVersion: before.version });
    const audit = await services.db.read(m => m.count(AuditEventEntity));
    const events = await services.db.read(m => m.count(WorkflowEventEntity));
    statements.length = 0;

    // The row read before: secrecyReview at the expected version — the machine would allow WITHDRAW from it.
    const late = services.db.transaction(m =>
      stepIn(m, services.contentCache, d.team.DRAFTER, "WITHDRAW", { reportId: d.id, expectedVersion: before.version }, read),
    );
    await expect(late).rejects.toMatchObject({ code: "CONFLICT" });
    expect(statements.filter(sql => /LEFT JOIN report p/.test(sql))).toEqual([]);
    expect(await reportState(services, d.id)).toEqual({ state: "draft", version: before.version + 1 });
    expect(await services.db.read(m => m.count(AuditEventEntity))).toBe(audit);
    expect(await services.db.read(m => m.count(WorkflowEventEntity))).toBe(events);
    expect(await verifyAuditChain(services.db, { full: true })).toMatchObject({ ok: true });
  });

  // Two workers at the deadline rush deadlocked on PostgreSQL: a group held row locks (derived notifications, a
  // stream cursor) and then waited for the audit chain's lock, held by another instance's group waiting for those rows.
  (testEngine === "postgres" ? it : it.skip)("takes the audit chain's lock first in every group on PostgreSQL (one lock order, no deadlock)", async () => {
    statements.length = 0;
    const d = drafts[3];
    const state = await reportState(services, d.id);
    await services.workflow.step(d.team.DRAFTER, "WITHDRAW", { reportId: d.id, expectedVersion: state.version });
    await services.db.transaction(m => m.query("SELECT 1"));
    const begins = statements.flatMap((sql, i) => (sql === "START TRANSACTION" || sql === "BEGIN TRANSACTION" ? [i] : []));
    expect(begins.length).toBeGreaterThanOrEqual(2);
    for (const i of begins) expect(statements[i + 1]).toMatch(/pg_advisory_xact_lock/);
    // Once a group: the step's own audit append does not ask again for the lock its group holds.
    expect(statements.filter(sql => /pg_advisory_xact_lock/.test(sql))).toHaveLength(begins.length);
  });

  (testEngine === "postgres" ? it : it.skip)("still takes the chain's lock for an audit record written outside a group", async () => {
    const { dataSource } = services.db;
    // A group ran on a pooled connection before; the same connection's next transaction, not a group, must lock.
    await services.db.transaction(m => m.query("SELECT 1"));
    statements.length = 0;
    await dataSource.transaction(manager => appendAudit(manager, SYSTEM_ACTOR, { action: "test.outside-group", agencyId: null, diff: {} }));
    expect(statements.filter(sql => /pg_advisory_xact_lock/.test(sql))).toHaveLength(1);
    expect(await verifyAuditChain(services.db, { full: true })).toMatchObject({ ok: true });
  });

  // Every step waits for the one ahead of it in the group: a step's own reading and checking of the content (two
  // years' cells, validation) is done before its transaction, beside the others, so its turn only writes.
  it("reads and checks the content before the step's transaction, and nothing for a user of another agency", async () => {
    const isContentRead = (sql: string) => /FROM report_cell/.test(sql);
    statements.length = 0;
    const outsider = createServices(services.db);
    await expect(outsider.workflow.step(drafts[0].team.DRAFTER, "SUBMIT", { reportId: spare.id, expectedVersion: spare.version })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(statements.filter(isContentRead)).toEqual([]);

    statements.length = 0;
    // A new process's caches: nothing of this report is known yet.
    const fresh = createServices(services.db);
    const stepped = await fresh.workflow.step(spare.team.DRAFTER, "SUBMIT", { reportId: spare.id, expectedVersion: spare.version });
    expect(stepped).toMatchObject({ state: "secrecyReview", version: spare.version + 1 });
    const begin = statements.findIndex(sql => /^(START|BEGIN)\b/.test(sql));
    const commit = statements.indexOf("COMMIT", begin);
    expect(begin).toBeGreaterThan(0);
    expect(statements.slice(0, begin).filter(isContentRead)).toHaveLength(1);
    expect(statements.slice(begin, commit).filter(isContentRead)).toEqual([]);
    expect(statements.slice(begin, commit).filter(sql => /UPDATE report SET state/.test(sql))).toHaveLength(1);
    // The row read before the transaction is the one its version check will find: not read again in the group.
    expect(statements.slice(begin, commit).filter(sql => /FROM report r LEFT JOIN report p|FROM "report"/.test(sql))).toEqual([]);
    // Each unit in a savepoint of its own; on PostgreSQL not released (a round trip the COMMIT makes needless).
    expect(statements.slice(begin, commit).filter(sql => /SAVEPOINT/.test(sql))).toEqual(
      testEngine === "postgres" ? ["SAVEPOINT group_unit"] : ["SAVEPOINT group_unit", "RELEASE SAVEPOINT group_unit"],
    );
  });

  // A group holds the chain's lock to its COMMIT, so the head it appended last is still the head, and one bump of a
  // year's summary version covers every step of the group; a unit rolled back to its savepoint takes both back.
  (testEngine === "postgres" ? it : it.skip)(
    "reads the chain's head and bumps a year's summary once a group on PostgreSQL, and again after a unit rolled back",
    async () => {
      const steppers = drafts.slice(4, 8);
      const reports = await services.db.read(m =>
        m.findBy(
          ReportEntity,
          steppers.map(d => ({ id: d.id })),
        ),
      );
      const years = new Set(reports.map(r => r.year));
      const first = reports.find(r => r.id === steppers[0].id)!;
      const versionBefore = await services.db.read(m => summaryVersion(m, first.year));
      const headBefore = await services.db.read(m => m.find(AuditEventEntity, { where: {}, order: { seq: "DESC" }, take: 1 }));
      const states = await Promise.all(steppers.map(d => reportState(services, d.id)));
      statements.length = 0;
      // First in the group: bumps the year and appends a record, then fails; the steps after it must not build on either.
      const failing = services.db.transaction(async manager => {
        await countReport(manager, first, 1);
        await appendAudit(manager, SYSTEM_ACTOR, { action: "test.rolled-back", agencyId: null, diff: {} });
        throw new Error("fails after appending");
      });
      // Note: the steps' transactions themselves (services.workflow.step reads first, so they would join a later group).
      const withdrawals = steppers.map((d, i) =>
        services.db.transaction(m => stepIn(m, services.contentCache, d.team.DRAFTER, "WITHDRAW", { reportId: d.id, expectedVersion: states[i].version })),
      );
      const outcomes = await Promise.allSettled([failing, ...withdrawals]);

      expect(outcomes.map(o => o.status)).toEqual(["rejected", ...steppers.map(() => "fulfilled")]);
      expect(statements.filter(sql => sql === "START TRANSACTION")).toHaveLength(1);
      // The failing unit's read, then the first step's after the rollback; the other three steps read none.
      expect(statements.filter(sql => /FROM audit_event ORDER BY seq DESC LIMIT 1/.test(sql))).toHaveLength(2);
      expect(statements.filter(sql => /INSERT INTO statistics_year/.test(sql))).toHaveLength(1 + years.size);
      expect(await services.db.read(m => summaryVersion(m, first.year))).toBe(versionBefore + 1);
      const appended = await services.db.read(m => m.find(AuditEventEntity, { where: {}, order: { seq: "DESC" }, take: steppers.length }));
      expect(appended.map(r => r.seq).sort((a, b) => a - b)).toEqual(steppers.map((_d, i) => headBefore[0].seq + 1 + i));
      expect(appended.map(r => r.action)).toEqual(steppers.map(() => "report.workflow.withdraw"));
      expect(await verifyAuditChain(services.db, { full: true })).toMatchObject({ ok: true });
    },
  );
});
