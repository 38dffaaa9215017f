import { useQuery } from "@apollo/client/react";
import { Badge, Button, Empty, Result, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { useViewer } from "../../app/viewer";
import { StateSteps } from "../../components/StateSteps";
import { graphql } from "../../gql";
import type { InboxReportsQuery } from "../../gql/graphql";
import { ImportDialog } from "./ImportDialog";
import { Statistics } from "./Statistics";
import { Loading } from "../../components/Loading";

const InboxReports = graphql(`
  query InboxReports {
    workflowDefinition {
      states { state label initial final }
      actions { action label }
    }
    reports(first: 100) {
      totalCount
      nodes {
        id
        title
        year
        state
        agency { id name }
        validation { valid errorCount warningCount }
        workflow { state dueDate overdue publishedLate availableActions { action allowed } }
      }
    }
  }
`);

type InboxReport = InboxReportsQuery["reports"]["nodes"][number];

/** 工作台: the reports this user may see, what waits for this user first, then newest year first. */
export function Inbox() {
  const viewer = useViewer();
  const { data, loading, error } = useQuery(InboxReports, { fetchPolicy: "cache-and-network" });
  const [importing, setImporting] = useState(false);
  if (loading && !data) return <Loading />;
  if (error || !data) return <Result status="error" title="无法加载工作台" subTitle="请刷新页面重试。" />;
  const label = (action: string) => data.workflowDefinition.actions.find(def => def.action === action)?.label ?? action;
  const canAct = (report: InboxReport) => report.workflow.availableActions.filter(item => item.allowed);
  const sorted = [...data.reports.nodes].sort((a, b) => Number(canAct(b).length > 0) - Number(canAct(a).length > 0) || b.year - a.year);
  return (
    <div className="gk-inbox">
      <Typography.Title level={1} className="gk-title">
        工作台
      </Typography.Title>
      <Typography.Paragraph>
        {viewer.agency.name} · 共 {data.reports.totalCount} 份报告；需要您处理的排在前面。
      </Typography.Paragraph>
      {viewer.roles.some(role => role === "DRAFTER" || role === "PUBLISHER" || role === "ADMIN") && (
        <Button className="gk-toolbar" onClick={() => setImporting(true)}>
          导入
        </Button>
      )}
      {importing && (
        <ImportDialog
          agencyCode={viewer.agency.code}
          mayDraft={viewer.roles.includes("DRAFTER")}
          mayRecordPublished={viewer.roles.some(role => role === "PUBLISHER" || role === "ADMIN")}
          onClose={() => setImporting(false)}
        />
      )}
      <Table<InboxReport>
        rowKey="id"
        pagination={false}
        dataSource={sorted}
        locale={{ emptyText: <Empty description="暂无报告" /> }}
        columns={[
          {
            title: "报告",
            key: "title",
            render: (_, report) => (
              <Space direction="vertical" size={0}>
                <Link to={`/reports/${encodeURIComponent(report.id)}`}>{report.title}</Link>
                <span className="gk-muted">
                  {report.agency.name} · {report.year} 年度
                </span>
              </Space>
            ),
          },
          {
            title: "流程",
            key: "state",
            width: 420,
            render: (_, report) => <StateSteps definition={data.workflowDefinition} state={report.workflow.state} size="small" />,
          },
          {
            title: "截止日期",
            key: "due",
            render: (_, report) => (
              <Space>
                <span>{report.workflow.dueDate}</span>
                {report.workflow.overdue || report.workflow.publishedLate ? <Badge status="error" text="逾期" /> : <Badge status="success" text="按期" />}
              </Space>
            ),
          },
          {
            title: "校验",
            key: "validation",
            render: (_, report) => (
              <span>
                {report.validation.errorCount} 个错误 · {report.validation.warningCount} 个提示
              </span>
            ),
          },
          {
            title: "可执行操作",
            key: "actions",
            render: (_, report) =>
              canAct(report).length ? (
                canAct(report).map(item => (
                  <Tag key={item.action} color="blue">
                    {label(item.action)}
                  </Tag>
                ))
              ) : (
                <span className="gk-muted">无</span>
              ),
          },
        ]}
      />
      {viewer.roles.includes("AUDITOR") && (
        <Statistics
          agencyId={viewer.agency.id}
          initialYear={data.reports.nodes.length ? Math.max(...data.reports.nodes.map(report => report.year)) : new Date().getFullYear() - 1}
        />
      )}
    </div>
  );
}
