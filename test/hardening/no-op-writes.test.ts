import { AuditEventEntity } from "../../src/entities";
import { toGlobalId } from "../../src/schema/node-id";
import { openTestApi } from "../support/test-services";
import type { TestApi } from "../support/test-services";
import { createTeam, createValidDraft } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";

const CELLS = `mutation($input: ReportCellsSetInput!) { reportCellsSet(input: $input) { changed report { version } userErrors { code field } } }`;
const SECTION = `mutation($input: ReportSectionUpdateInput!) { reportSectionUpdate(input: $input) { changed report { version } userErrors { code } } }`;
const CHANNELS = `mutation($input: ReportChannelsSetInput!) { reportChannelsSet(input: $input) { changed report { version } userErrors { code } } }`;
const DEACTIVATE = `mutation($name: String!) { userDeactivate(input: { name: $name }) { changed user { active } userErrors { code } } }`;
const PENALTY = "active.art20_6/active.penalty/col.decisions";

describe("a write that changes nothing changes nothing (issue 9, point 6)", () => {
  let api: TestApi;
  let team: Team;
  let reportId: string;
  let version: number;

  beforeAll(async () => {
    api = await openTestApi();
    team = await createTeam(api.services, "noop");
    const draft = await createValidDraft(api.services, team);
    reportId = toGlobalId("Report", draft.id);
    version = draft.version;
  });

  afterAll(() => api.close());

  const records = () => api.services.db.read(m => m.count(AuditEventEntity));

  async function expectNoChange(query: string, input: Record<string, unknown>, field: string) {
    const before = await records();
    const { data, errors } = await api.run(query, { input: { reportId, ...input } }, team.DRAFTER);
    expect(errors).toBeUndefined();
    expect(data[field]).toEqual({ changed: false, report: { version }, userErrors: [] });
    expect(await records()).toBe(before);
  }

  it("reportCellsSet with no cells, or with every cell at its current value", async () => {
    await expectNoChange(CELLS, { cells: [] }, "reportCellsSet");
    await expectNoChange(CELLS, { cells: [{ key: PENALTY, value: "588" }], expectedVersion: version }, "reportCellsSet");
    await expectNoChange(CELLS, { cells: [{ key: PENALTY, value: " 588.000 " }] }, "reportCellsSet");
  });

  it("a section set to its current text, a channel chart set to the current one", async () => {
    await expectNoChange(SECTION, { sectionId: "sec.other", body: "sec.other 的内容。" }, "reportSectionUpdate");
    await expectNoChange(CHANNELS, { channels: [] }, "reportChannelsSet");
  });

  it("still says CONFLICT for a stale expectedVersion, so a client learns its view is old", async () => {
    const { data } = await api.run(CELLS, { input: { reportId, cells: [], expectedVersion: version - 1 } }, team.DRAFTER);
    expect(data.reportCellsSet).toMatchObject({ changed: false, userErrors: [{ code: "CONFLICT", field: ["input", "expectedVersion"] }] });
  });

  it("a real change says changed: true, bumps the version once and writes one audit record", async () => {
    const before = await records();
    const { data } = await api.run(
      CELLS,
      {
        input: {
          reportId,
          cells: [
            { key: PENALTY, value: "589" },
            { key: "apply/apply.new/col.natural", value: "4" },
          ],
        },
      },
      team.DRAFTER,
    );
    expect(data.reportCellsSet).toEqual({ changed: true, report: { version: version + 1 }, userErrors: [] });
    expect(await records()).toBe(before + 1);
    version += 1;
  });

  it("deactivating a user who is already inactive records nothing", async () => {
    const first = await api.run(DEACTIVATE, { name: "noop-publisher" }, team.ADMIN);
    expect(first.data.userDeactivate).toEqual({ changed: true, user: { active: false }, userErrors: [] });
    const before = await records();
    const second = await api.run(DEACTIVATE, { name: "noop-publisher" }, team.ADMIN);
    expect(second.data.userDeactivate).toEqual({ changed: false, user: { active: false }, userErrors: [] });
    expect(await records()).toBe(before);
  });
});
