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

/** The mutation of each action the machine knows (the names and rules come from workflowDefinition). */
export const STEP_MUTATIONS: Record<WorkflowAction, typeof Submit> = {
  SUBMIT: Submit,
  WITHDRAW: Withdraw,
  CLEAR_SECRECY: ClearSecrecy,
  SIGN_OFF: SignOff,
  REJECT: Reject,
  PUBLISH: Publish,
  CORRECT: Correct,
};
