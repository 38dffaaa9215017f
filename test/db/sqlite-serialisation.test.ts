import { AgencyEntity } from "../../src/entities";
import { openTestServices } from "../support/test-services";

const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe("overlapping database work (SQLite: serialised; PostgreSQL: real transactions)", () => {
  it("keeps other requests' commits when an overlapping transaction fails and rolls back", async () => {
    const { db } = await openTestServices();
    const failing = db.transaction(async manager => {
      await manager.save(manager.create(AgencyEntity, { code: "rolled-back", name: "回滚局" }));
      await pause(50);
      throw new Error("boom");
    });
    const committed = db.transaction(async manager => {
      await manager.save(manager.create(AgencyEntity, { code: "committed", name: "提交局" }));
    });
    const plainWrite = db.read(manager => manager.save(manager.create(AgencyEntity, { code: "plain", name: "直写局" })));

    const outcomes = await Promise.allSettled([failing, committed, plainWrite]);

    expect(outcomes.map(outcome => outcome.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
    const codes = (await db.read(manager => manager.find(AgencyEntity))).map(agency => agency.code).sort();
    expect(codes).toEqual(["committed", "plain"]);
    await db.close();
  });

  it("serialises through the service layer too: a bad batch beside good ones loses nothing", async () => {
    const services = await openTestServices();
    const agency = await services.agencies.create({ kind: "cli", name: "t" }, { code: "race", name: "竞争局" });
    const reports = await Promise.all([2019, 2020, 2021].map(year => services.reports.create({ kind: "cli", name: "t" }, { agencyId: agency.id, year })));
    const writes = reports.map((report, index) =>
      services.reports.setCells(
        { kind: "cli", name: "t" },
        {
          reportId: report.id,
          cells: [{ key: "apply/apply.new/col.natural", value: index === 1 ? "bad" : String(index + 1) }],
        },
      ),
    );
    const outcomes = await Promise.allSettled(writes);
    expect(outcomes.map(outcome => outcome.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const versions = await Promise.all(reports.map(report => services.reports.findById(report.id)));
    expect(versions.map(report => report?.version)).toEqual([2, 1, 2]);
    await services.db.close();
  });
});
