import { useLazyQuery, useMutation } from "@apollo/client/react";
import { Alert, Button, DatePicker, Descriptions, Form, Input, Modal } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useNavigate } from "react-router";
import { beijingNow } from "../../components/beijing-time";
import { chineseMessages } from "../../components/user-errors";
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

/** An http(s) address, or nothing; anything else is not a page the public can open. */
function urlProblem(value: string): string | null {
  if (!value.trim()) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? null : "原文地址须以 http:// 或 https:// 开头。";
  } catch {
    return "原文地址不是有效的网址，请填写完整地址（如 https://www.example.gov.cn/…），或留空。";
  }
}

interface Props {
  agencyCode: string;
  /** PUBLISHER or ADMIN: may record an imported past report as published on its original date (登记已发布). */
  mayRecordPublished: boolean;
  /** DRAFTER: may import as a draft; without it, only a past report recorded as published may be imported. */
  mayDraft: boolean;
  onClose: () => void;
}

/**
 * 导入: read a published report (a file, or pasted text), show what was read and every warning, and only then write
 * the draft — or, given 原发布日期, record it as published on that date (reportImport's publishedAt and sourceUrl).
 */
export function ImportDialog({ agencyCode, mayRecordPublished, mayDraft, onClose }: Props) {
  const [text, setText] = useState("");
  const [publishedAt, setPublishedAt] = useState<Dayjs | null>(null);
  const [sourceUrl, setSourceUrl] = useState("");
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
    const publication = publishedAt ? { publishedAt: publishedAt.format("YYYY-MM-DD"), sourceUrl: sourceUrl.trim() || null } : {};
    const result = await importReport({ variables: { input: { file: await upload(), agencyCode, ...publication } } });
    const payload = result.data?.reportImport;
    if (!payload?.report) return setProblem(payload ? chineseMessages(payload.userErrors) : "导入失败。");
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
        <Button
          key="import"
          type="primary"
          disabled={!readable || Boolean(urlProblem(sourceUrl)) || (!mayDraft && !publishedAt)}
          loading={imported.loading}
          onClick={write}
        >
          {publishedAt ? "导入并登记已发布" : "确定导入"}
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
        {mayRecordPublished && (
          <PublicationFields required={!mayDraft} publishedAt={publishedAt} onDate={setPublishedAt} sourceUrl={sourceUrl} onUrl={setSourceUrl} />
        )}
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

interface PublicationProps {
  required: boolean;
  publishedAt: Dayjs | null;
  onDate: (value: Dayjs | null) => void;
  sourceUrl: string;
  onUrl: (value: string) => void;
}

/** 原发布日期 (a Beijing date, not in the future) and 原文地址: given a date, the import is recorded as published then. */
function PublicationFields({ required, publishedAt, onDate, sourceUrl, onUrl }: PublicationProps) {
  const invalid = urlProblem(sourceUrl);
  const help = invalid ?? (publishedAt ? "文件导入时文件名和 SHA-256 会一并登记；粘贴文本导入时须填写原文地址。" : null);
  return (
    <>
      <Form.Item
        label={required ? "原发布日期（登记已发布的往年报告）" : "原发布日期（已发布的往年报告填写，留空则导入为草稿）"}
        htmlFor="import-published-at"
        required={required}
      >
        <DatePicker
          id="import-published-at"
          aria-required={required}
          value={publishedAt}
          onChange={value => onDate(value ?? null)}
          format="YYYY-MM-DD"
          disabledDate={day => day.isAfter(beijingNow(), "day")}
        />
      </Form.Item>
      <Form.Item
        label="原文地址（发布原文的网页，可留空）"
        htmlFor="import-source-url"
        validateStatus={invalid ? "error" : undefined}
        help={help && <span id="import-source-url-help">{help}</span>}
      >
        <Input
          id="import-source-url"
          type="url"
          inputMode="url"
          value={sourceUrl}
          onChange={event => onUrl(event.target.value)}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={help ? "import-source-url-help" : undefined}
        />
      </Form.Item>
    </>
  );
}
