import { useApolloClient, useQuery } from "@apollo/client/react";
import { Alert, Button, DatePicker, Form, Input, Select, Space, Table, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { graphql } from "../../gql";
import type { AuditEventFilter, HistoryEventsQuery, HistoryVerifyQuery } from "../../gql/graphql";
import { Revisions } from "./Revisions";

const HistoryEvents = graphql(`
  query HistoryEvents($filter: AuditEventFilter, $first: Int!, $after: String) {
    reports(first: 100) { nodes { id title } }
    auditEvents(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { endCursor hasNextPage }
      nodes { seq at actorKind actorName actorRoles action reportId agencyId diff hash prevHash requestId clientAddress }
    }
  }
`);

const HistoryVerify = graphql(`
  query HistoryVerify($full: Boolean!, $after: String) {
    auditVerify(full: $full, after: $after) { scope ok total checked complete cursor headSeq headHash brokenAt problem trusted }
  }
`);

type Verification = HistoryVerifyQuery["auditVerify"];

/** What a finished verification says, in words: the scope, how much was checked, and the head (GLOBAL only). */
function verificationText(result: Verification, checked: number): string {
  if (!result.ok) return `审计链在第 ${result.brokenAt} 条出现问题：${result.problem}`;
  const head = result.headSeq !== null && result.headHash ? `，链头 #${result.headSeq} ${result.headHash.slice(0, 16)}…` : "";
  const scope = result.scope === "GLOBAL" ? "整条审计链" : "本机关的审计记录";
  const trusted = result.trusted ? `（${result.trusted}）` : "";
  return `${scope}完整：已核对 ${checked} 条${head}${trusted}`;
}

type AuditEvent = HistoryEventsQuery["auditEvents"]["nodes"][number];

interface Filters {
  reportId?: string;
  action?: string;
  actorId?: string;
  period?: [Dayjs | null, Dayjs | null] | null;
}

/** 审计: the audit records with filters and their diffs, revision diffs, 验证审计链, export as JSONL. */
export function History() {
  const [filter, setFilter] = useState<AuditEventFilter>({});
  const { data, loading, fetchMore } = useQuery(HistoryEvents, { variables: { filter, first: 50 } });
  const [verification, setVerification] = useState<{ result: Verification; checked: number } | null>(null);
  const [verifying, setVerifying] = useState(false);
  // Note: one request checks a bounded number of records; follow the cursor until the check is complete or broken.
  const verify = async () => {
    setVerifying(true);
    let after: string | null = null;
    let checked = 0;
    for (let request = 0; request < 500; request++) {
      const response: { data?: HistoryVerifyQuery } = await client.query({
        query: HistoryVerify,
        variables: { full: true, after },
        fetchPolicy: "network-only",
      });
      const answer = response.data;
      if (!answer) break;
      checked += answer.auditVerify.checked;
      setVerification({ result: answer.auditVerify, checked });
      if (answer.auditVerify.complete || !answer.auditVerify.ok || !answer.auditVerify.cursor) break;
      after = answer.auditVerify.cursor;
    }
    setVerifying(false);
  };
  const client = useApolloClient();
  const [exporting, setExporting] = useState(false);
  const apply = ({ reportId, action, actorId, period }: Filters) =>
    setFilter({
      reportId: reportId || null,
      action: action?.trim() || null,
      actorId: actorId && /^\d+$/.test(actorId) ? Number(actorId) : null,
      from: period?.[0]?.startOf("day").toISOString() ?? null,
      to: period?.[1]?.endOf("day").toISOString() ?? null,
    });
  const exportJsonl = async () => {
    setExporting(true);
    const lines: string[] = [];
    let after: string | null = null;
    do {
      const page: { data?: HistoryEventsQuery } = await client.query({
        query: HistoryEvents,
        variables: { filter, first: 200, after },
        fetchPolicy: "network-only",
      });
      const events: HistoryEventsQuery["auditEvents"] | undefined = page.data?.auditEvents;
      events?.nodes.forEach(event => lines.push(JSON.stringify(event)));
      after = events?.pageInfo.hasNextPage ? (events.pageInfo.endCursor ?? null) : null;
    } while (after);
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([lines.join("\n") + "\n"], { type: "application/jsonl" }));
    link.download = "gongkai-audit.jsonl";
    link.click();
    URL.revokeObjectURL(link.href);
    setExporting(false);
  };
  return (
    <div>
      <Typography.Title level={1} className="gk-title">
        审计
      </Typography.Title>
      <Form<Filters> layout="inline" onFinish={apply} className="gk-filters">
        <Form.Item label="报告" name="reportId">
          <Select allowClear style={{ width: 320 }} options={data?.reports.nodes.map(report => ({ value: report.id, label: report.title })) ?? []} />
        </Form.Item>
        <Form.Item label="操作" name="action">
          <Input placeholder="例如 report.cells.set" />
        </Form.Item>
        <Form.Item label="人员编号" name="actorId">
          <Input inputMode="numeric" />
        </Form.Item>
        <Form.Item label="时间" name="period">
          <DatePicker.RangePicker />
        </Form.Item>
        <Button htmlType="submit" type="primary">
          筛选
        </Button>
      </Form>
      <Space className="gk-toolbar">
        <Button onClick={verify} loading={verifying}>
          验证审计链
        </Button>
        <Button onClick={exportJsonl} loading={exporting}>
          导出 JSONL
        </Button>
      </Space>
      <div aria-live="polite">
        {verification && !verifying && (
          <Alert type={verification.result.ok ? "success" : "error"} showIcon title={verificationText(verification.result, verification.checked)} />
        )}
      </div>
      <Table<AuditEvent>
        rowKey="seq"
        loading={loading}
        dataSource={data?.auditEvents.nodes ?? []}
        pagination={false}
        expandable={{ expandedRowRender: event => <pre className="gk-diff">{JSON.stringify(JSON.parse(event.diff), null, 2)}</pre> }}
        columns={[
          { title: "序号", dataIndex: "seq" },
          { title: "时间", dataIndex: "at" },
          { title: "人员", key: "actor", render: (_, event) => `${event.actorName}${event.actorRoles ? `（${event.actorRoles}）` : ""}` },
          { title: "操作", dataIndex: "action" },
          { title: "哈希", key: "hash", render: (_, event) => <code>{event.hash.slice(0, 12)}…</code> },
        ]}
      />
      {data?.auditEvents.pageInfo.hasNextPage && (
        <Button
          onClick={() =>
            fetchMore({
              variables: { after: data.auditEvents.pageInfo.endCursor },
              updateQuery: (previous, { fetchMoreResult }) => ({
                ...fetchMoreResult,
                auditEvents: { ...fetchMoreResult.auditEvents, nodes: [...previous.auditEvents.nodes, ...fetchMoreResult.auditEvents.nodes] },
              }),
            })
          }
        >
          加载更多
        </Button>
      )}
      {filter.reportId && <Revisions reportId={String(filter.reportId)} />}
    </div>
  );
}
