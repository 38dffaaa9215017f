import { getShortestPaths, getSimplePaths, getAdjacencyMap } from "xstate/graph";
import { approvalMachine, type WorkflowEvent } from "../../src/workflow";
import { ev, USERS } from "./fixtures";
const SAMPLE_EVENTS: WorkflowEvent[] = [
  ev("SUBMIT", USERS.drafter),
  ev("SUBMIT", USERS.drafterReviewer),
  ev("SUBMIT", USERS.drafterLeader),
  ev("SUBMIT", USERS.drafter, { facts: { errorCount: 1 } }),
  ev("WITHDRAW", USERS.drafter),
  ev("CLEAR_SECRECY", USERS.reviewer),
  ev("CLEAR_SECRECY", USERS.drafterReviewer),
  ev("SIGN_OFF", USERS.leader),
  ev("SIGN_OFF", USERS.drafterLeader),
  ev("REJECT", USERS.reviewer, { reason: "涉密" }),
  ev("REJECT", USERS.leader, { reason: "复核" }),
  ev("REJECT", USERS.leader),
  ev("PUBLISH", USERS.publisher),
  ev("PUBLISH", USERS.publisher, { facts: { contentHash: "sha256:edited" } }),
  ev("CORRECT", USERS.drafter, { reason: "更正" }),
  ev("CORRECT", USERS.admin, { reason: "更正" }),
];
it("count", () => {
  const opts = { events: SAMPLE_EVENTS, input: {}, filterEvents: (s: any, e: WorkflowEvent) => e.type !== "CORRECT" || s.context.revision < 2 };
  const t0 = Date.now();
  const sp = getShortestPaths(approvalMachine, opts);
  console.log("shortest", sp.length, Date.now() - t0);
  const t1 = Date.now();
  const simple = getSimplePaths(approvalMachine, opts);
  console.log("simple", simple.length, Date.now() - t1);
});
