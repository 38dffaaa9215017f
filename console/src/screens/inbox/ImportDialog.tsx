import { useLazyQuery, useMutation } from "@apollo/client/react";
import { Alert, Button, Descriptions, Form, Input, Modal } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { graphql } from "../../gql";

const InboxImportPreview = graphql(`
  query InboxImportPreview($input: ReportImportInput!) {
    reportImportPreview(input: $input) {
      agencyName
      year
      formatId
      cellCount
      blankCount
      channelCount
      sections { sectionId characters }
      warnings
      userErrors { code field message }
    }
  }
`);

const InboxImport = graphql(`
  mutation InboxImport($input: ReportImportInput!) {
    reportImport(input: $input) {
      report { id title }
      warnings
      userErrors { code field message }
    }
  }
`);

/** 导入: read a published report's text, show what was read and every warning, and only then write the draft. */
export function ImportDialog({ agencyCode, onClose }: { agencyCode: string; onClose: () => void }) {
  const [text, setText] = useState("");
  const [preview, { data, loading }] = useLazyQuery(InboxImportPreview, { fetchPolicy: "network-only" });
  const [importReport, imported] = useMutation(InboxImport, { refetchQueries: ["InboxReports"] });
  const [problem, setProblem] = useState<string | null>(null);
  const navigate = useNavigate();
  const read = data?.reportImportPreview;
  const readable = read && read.userErrors.length === 0;
  const input = { text, agencyCode };
  const write = async () => {
    const result = await importReport({ variables: { input } });
    const payload = result.data?.reportImport;
    if (!payload?.report) return setProblem(payload?.userErrors.map(error => error.message).join("；") ?? "导入失败。");
    onClose();
    navigate(`/reports/${encodeURIComponent(payload.report.id)}`);
  };
  const loadFile = async (file: File | undefined) => file && setText(await file.text());
  return (
    <Modal
      open
      width={720}
      title="导入已发布的报告"
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="preview" loading={loading} disabled={!text.trim()} onClick={() => preview({ variables: { input } })}>
          预览
        </Button>,
        <Button key="import" type="primary" disabled={!readable} loading={imported.loading} onClick={write}>
          确定导入
        </Button>,
      ]}
    >
      <Form layout="vertical">
        <Form.Item label="报告文件（文本、Markdown 或 HTML 导出）" htmlFor="import-file">
          <input id="import-file" type="file" accept=".txt,.md,.html,.htm,text/plain" onChange={event => loadFile(event.target.files?.[0])} />
        </Form.Item>
        <Form.Item label="报告文本" htmlFor="import-text">
          <Input.TextArea id="import-text" rows={6} value={text} onChange={event => setText(event.target.value)} />
        </Form.Item>
      </Form>
      <div aria-live="polite">
        {problem && <Alert type="error" showIcon title={problem} />}
        {read && !readable && <Alert type="error" showIcon title={read.userErrors.map(error => error.message).join("；")} />}
        {readable && (
          <>
            <Descriptions size="small" column={2} bordered title="读到的内容（尚未写入）">
              <Descriptions.Item label="机关">{read.agencyName}</Descriptions.Item>
              <Descriptions.Item label="年度">{read.year}</Descriptions.Item>
              <Descriptions.Item label="格式">{read.formatId}</Descriptions.Item>
              <Descriptions.Item label="单元格">
                {read.cellCount}（空白 {read.blankCount}）
              </Descriptions.Item>
              <Descriptions.Item label="章节">{read.sections.map(section => `${section.sectionId}：${section.characters} 字`).join("；")}</Descriptions.Item>
              <Descriptions.Item label="渠道图">{read.channelCount} 个渠道</Descriptions.Item>
            </Descriptions>
            {read.warnings.length > 0 && (
              <Alert
                type="warning"
                showIcon
                title={`${read.warnings.length} 条提示，请核对`}
                description={
                  <ul>
                    {read.warnings.map(warning => (
                      <li key={warning}>{warning}</li>
                    ))}
                  </ul>
                }
              />
            )}
          </>
        )}
      </div>
    </Modal>
  );
}
