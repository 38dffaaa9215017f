import { appendAudit } from "../../src/audit/append";
import { EventStream } from "../../src/live/event-stream";
import type { StreamRecord } from "../../src/live/event-stream";
import { CLI_ACTOR } from "../../src/services";
import { HAPPY_PATH, createTeam, createValidDraft, walk } from "../support/workflow-fixture";
import { nextWithin, openTwoInstances } from "./live-fixture";

jest.setTimeout(60_000);

describe("the event stream (the audit log as outbox)", () => {
  let instances: Awaited<ReturnType<typeof openTwoInstances>>;
  let stream: EventStream;

  beforeEach(async () => {
    instances = await openTwoInstances();
    stream = new EventStream(instances.a.db, { pollMs: 50 });
    await stream.start();
  });

  afterEach(async () => {
    await stream.stop();
    await instances.close();
  });

  it("announces records committed by ANOTHER instance, in seq order, within 1 s each", async () => {
    const subscription = stream.subscribe(null);
    const team = await createTeam(instances.b, "S1");
    const created: StreamRecord[] = [];
    for (let i = 0; i < 7; i++) created.push(await nextWithin(subscription, 1000)); // agency + 6 users
    expect(created.map(r => r.action)).toEqual(["agency.create", ...Array(6).fill("user.create")]);
    const report = await createValidDraft(instances.b, team);
    for (const action of ["report.create", "report.cells.set", "report.section.update", "report.section.update", "report.section.update"]) {
      expect((await nextWithin(subscription, 1000)).action).toBe(action);
    }
    for (const [event, role] of HAPPY_PATH) {
      await walk(instances.b, team, report.id, [[event, role]]);
      const record = await nextWithin(subscription, 1000);
      expect(record).toMatchObject({ action: `report.workflow.${event.toLowerCase()}`, reportId: report.id, actorName: team[role].name });
    }
    expect(subscription.size).toBe(0);
    await subscription.return();
    expect(stream.subscribers).toBe(0);
  });

  it("a subscriber reconnecting with its last seq receives exactly what it missed, then what follows", async () => {
    const team = await createTeam(instances.b, "S2");
    const report = await createValidDraft(instances.b, team);
    const lastSeen = await stream.lastSeq();
    await walk(instances.b, team, report.id, HAPPY_PATH.slice(0, 2));
    const resumed = stream.subscribe(lastSeen);
    const missed = [await nextWithin(resumed, 1000), await nextWithin(resumed, 1000)];
    expect(missed.map(r => [r.seq, r.action])).toEqual([
      [lastSeen + 1, "report.workflow.submit"],
      [lastSeen + 2, "report.workflow.clear_secrecy"],
    ]);
    await walk(instances.b, team, report.id, HAPPY_PATH.slice(2, 3));
    expect(await nextWithin(resumed, 1000)).toMatchObject({ seq: lastSeen + 3, action: "report.workflow.sign_off" });
    await resumed.return();
  });

  it("never announces a change that was rolled back", async () => {
    const subscription = stream.subscribe(null);
    await instances.b.db
      .transaction(async manager => {
        await appendAudit(manager, CLI_ACTOR, { action: "agency.create", agencyId: null, diff: { code: "RB" } });
        throw new Error("roll back");
      })
      .catch(() => undefined);
    await createTeam(instances.b, "S3");
    expect((await nextWithin(subscription, 1000)).diff).toMatchObject({ code: "S3" });
    await subscription.return();
  });
});
