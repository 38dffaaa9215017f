import { useLazyQuery, useMutation } from "@apollo/client/react";
import { Alert, Button, Descriptions, Form, Input, Modal } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { graphql } from "../../gql";

const InboxImportPreview = graphql(`
  query InboxImportPreview($file: ReportFileInput!) {
    reportImportPreview(file: $file) {
      preview {
        agency
        year
        format
        cells { key value }
        missingCells
        uncertainCells
        sections { id body }
        warnings
        file { kind sha256 }
      }
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

/** Base64 of a file's bytes (the upload travels inside the GraphQL request; see the README). */
async function base64Of(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** 导入: read a published report (a file, or pasted text), show what was read and every warning, and only then write the draft. */
export function ImportDialog({ agencyCode, onClose }: { agencyCode: string; onClose: () => void }) {
  const [text, setText] = useState("");
  const [chosen, setChosen] = useState<File | null>(null);
  const [preview, { data, loading }] = useLazyQuery(InboxImportPreview, { fetchPolicy: "network-only" });
  const [importReport, imported] = useMutation(InboxImport, { refetchQueries: ["InboxReports"] });
  const [problem, setProblem] = useState<string | null>(null);
  const navigate = useNavigate();
  const answer = data?.reportImportPreview;
  const read = answer?.preview;
  const readable = Boolean(read) && answer?.userErrors.length === 0;
  const upload = async () => {
    const blob = chosen ?? new Blob([text], { type: "text/plain" });
    return { name: chosen?.name ?? "粘贴的文本.txt", contentBase64: await base64Of(blob) };
  };
  const write = async () => {
    const result = await importReport({ variables: { input: { file: await upload(), agencyCode } } });
    const payload = result.data?.reportImport;
    if (!payload?.report) return setProblem(payload?.userErrors.map(error => error.message).join("；") ?? "导入失败。");
    onClose();
    navigate(`/reports/${encodeURIComponent(payload.report.id)}`);
  };
  const choose = (file: File | undefined) => {
    setChosen(file ?? null);
    if (file) setText("");
  };
  const blank = read ? read.cells.filter(cell => cell.value === null).length + read.missingCells.length : 0;
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
        <Button key="preview" loading={loading} disabled={!chosen && !text.trim()} onClick={async () => preview({ variables: { file: await upload() } })}>
          预览
        </Button>,
        <Button key="import" type="primary" disabled={!readable} loading={imported.loading} onClick={write}>
          确定导入
        </Button>,
      ]}
    >
      <Form layout="vertical">
        <Form.Item label="报告文件（带文字的 PDF、DOCX、网页或文本）" htmlFor="import-file">
          <input id="import-file" type="file" accept=".pdf,.docx,.html,.htm,.txt,.md" onChange={event => choose(event.target.files?.[0])} />
        </Form.Item>
        <Form.Item label="报告文本" htmlFor="import-text">
          <Input.TextArea
            id="import-text"
            rows={6}
            value={text}
            onChange={event => {
              setChosen(null);
              setText(event.target.value);
            }}
          />
        </Form.Item>
      </Form>
      <div aria-live="polite">
        {problem && <Alert type="error" showIcon title={problem} />}
        {answer && !readable && <Alert type="error" showIcon title={answer.userErrors.map(error => error.message).join("；")} />}
        {read && readable && (
          <>
            <Descriptions size="small" column={2} bordered title="读到的内容（尚未写入）">
              <Descriptions.Item label="机关">{read.agency}</Descriptions.Item>
              <Descriptions.Item label="年度">{read.year ?? "未读到（导入时请填写）"}</Descriptions.Item>
              <Descriptions.Item label="格式">{read.format}</Descriptions.Item>
              <Descriptions.Item label="单元格">
                {read.cells.length}（空白 {blank}）
              </Descriptions.Item>
              <Descriptions.Item label="章节">{read.sections.map(section => `${section.id}：${section.body.length} 字`).join("；")}</Descriptions.Item>
              <Descriptions.Item label="文件">
                {read.file.kind}，SHA-256 {read.file.sha256.slice(0, 16)}…
              </Descriptions.Item>
              {read.uncertainCells.length > 0 && <Descriptions.Item label="需核对的单元格">{read.uncertainCells.join("、")}</Descriptions.Item>}
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
