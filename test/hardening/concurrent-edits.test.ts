import { verifyAuditChain } from "../../src/audit";
import { AuditEventEntity } from "../../src/entities";
import { getFormat } from "../../src/formats";
import { toGlobalId } from "../../src/schema/node-id";
import { openTestApi, testEngine } from "../support/test-services";
import type { TestApi } from "../support/test-services";
import { createTeam, createValidDraft } from "../support/workflow-fixture";

const CELLS = `mutation($input: ReportCellsSetInput!) { reportCellsSet(input: $input) { changed report { version } userErrors { code message } } }`;

/**
 * Issue 9, point 3: four clients set the same 60 cells of one draft, two in one order and two in the reverse
 * order, 40 rounds, without expectedVersion. On PostgreSQL this used to deadlock (INTERNAL_SERVER_ERROR) and to
 * answer CONFLICT although no version check was asked for; both engines must now answer every edit alike.
 */
describe(`concurrent cell edits on ${testEngine}`, () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await openTestApi();
  });

  afterAll(() => api.close());

  it("queues writers on the report's row lock: every edit succeeds, none deadlocks or conflicts, the chain verifies", async () => {
    const team = await createTeam(api.services, "racers");
    const draft = await createValidDraft(api.services, team);
    const keys = getFormat("gb2019")
      .cellKeys.filter(key => getFormat("gb2019").cells.get(key)!.dtype === "int")
      .slice(0, 60);
    const reportId = toGlobalId("Report", draft.id);
    const recordsBefore = await api.services.db.read(m => m.count(AuditEventEntity));
    const answers: any[] = [];
    for (let round = 0; round < 40; round++) {
      const clients = [0, 1, 2, 3].map(client => {
        const ordered = client < 2 ? keys : [...keys].reverse();
        // Every client writes values of its own, so every edit is a real change.
        const cells = ordered.map((key, index) => ({ key, value: String(round * 1000 + client * 100 + index) }));
        return api.run(CELLS, { input: { reportId, cells } }, team.DRAFTER);
      });
      answers.push(...(await Promise.all(clients)));
    }
    const outcomes = answers.map(answer => answer.errors?.[0]?.extensions?.code ?? answer.data.reportCellsSet.userErrors[0]?.code ?? "OK");
    expect(outcomes.filter(outcome => outcome !== "OK")).toEqual([]);
    const versions = answers.map(answer => answer.data.reportCellsSet.report.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 160 }, (_, index) => draft.version + 1 + index));
    expect(await api.services.db.read(m => m.count(AuditEventEntity))).toBe(recordsBefore + 160);
    expect(await verifyAuditChain(api.services.db, { full: true })).toMatchObject({ ok: true });
  }, 120_000);
});
