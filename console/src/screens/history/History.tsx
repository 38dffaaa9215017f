import { useApolloClient, useLazyQuery, useQuery } from "@apollo/client/react";
import { Alert, Button, DatePicker, Form, Input, Select, Space, Table, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { graphql } from "../../gql";
import type { AuditEventFilter, HistoryEventsQuery } from "../../gql/graphql";
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
  query HistoryVerify($full: Boolean!) {
    auditVerify(full: $full) { ok checked headSeq headHash brokenAt problem }
  }
`);

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
  const [verify, verification] = useLazyQuery(HistoryVerify, { fetchPolicy: "network-only" });
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
      const page: { data?: HistoryEventsQuery } = await client.query({ query: HistoryEvents, variables: { filter, first: 200, after }, fetchPolicy: "network-only" });
      const events: HistoryEventsQuery["auditEvents"] | undefined = page.data?.auditEvents;
      events?.nodes.forEach(event => lines.push(JSON.stringify(event)));
      after = events?.pageInfo.hasNextPage ? events.pageInfo.endCursor ?? null : null;
    } while (after);
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([lines.join("\n") + "\n"], { type: "application/jsonl" }));
    link.download = "gongkai-audit.jsonl";
    link.click();
    URL.revokeObjectURL(link.href);
    setExporting(false);
  };
  const result = verification.data?.auditVerify;
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
        <Button onClick={() => verify({ variables: { full: true } })} loading={verification.loading}>
          验证审计链
        </Button>
        <Button onClick={exportJsonl} loading={exporting}>
          导出 JSONL
        </Button>
      </Space>
      <div aria-live="polite">
        {result && (
          <Alert
            type={result.ok ? "success" : "error"}
            showIcon
            title={result.ok ? `审计链完整：已核对 ${result.checked} 条，链头 #${result.headSeq} ${result.headHash.slice(0, 16)}…` : `审计链在第 ${result.brokenAt} 条断裂：${result.problem}`}
          />
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
        <Button onClick={() => fetchMore({ variables: { after: data.auditEvents.pageInfo.endCursor }, updateQuery: (previous, { fetchMoreResult }) => ({ ...fetchMoreResult, auditEvents: { ...fetchMoreResult.auditEvents, nodes: [...previous.auditEvents.nodes, ...fetchMoreResult.auditEvents.nodes] } }) })}>
          加载更多
        </Button>
      )}
      {filter.reportId && <Revisions reportId={String(filter.reportId)} />}
    </div>
  );
}
