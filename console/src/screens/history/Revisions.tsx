import { useQuery } from "@apollo/client/react";
import { Form, Select, Table, Typography } from "antd";
import { useState } from "react";
import { graphql } from "../../gql";

const HistoryRevisions = graphql(`
  query HistoryRevisions($id: ID!) {
    report(id: $id) { id title revisions { id revision kind contentHash createdAt } }
  }
`);

const HistoryRevisionDiff = graphql(`
  query HistoryRevisionDiff($reportId: ID!, $from: ID!, $to: ID) {
    reportDiff(reportId: $reportId, from: $from, to: $to) {
      cells { key before after }
      sections { sectionId before after }
    }
  }
`);

/** The revisions of one report, and the differences between any two (or a revision and the current content). */
export function Revisions({ reportId }: { reportId: string }) {
  const { data } = useQuery(HistoryRevisions, { variables: { id: reportId } });
  const [from, setFrom] = useState<string | undefined>();
  const [to, setTo] = useState<string | undefined>();
  const diff = useQuery(HistoryRevisionDiff, { variables: { reportId, from: from ?? "", to: to ?? null }, skip: !from });
  const options =
    data?.report?.revisions.map(revision => ({
      value: revision.id,
      label: `第 ${revision.revision} 版 · ${revision.kind} · ${revision.createdAt.slice(0, 19)}`,
    })) ?? [];
  return (
    <section aria-labelledby="revisions-title">
      <Typography.Title level={2} id="revisions-title">
        修订对比
      </Typography.Title>
      <Form layout="inline">
        <Form.Item label="从" name="from">
          <Select style={{ width: 300 }} options={options} onChange={value => setFrom(value)} />
        </Form.Item>
        <Form.Item label="到" name="to">
          <Select style={{ width: 300 }} allowClear placeholder="当前内容" options={options} onChange={value => setTo(value)} />
        </Form.Item>
      </Form>
      {diff.data && (
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={[
            ...diff.data.reportDiff.cells.map(cell => ({ key: cell.key, before: cell.before ?? "（空）", after: cell.after ?? "（空）" })),
            ...diff.data.reportDiff.sections.map(section => ({ key: section.sectionId, before: section.before ?? "", after: section.after ?? "" })),
          ]}
          columns={[
            { title: "位置", dataIndex: "key" },
            { title: "修改前", dataIndex: "before" },
            { title: "修改后", dataIndex: "after" },
          ]}
        />
      )}
    </section>
  );
}
