import { appendAudit, verifyAuditChain } from "../../src/audit";
import { SYSTEM_ACTOR } from "../../src/auth/actor";
import { AgencyEntity, AuditEventEntity, WorkflowEventEntity } from "../../src/entities";
import { createServices } from "../../src/services";
import type { Services } from "../../src/services";
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
    expect(outcomes.map(codeOf)).toEqual([...drafts.map(() => "OK"), "CONFLICT", "FORBIDDEN", "fails after writing"]);
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
});
