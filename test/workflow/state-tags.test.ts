import { APPROVAL_STATES, EDITABLE_STATES, PUBLIC_STATES, restoreWorkflow, startWorkflow } from "../../src/workflow";

/** A persisted snapshot of the machine standing in `state` (the context is irrelevant to tags). */
function restoredIn(state: string) {
  const persisted = startWorkflow();
  return restoreWorkflow({ ...persisted, snapshot: { ...persisted.snapshot, value: state } });
}

describe("state tags", () => {
  it("only a draft is editable and only a published report is public", () => {
    expect(EDITABLE_STATES).toEqual(["draft"]);
    expect(PUBLIC_STATES).toEqual(["published"]);
  });

  it.each(APPROVAL_STATES)("agrees with snapshot.hasTag in %s", state => {
    const snapshot = restoredIn(state);
    expect(snapshot.hasTag("editable")).toBe(EDITABLE_STATES.includes(state));
    expect(snapshot.hasTag("public")).toBe(PUBLIC_STATES.includes(state));
  });
});
