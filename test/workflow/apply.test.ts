import { applyEvent, MACHINE_VERSION, restoreWorkflow, startWorkflow, WorkflowSnapshotError } from "../../src/workflow";
import { ev, HAPPY_PATH, persistedIn, replay, USERS } from "./fixtures";

describe("applyEvent", () => {
  it("starts a workflow as JSON in draft tagged with the machine version", () => {
    const persisted = startWorkflow();

    expect(persisted).toMatchObject({
      machineVersion: MACHINE_VERSION,
      snapshot: { value: "draft", status: "active", context: { revision: 1 } },
    });
  });

  it("starts an imported report at a given revision", () => {
    expect(startWorkflow({ revision: 3 }).snapshot.context.revision).toBe(3);
  });

  it("returns the next state, the persisted snapshot and no effects", () => {
    const result = applyEvent(startWorkflow(), ev("SUBMIT", USERS.drafter));

    expect(result).toEqual({
      ok: true,
      state: "secrecyReview",
      snapshot: expect.objectContaining({ machineVersion: MACHINE_VERSION }),
      actions: [],
    });
  });

  it("returns the refusal reasons instead of a snapshot", () => {
    const result = applyEvent(startWorkflow(), ev("PUBLISH", USERS.publisher));

    expect(result).toEqual({
      ok: false,
      reasons: [expect.objectContaining({ code: "WRONG_STATE" })],
    });
  });

  it("continues after a JSON round trip of every persisted snapshot", () => {
    let persisted: unknown = startWorkflow();
    for (const event of HAPPY_PATH) {
      const result = applyEvent(JSON.parse(JSON.stringify(persisted)), event);
      if (!result.ok) {
        throw new Error(result.reasons[0].message);
      }
      expect(JSON.parse(JSON.stringify(result.snapshot))).toEqual(result.snapshot);
      persisted = JSON.parse(JSON.stringify(result.snapshot));
    }

    expect(restoreWorkflow(persisted).value).toBe("published");
  });

  it("restores the same state and context that was persisted", () => {
    const persisted = persistedIn("approved");

    const snapshot = restoreWorkflow(JSON.parse(JSON.stringify(persisted)));

    expect(snapshot.value).toBe("approved");
    expect(snapshot.context).toEqual(persisted.snapshot.context);
  });

  it("does not change the snapshot it was given", () => {
    const persisted = persistedIn("secrecyReview");
    const before = JSON.stringify(persisted);

    applyEvent(persisted, ev("CLEAR_SECRECY", USERS.reviewer));

    expect(JSON.stringify(persisted)).toBe(before);
  });

  it("fails clearly on a snapshot from another machine version", () => {
    const persisted = { ...persistedIn("draft"), machineVersion: MACHINE_VERSION + 1 };

    const apply = () => applyEvent(persisted, ev("SUBMIT", USERS.drafter));

    expect(apply).toThrow(WorkflowSnapshotError);
    expect(apply).toThrow(new RegExp(`version ${MACHINE_VERSION + 1}.*this is version ${MACHINE_VERSION}.*migrate`));
  });

  it.each([
    ["null", null],
    ["a string", "draft"],
    ["no snapshot", { machineVersion: MACHINE_VERSION }],
    ["an unknown state", { machineVersion: MACHINE_VERSION, snapshot: { value: "x" } }],
    ["no context", { machineVersion: MACHINE_VERSION, snapshot: { value: "draft" } }],
  ])("fails clearly on %s", (_name, persisted) => {
    expect(() => restoreWorkflow(persisted)).toThrow(WorkflowSnapshotError);
  });

  it("keeps the public revision while a correction runs", () => {
    const correct = ev("CORRECT", USERS.drafter, { reason: "更正" });

    const corrected = replay([correct], persistedIn("published"));

    expect(corrected.snapshot.context).toMatchObject({ revision: 2, publishedRevision: 1 });
  });
});
