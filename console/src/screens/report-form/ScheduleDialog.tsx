import { useApolloClient, useMutation } from "@apollo/client/react";
import { Alert, App, DatePicker, Form, Modal, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { beijingNow, beijingText, fromBeijingFields } from "../../components/beijing-time";
import { chineseMessages } from "../../components/user-errors";
import type { ActionBar_ReportFragment } from "../../gql/graphql";
import { ReportPageQuery } from "./queries";
import { ReportFormSchedulePublish } from "./workflow-actions";

interface Props {
  label: string;
  report: ActionBar_ReportFragment;
  onClose: () => void;
}

const FORMAT = "YYYY-MM-DD HH:mm:ss";

/**
 * 定时发布: the publisher picks a time on Beijing's clock (whatever the browser's zone), later than now; the API
 * decides the rest (reportSchedulePublish), and its refusals are shown in Chinese. A CONFLICT (the report changed
 * meanwhile) reloads the report so the next try carries the new version.
 *
 * The version sent is the one shown when the dialog opened, not the live one: a change someone else made while it
 * was open (a schedule of theirs, which this page sees whenever it reads the report again) must come back as CONFLICT
 * and be shown, not be replaced unseen. The version shown moves on only after a CONFLICT, to the report as reloaded.
 * (The report page has no live subscription of its own; StepDialog sends the live version, which its own flushed
 * edits move on.)
 */
export function ScheduleDialog({ label, report, onClose }: Props) {
  const [form] = Form.useForm<{ at: Dayjs | null }>();
  const [run, { loading }] = useMutation(ReportFormSchedulePublish);
  const [problem, setProblem] = useState<string | null>(null);
  const client = useApolloClient();
  const { message } = App.useApp();
  const [version, setVersion] = useState(report.workflow.version);
  const [adopt, setAdopt] = useState(false);
  useEffect(() => {
    if (adopt && report.workflow.version !== version) {
      setVersion(report.workflow.version);
      setAdopt(false);
    }
  }, [adopt, report.workflow.version, version]);
  const confirm = async () => {
    const { at } = await form.validateFields();
    if (!at) return;
    try {
      const result = await run({ variables: { input: { reportId: report.id, expectedVersion: version, at: fromBeijingFields(at) } } });
      const payload = result.data?.reportSchedulePublish;
      if (payload?.userErrors.length) {
        setProblem(chineseMessages(payload.userErrors));
        if (payload.userErrors.some(error => error.code === "CONFLICT")) {
          setAdopt(true);
          await client.refetchQueries({ include: [ReportPageQuery] });
        }
        return;
      }
      message.success(`${label}：${beijingText(new Date(fromBeijingFields(at)))}（北京时间）`);
      onClose();
    } catch {
      setProblem("操作失败：无法连接服务器，请稍后再试。");
    }
  };
  return (
    <Modal open title={label} okText="确定" cancelText="取消" onOk={confirm} onCancel={onClose} confirmLoading={loading} destroyOnHidden>
      <Typography.Paragraph>
        {report.title}（版本 {version}）将在所选时间由系统以您的名义发布，发布前可取消。
      </Typography.Paragraph>
      <div aria-live="polite">{problem && <Alert type="error" showIcon title={problem} />}</div>
      <Form form={form} layout="vertical">
        <Form.Item
          label="发布时间（北京时间）"
          name="at"
          extra="格式：年-月-日 时:分:秒，须晚于当前时间。"
          rules={[
            { required: true, message: "请选择发布时间" },
            {
              validator: async (_rule, value: Dayjs | null) => {
                if (value && !value.isAfter(beijingNow())) throw new Error("发布时间须晚于当前时间，请重新选择。");
              },
            },
          ]}
        >
          <DatePicker showTime format={FORMAT} needConfirm={false} style={{ width: "100%" }} disabledDate={day => day.isBefore(beijingNow(), "day")} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
