import { ReportEntity } from "../../src/entities";
import { FourEyesMachineVersion1764800000000 } from "../../src/migrations/1764800000000-four-eyes-machine-version";
import { snapshotsDown, snapshotsUp } from "../../src/migrations/1764920000000-scheduled-publication";
import type { Services } from "../../src/services";
import { MACHINE_VERSION, restoreWorkflow } from "../../src/workflow";
import { openTestServices } from "../support/test-services";
import { createTeam, createValidDraft, walk } from "../support/workflow-fixture";

describe("migrations 1764800000000 (version 2, four eyes) and 1764920000000 (version 3, scheduled publication)", () => {
  let services: Services;

  beforeAll(async () => {
    services = await openTestServices();
  });

  afterAll(() => services.db.close());

  const stored = async (id: number) => (await services.db.read(m => m.findOneByOrFail(ReportEntity, { id }))).workflowSnapshot!;

  it("re-tags stored version-1 snapshots as version 2, then version 3 with no schedule, and back", async () => {
    const team = await createTeam(services, "agency");
    const draft = await createValidDraft(services, team);
    await walk(services, team, draft.id, [["SUBMIT", "DRAFTER"]], undefined);
    const current = await stored(draft.id);
    expect(MACHINE_VERSION).toBe(3);
    const runner = services.db.dataSource.createQueryRunner();
    await snapshotsDown(runner);
    const v2 = await stored(draft.id);
    expect(v2.startsWith('{"machineVersion":2,')).toBe(true);
    const v1 = v2.replace('{"machineVersion":2,', '{"machineVersion":1,');
    await services.db.read(m => m.update(ReportEntity, { id: draft.id }, { workflowSnapshot: v1 }));
    expect(() => restoreWorkflow(JSON.parse(v1))).toThrow(/version 1/);

    try {
      await new FourEyesMachineVersion1764800000000().up(runner);
      expect(await stored(draft.id)).toBe(v2);
      await snapshotsUp(runner);
      expect(JSON.parse(await stored(draft.id))).toEqual(JSON.parse(current));
      expect(restoreWorkflow(JSON.parse(await stored(draft.id))).value).toBe("secrecyReview");
      await snapshotsDown(runner);
      await new FourEyesMachineVersion1764800000000().down(runner);
      expect(await stored(draft.id)).toBe(v1);
      await new FourEyesMachineVersion1764800000000().up(runner);
      await snapshotsUp(runner);
      expect(JSON.parse(await stored(draft.id))).toEqual(JSON.parse(current));
    } finally {
      await runner.release();
    }
  });
});
