import { getShortestPaths, getSimplePaths } from "xstate/graph";
import { toGlobalId } from "../../src/schema/node-id";
import { approvalMachine } from "../../src/workflow";
import type { ApprovalSnapshot, Role, WorkflowEvent, WorkflowEventType } from "../../src/workflow";
import { openTestApi } from "../support/test-services";
import { createTeam, createValidDraft, reportState } from "../support/workflow-fixture";

/** Who takes each machine event in the GraphQL replay, and through which mutation. */
const ACTORS: Record<string, Role> = {
  drafter: "DRAFTER",
  reviewer: "SECRECY_REVIEWER",
  leader: "LEADER",
  publisher: "PUBLISHER",
};
const MUTATION: Record<WorkflowEventType, string> = {
  SUBMIT: "reportSubmit",
  WITHDRAW: "reportWithdraw",
  CLEAR_SECRECY: "reportClearSecrecy",
  SIGN_OFF: "reportSignOff",
  REJECT: "reportReject",
  PUBLISH: "reportPublish",
  CORRECT: "reportCorrect",
  SCHEDULE_PUBLISH: "reportSchedulePublish",
  UNSCHEDULE_PUBLISH: "reportUnschedulePublish",
  RECORD_PUBLISHED: "reportRecordPublished",
};
const STATE_ENUM: Record<string, string> = {
  draft: "DRAFT",
  secrecyReview: "SECRECY_REVIEW",
  leadershipSignOff: "LEADERSHIP_SIGN_OFF",
  approved: "APPROVED",
  published: "PUBLISHED",
};

/** Sample events for the traversal: a valid report whose content never changes, so its hash is constant. */
function sample(type: WorkflowEventType, userId: keyof typeof ACTORS, reason?: string): WorkflowEvent {
  return {
    type,
    actor: { userId, roles: [ACTORS[userId]] },
    facts: { errorCount: 0, emptySections: [], editorIds: ["drafter"], submitterIds: [], secrecyReviewerIds: [], contentHash: "h" },
    reason,
    at: "2021-01-10T00:00:00.000Z",
    ...(type === "RECORD_PUBLISHED" ? { publication: { at: "2021-01-05T00:00:00.000Z", source: { url: "https://example.gov.cn/r.html" } } } : {}),
  };
}

const EVENTS = [
  sample("SUBMIT", "drafter"),
  sample("WITHDRAW", "drafter"),
  sample("CLEAR_SECRECY", "reviewer"),
  sample("SIGN_OFF", "leader"),
  sample("REJECT", "reviewer", "需修改"),
  sample("REJECT", "leader", "需修改"),
  sample("PUBLISH", "publisher"),
  sample("CORRECT", "drafter", "更正数字"),
  sample("RECORD_PUBLISHED", "publisher"),
];
const oneCorrection = (snapshot: ApprovalSnapshot, event: WorkflowEvent) => event.type !== "CORRECT" || snapshot.context.revision < 2;

const shortest = getShortestPaths(approvalMachine, { events: EVENTS, filterEvents: oneCorrection, input: {} });
const simple = getSimplePaths(approvalMachine, { events: EVENTS, filterEvents: oneCorrection, input: {} });
const PATHS = [...shortest.map(p => ["shortest", p] as const), ...simple.map(p => ["simple", p] as const)].map(([kind, path]) => {
  const steps = path.steps.map(step => step.event).filter(event => (event.type as string) !== "xstate.init");
  return [`${kind}: ${steps.map(s => s.type).join(" → ") || "(start)"} ⇒ ${String(path.state.value)}`, steps, String(path.state.value)] as const;
});

describe("every path of the approval machine, walked through the GraphQL API", () => {
  it("has paths to walk", () => {
    expect(shortest.length).toBeGreaterThan(5);
    expect(simple.length).toBeGreaterThanOrEqual(shortest.length);
  });

  it.each(PATHS)("%s", async (_name, steps, endState) => {
    const api = await openTestApi();
    try {
      const team = await createTeam(api.services, "walk");
      const report = await createValidDraft(api.services, team);
      const reportId = toGlobalId("Report", report.id);
      for (const event of steps) {
        const { version } = await reportState(api.services, report.id);
        const user = team[ACTORS[event.actor.userId]];
        const mutation = MUTATION[event.type];
        const recorded = event.type === "RECORD_PUBLISHED";
        const result = await api.run(
          `mutation($input: ${recorded ? "ReportRecordPublishedInput" : "ReportWorkflowInput"}!) { ${mutation}(input: $input) { report { workflow { state } } userErrors { code message } } }`,
          {
            input: {
              reportId,
              expectedVersion: version,
              ...(recorded ? { publishedAt: "2022-01-05", sourceUrl: "https://example.gov.cn/r.html" } : { reason: event.reason }),
            },
          },
          user,
        );
        expect(result.data[mutation].userErrors).toEqual([]);
      }
      const { data } = await api.run(`query($id: ID!) { report(id: $id) { state workflowHistory { action } } }`, { id: reportId }, team.AUDITOR);
      expect(data.report.state).toBe(STATE_ENUM[endState]);
      expect(data.report.workflowHistory.map((h: { action: string }) => h.action)).toEqual(steps.map(s => s.type));
    } finally {
      await api.close();
    }
  });
});
