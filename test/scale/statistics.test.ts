import { ReportEntity } from "../../src/entities";
import { toGlobalId } from "../../src/schema/node-id";
import { CLI_ACTOR } from "../../src/services";
import type { Services } from "../../src/services";
import { statistics } from "../../src/services/statistics.service";
import { openTestApi } from "../support/test-services";
import type { TestApi } from "../support/test-services";
import { HAPPY_PATH, createTeam, createValidDraft, walk } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";

async function publishWithApplications(services: Services, team: Team, count: number): Promise<ReportEntity> {
  const draft = await createValidDraft(services, team, 2020);
  const keys = ["apply.new", "apply.result.open", "apply.result.total"].flatMap(row => [`apply/${row}/col.natural`, `apply/${row}/col.total`]);
  await services.reports.setCells(team.DRAFTER, { reportId: draft.id, cells: keys.map(key => ({ key, value: String(count) })) });
  return walk(services, team, draft.id, HAPPY_PATH);
}

describe("statistics for a supervising office", () => {
  let api: TestApi;
  let province: Team;
  let late: ReportEntity;
  let overdue: ReportEntity;

  beforeAll(async () => {
    api = await openTestApi();
    const services = api.services;
    province = await createTeam(services, "province");
    const [a, b, c] = [await createTeam(services, "a", "province"), await createTeam(services, "b", "province"), await createTeam(services, "c", "province")];
    await createTeam(services, "d", "province");
    await createTeam(services, "outside");
    const onTime = await publishWithApplications(services, a, 2);
    late = await publishWithApplications(services, b, 3);
    // The walk publishes today; date the publications as an office would have.
    await services.db.read(m => m.update(ReportEntity, { id: onTime.id }, { publishedAt: new Date("2021-01-20T02:00:00Z") }));
    await services.db.read(m => m.update(ReportEntity, { id: late.id }, { publishedAt: new Date("2021-03-01T02:00:00Z") }));
    overdue = await createValidDraft(services, c, 2020);
  });

  afterAll(() => api.close());

  it("sums the application table over every agency under the office, in SQL", async () => {
    const result = await statistics(api.services.db, province.AUDITOR, 2020, province.AUDITOR.agencyId, new Date("2021-06-01T00:00:00Z"));
    expect(result.sums["apply/apply.new/col.natural"]).toBe("5");
    expect(result.sums["apply/apply.result.total/col.total"]).toBe("5");
    expect(result.summedReports).toBe(2);
    expect(result.byState).toEqual(
      expect.arrayContaining([
        { state: "published", count: 2 },
        { state: "draft", count: 1 },
      ]),
    );
  });

  it("lists who is overdue, who published late, and who has no report at all", async () => {
    const result = await statistics(api.services.db, province.AUDITOR, 2020, province.AUDITOR.agencyId, new Date("2021-06-01T00:00:00Z"));
    expect(result.overdue.map(r => r.id)).toEqual([overdue.id]);
    expect(result.publishedLate.map(r => r.id)).toEqual([late.id]);
    expect(result.missing.map(a => a.code).sort()).toEqual(["d", "province"]);
  });

  it("calls nobody overdue before the deadline", async () => {
    const result = await statistics(api.services.db, province.AUDITOR, 2020, province.AUDITOR.agencyId, new Date("2021-01-15T00:00:00Z"));
    expect(result.overdue).toEqual([]);
    expect(result.missing).toEqual([]);
  });

  it("answers over GraphQL with the summed tables, and refuses those who do not audit the office", async () => {
    const query = `query($id: ID!) { statistics(year: 2020, agencyId: $id) { summedReports tables { id rows { id values } } byState { state count } } }`;
    const id = toGlobalId("Agency", province.AUDITOR.agencyId);
    const { data } = await api.run(query, { id }, province.AUDITOR);
    const apply = data.statistics.tables.find((t: { id: string }) => t.id === "apply");
    expect(apply.rows.find((r: { id: string }) => r.id === "apply.new").values[0]).toBe("5");
    expect(data.statistics.tables.map((t: { id: string }) => t.id)).toEqual(["apply", "review"]);
    const outsider = await createTeam(api.services, "nosy");
    expect((await api.run(query, { id }, outsider.AUDITOR)).errors?.[0].extensions.code).toBe("NOT_FOUND");
    expect((await api.run(query, { id }, province.DRAFTER)).errors?.[0].extensions.code).toBe("FORBIDDEN");
    expect((await api.run(query, { id }, CLI_ACTOR)).data.statistics.summedReports).toBe(2);
  });
});
