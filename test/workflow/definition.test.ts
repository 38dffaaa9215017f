import { workflowDefinition } from "../../src/workflow";

describe("workflowDefinition", () => {
  const definition = workflowDefinition();
  const event = (id: string) => definition.events.find(e => e.id === id);

  it("lists the states in process order with Chinese labels", () => {
    expect(definition.states.map(s => [s.id, s.label])).toEqual([
      ["draft", "草稿"],
      ["secrecyReview", "保密审查"],
      ["leadershipSignOff", "领导签发"],
      ["approved", "已批准"],
      ["published", "已发布"],
    ]);
  });

  it("marks draft as the initial state and no state as final", () => {
    expect(definition.states.filter(s => s.initial).map(s => s.id)).toEqual(["draft"]);
    expect(definition.states.some(s => s.final)).toBe(false);
  });

  it("describes each event with its source states, target, roles and reason rule", () => {
    expect(definition.events.map(e => [e.id, e.from, e.to, e.roles, e.reasonRequired])).toEqual([
      ["SUBMIT", ["draft"], "secrecyReview", ["DRAFTER"], false],
      ["WITHDRAW", ["secrecyReview"], "draft", [], false],
      ["CLEAR_SECRECY", ["secrecyReview"], "leadershipSignOff", ["SECRECY_REVIEWER"], false],
      ["SIGN_OFF", ["leadershipSignOff"], "approved", ["LEADER"], false],
      ["REJECT", ["secrecyReview", "leadershipSignOff"], "draft", ["SECRECY_REVIEWER", "LEADER"], true],
      ["PUBLISH", ["approved"], "published", ["PUBLISHER"], false],
      ["CORRECT", ["published"], "draft", ["DRAFTER"], true],
      ["SCHEDULE_PUBLISH", ["approved"], "approved", ["PUBLISHER"], false],
      ["UNSCHEDULE_PUBLISH", ["approved"], "approved", ["PUBLISHER"], false],
      ["RECORD_PUBLISHED", ["draft"], "published", ["PUBLISHER", "ADMIN"], false],
    ]);
  });

  it("gives REJECT different roles in each source state", () => {
    expect(event("REJECT")?.transitions).toEqual([
      { from: "secrecyReview", to: "draft", roles: ["SECRECY_REVIEWER"], submitterOnly: false },
      { from: "leadershipSignOff", to: "draft", roles: ["LEADER"], submitterOnly: false },
    ]);
  });

  it("marks WITHDRAW as for the submitter only", () => {
    expect(event("WITHDRAW")?.transitions[0].submitterOnly).toBe(true);
  });

  it("is plain JSON", () => {
    expect(JSON.parse(JSON.stringify(definition))).toEqual(definition);
  });
});
