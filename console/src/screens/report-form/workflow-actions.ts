import { graphql } from "../../gql";
import type { WorkflowAction } from "../../gql/graphql";

// Every step mutation is aliased `step`, so one typed result serves all seven.
const Submit = graphql(`
  mutation ReviewSubmit($input: ReportWorkflowInput!) {
    step: reportSubmit(input: $input) { report { id ...ReportPage_Report } userErrors { code field message } }
  }
`);
const Withdraw = graphql(`
  mutation ReviewWithdraw($input: ReportWorkflowInput!) {
    step: reportWithdraw(input: $input) { report { id ...ReportPage_Report } userErrors { code field message } }
  }
`);
const ClearSecrecy = graphql(`
  mutation ReviewClearSecrecy($input: ReportWorkflowInput!) {
    step: reportClearSecrecy(input: $input) { report { id ...ReportPage_Report } userErrors { code field message } }
  }
`);
const SignOff = graphql(`
  mutation ReviewSignOff($input: ReportWorkflowInput!) {
    step: reportSignOff(input: $input) { report { id ...ReportPage_Report } userErrors { code field message } }
  }
`);
const Reject = graphql(`
  mutation ReviewReject($input: ReportWorkflowInput!) {
    step: reportReject(input: $input) { report { id ...ReportPage_Report } userErrors { code field message } }
  }
`);
const Publish = graphql(`
  mutation ReviewPublish($input: ReportWorkflowInput!) {
    step: reportPublish(input: $input) { report { id ...ReportPage_Report } userErrors { code field message } }
  }
`);
const Correct = graphql(`
  mutation ReviewCorrect($input: ReportWorkflowInput!) {
    step: reportCorrect(input: $input) { report { id ...ReportPage_Report } userErrors { code field message } }
  }
`);

const Unschedule = graphql(`
  mutation ReviewUnschedulePublish($input: ReportWorkflowInput!) {
    step: reportUnschedulePublish(input: $input) { report { id ...ReportPage_Report } userErrors { code field message } }
  }
`);

/** 定时发布: the one action that needs more than a confirmation — a time (ScheduleDialog). */
export const ReportFormSchedulePublish = graphql(`
  mutation ReportFormSchedulePublish($input: ReportSchedulePublishInput!) {
    reportSchedulePublish(input: $input) { report { id ...ReportPage_Report } userErrors { code field message } }
  }
`);

/**
 * The actions taken with one confirmation. Not here: scheduling (SCHEDULE_PUBLISH) asks for a time in its own
 * dialog (ScheduleDialog); recording a past publication (RECORD_PUBLISHED) needs its date and URL, and is done
 * on import (导入).
 */
export type StepAction = Exclude<WorkflowAction, "SCHEDULE_PUBLISH" | "RECORD_PUBLISHED">;

export function isStepAction(action: WorkflowAction): action is StepAction {
  return action !== "SCHEDULE_PUBLISH" && action !== "RECORD_PUBLISHED";
}

/** The mutation of each step action the machine knows (the names and rules come from workflowDefinition). */
export const STEP_MUTATIONS: Record<StepAction, typeof Submit> = {
  SUBMIT: Submit,
  WITHDRAW: Withdraw,
  CLEAR_SECRECY: ClearSecrecy,
  SIGN_OFF: SignOff,
  REJECT: Reject,
  PUBLISH: Publish,
  CORRECT: Correct,
  UNSCHEDULE_PUBLISH: Unschedule,
};
