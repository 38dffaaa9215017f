import { AgencyEntity, ReportEntity } from "../../src/entities";
import type { Services } from "../../src/services";
import { statistics } from "../../src/services/statistics.service";
import { openTestApi } from "../support/test-services";
import type { TestApi } from "../support/test-services";
import { HAPPY_PATH, createTeam, createValidDraft, walk } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";

/** Records a team's agency as a people's government (31 March), as agencyCreate(kind: GOVERNMENT) would. */
async function makeGovernment(services: Services, code: string): Promise<void> {
  await services.db.transaction(m => m.update(AgencyEntity, { code }, { kind: "GOVERNMENT", level: "COUNTY" }));
}

async function publishedOn(services: Services, team: Team, at: string): Promise<ReportEntity> {
  const report = await walk(services, team, (await createValidDraft(services, team, 2020)).id, HAPPY_PATH);
  await services.db.transaction(m => m.update(ReportEntity, { id: report.id }, { publishedAt: new Date(at) }));
  return report;
}

describe("statistics judge each agency by its own 第四十九条 deadline, in SQL", () => {
  let api: TestApi;
  let office: Team;
  let governmentLate: ReportEntity;
  let departmentLate: ReportEntity;
  let governmentDraft: ReportEntity;
  let departmentDraft: ReportEntity;

  beforeAll(async () => {
    api = await openTestApi();
    const services = api.services;
    office = await createTeam(services, "office");
    const teams = await Promise.all(
      ["gov-pub", "dept-pub", "gov-draft", "dept-draft", "gov-none", "dept-none"].map(code => createTeam(services, code, "office")),
    );
    for (const code of ["gov-pub", "gov-draft", "gov-none"]) await makeGovernment(services, code);
    governmentLate = await publishedOn(services, teams[0], "2021-03-01T02:00:00Z");
    departmentLate = await publishedOn(services, teams[1], "2021-03-01T02:00:00Z");
    governmentDraft = await createValidDraft(services, teams[2], 2020);
    departmentDraft = await createValidDraft(services, teams[3], 2020);
  });

  afterAll(() => api.close());

  const run = (now: string) => statistics(api.services.db, office.AUDITOR, 2020, office.AUDITOR.agencyId, new Date(now));

  it("calls a department's report published on 1 March late, and a government's on time", async () => {
    const result = await run("2021-06-01T00:00:00Z");
    expect(result.publishedLate.map(r => r.id)).toEqual([departmentLate.id]);
    expect(result.publishedLate.map(r => r.id)).not.toContain(governmentLate.id);
  });

  it("in February, calls only departments overdue or missing", async () => {
    const result = await run("2021-02-15T00:00:00Z");
    expect(result.overdue.map(r => r.id)).toEqual([departmentDraft.id]);
    expect(result.missing.map(a => a.code).sort()).toEqual(["dept-none", "office"]);
  });

  it("after 31 March, calls the government's unpublished report overdue too", async () => {
    const result = await run("2021-04-01T00:00:00Z");
    expect(result.overdue.map(r => r.id).sort((a, b) => a - b)).toEqual([governmentDraft.id, departmentDraft.id].sort((a, b) => a - b));
    expect(result.missing.map(a => a.code).sort()).toEqual(["dept-none", "gov-none", "office"]);
  });
});
