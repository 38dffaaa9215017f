import type { FragmentType } from "@apollo/client";
import { useApolloClient, useFragment, useMutation } from "@apollo/client/react";
import { Alert, App, Button, Form, Input, Modal, Space, Typography } from "antd";
import { useState } from "react";
import { chineseMessages } from "../../components/user-errors";
import { graphql } from "../../gql";
import type { ActionBar_ReportFragment } from "../../gql/graphql";
import { ReportPageQuery } from "./queries";
import { ScheduleDialog } from "./ScheduleDialog";
import type { WorkflowDefinitionData } from "./types";
import { STEP_MUTATIONS, isStepAction } from "./workflow-actions";
import type { StepAction } from "./workflow-actions";

/** The actions this bar offers: every step, and 定时发布 with its own dialog (RECORD_PUBLISHED is taken on import). */
type BarAction = StepAction | "SCHEDULE_PUBLISH";

export const ActionBarReport = graphql(`
  fragment ActionBar_Report on Report {
    id
    title
    workflow {
      version
      availableActions { action allowed reasonRequired reasons { code message } }
    }
    revisions { id contentHash }
  }
`);

interface Props {
  report: FragmentType<ActionBar_ReportFragment>;
  definition: WorkflowDefinitionData;
  /** Called before a step so unsaved edits go first. */
  beforeStep?: () => void;
}

/**
 * One button per action the machine knows, labelled with its Chinese name.
 * Allowed or not, and why not, comes from the API; a refused action is shown
 * disabled with its reasons as visible text.
 */
export function ActionBar({ report: ref, definition, beforeStep }: Props) {
  const [open, setOpen] = useState<BarAction | null>(null);
  const { data: report, complete } = useFragment({ fragment: ActionBarReport, from: ref });
  if (!complete) return null;
  return (
    <section aria-label="审批操作" className="gk-actions">
      <Space wrap align="start">
        {definition.actions.map(def => {
          const action = def.action;
          if (!isStepAction(action) && action !== "SCHEDULE_PUBLISH") return null;
          const available = report.workflow.availableActions.find(item => item.action === def.action);
          const allowed = available?.allowed ?? false;
          const reasonsId = `reasons-${def.action}`;
          return (
            <div key={def.action} className="gk-action">
              <Button
                type={allowed ? "primary" : "default"}
                disabled={!allowed}
                aria-describedby={allowed ? undefined : reasonsId}
                onClick={() => {
                  beforeStep?.();
                  setOpen(action);
                }}
              >
                {def.label}
              </Button>
              {!allowed && available && (
                <ul id={reasonsId} className="gk-reasons">
                  {available.reasons.map(reason => (
                    <li key={reason.code}>{reason.message}</li>
                  ))}
                </ul>
              )}
            </div>
          );
        })}
      </Space>
      {open === "SCHEDULE_PUBLISH" && (
        <ScheduleDialog label={definition.actions.find(def => def.action === open)!.label} report={report} onClose={() => setOpen(null)} />
      )}
      {open && open !== "SCHEDULE_PUBLISH" && (
        <StepDialog
          action={open}
          label={definition.actions.find(def => def.action === open)!.label}
          reasonRequired={report.workflow.availableActions.find(item => item.action === open)?.reasonRequired ?? false}
          report={report}
          onClose={() => setOpen(null)}
        />
      )}
    </section>
  );
}

interface DialogProps {
  action: StepAction;
  label: string;
  reasonRequired: boolean;
  report: ActionBar_ReportFragment;
  onClose: () => void;
}

/**
 * The confirmation of one step, with 原因 where the machine asks for one, confirmed with 确定. Refusals are said in
 * Chinese; a CONFLICT (someone else changed the report since this page read it) reloads the report, so the dialog
 * shows the version now current and the next 确定 is taken on it, rather than refused again and again.
 *
 * Note: the live version, not the one at opening: the edits flushed as the dialog opens (beforeStep) move the
 * version on, and the step must follow the user's own save.
 */
function StepDialog({ action, label, reasonRequired, report, onClose }: DialogProps) {
  const [form] = Form.useForm<{ reason?: string }>();
  const [run, { loading }] = useMutation(STEP_MUTATIONS[action]);
  const [problem, setProblem] = useState<string | null>(null);
  const client = useApolloClient();
  const { message } = App.useApp();
  const latest = report.revisions[report.revisions.length - 1];
  const confirm = async () => {
    const { reason } = reasonRequired ? await form.validateFields() : { reason: undefined };
    try {
      const result = await run({ variables: { input: { reportId: report.id, expectedVersion: report.workflow.version, reason: reason?.trim() || null } } });
      const payload = result.data?.step;
      if (payload?.userErrors.length) {
        setProblem(chineseMessages(payload.userErrors));
        if (payload.userErrors.some(error => error.code === "CONFLICT")) await client.refetchQueries({ include: [ReportPageQuery] });
        return;
      }
      message.success(`${label}：已完成`);
      onClose();
    } catch {
      setProblem("操作失败：无法连接服务器，请稍后再试。");
    }
  };
  return (
    <Modal open title={label} okText="确定" cancelText="取消" onOk={confirm} onCancel={onClose} confirmLoading={loading} destroyOnHidden>
      <Typography.Paragraph>
        {report.title}（版本 {report.workflow.version}）
      </Typography.Paragraph>
      {action === "SIGN_OFF" && latest && (
        <Typography.Paragraph>
          签发内容的哈希（SHA-256）：<code className="gk-hash">{latest.contentHash}</code>
        </Typography.Paragraph>
      )}
      <div aria-live="polite">{problem && <Alert type="error" showIcon title={problem} />}</div>
      {reasonRequired && (
        <Form form={form} layout="vertical">
          <Form.Item label="原因" name="reason" rules={[{ required: true, whitespace: true, message: "请填写原因" }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
