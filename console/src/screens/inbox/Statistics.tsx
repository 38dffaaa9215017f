import { useQuery } from "@apollo/client/react";
import { InputNumber, Space, Spin, Table, Typography } from "antd";
import { useState } from "react";
import { graphql } from "../../gql";

const InboxStatistics = graphql(`
  query InboxStatistics($agencyId: ID!, $year: Int!) {
    workflowDefinition { states { state label } }
    statistics(agencyId: $agencyId, year: $year) {
      year
      dueDate
      summedReports
      byState { state count }
      missing { id name }
      overdue { id title agency { id name } }
      tables { id title columns { id label } rows { id label values } }
    }
  }
`);

/** A supervising office's view of one year: counts by state (with a bar chart), overdue and missing agencies, the summed tables. */
export function Statistics({ agencyId, initialYear }: { agencyId: string; initialYear: number }) {
  const [year, setYear] = useState(initialYear);
  const { data, loading } = useQuery(InboxStatistics, { variables: { agencyId, year } });
  const stats = data?.statistics;
  const maximum = Math.max(1, ...(stats?.byState.map(item => item.count) ?? []));
  const label = (state: string) => data?.workflowDefinition.states.find(item => item.state === state)?.label ?? state;
  return (
    <section aria-labelledby="stats-title" className="gk-stats">
      <Typography.Title level={2} id="stats-title">
        统计
      </Typography.Title>
      <Space>
        <label htmlFor="stats-year">年度</label>
        <InputNumber id="stats-year" min={2019} max={2100} value={year} onChange={value => value && setYear(value)} />
      </Space>
      {loading && !stats ? (
        <Spin />
      ) : stats ? (
        <>
          <p>
            截止日期 {stats.dueDate}；已汇总 {stats.summedReports} 份已发布报告。
          </p>
          <svg
            role="img"
            aria-label={`${stats.year} 年度各状态报告数：${stats.byState.map(item => `${label(item.state)} ${item.count}`).join("，") || "无报告"}`}
            width="420"
            height={stats.byState.length * 28 + 8}
            className="gk-chart"
          >
            {stats.byState.map((item, index) => (
              <g key={item.state} transform={`translate(0 ${index * 28 + 4})`}>
                <text x="0" y="16" className="gk-chart-label">
                  {label(item.state)}
                </text>
                <rect x="90" y="2" height="18" width={(item.count / maximum) * 260} className="gk-chart-bar" />
                <text x={96 + (item.count / maximum) * 260} y="16">
                  {item.count}
                </text>
              </g>
            ))}
          </svg>
          <p>逾期：{stats.overdue.length ? stats.overdue.map(report => report.agency.name).join("、") : "无"}</p>
          <p>未提交：{stats.missing.length ? stats.missing.map(agency => agency.name).join("、") : "无"}</p>
          {stats.tables.map(table => (
            <Table
              key={table.id}
              size="small"
              title={() => `${table.title}（汇总）`}
              pagination={false}
              rowKey="id"
              dataSource={table.rows}
              columns={[
                { title: "项目", dataIndex: "label" },
                ...table.columns.map((column, index) => ({
                  title: column.label,
                  key: column.id,
                  render: (_: unknown, row: (typeof table.rows)[number]) => row.values[index] ?? "",
                })),
              ]}
            />
          ))}
        </>
      ) : null}
    </section>
  );
}
