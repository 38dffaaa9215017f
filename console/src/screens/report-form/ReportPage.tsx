import type { FragmentType } from "@apollo/client";
import { useFragment, useQuery } from "@apollo/client/react";
import { Alert, Result, Typography } from "antd";
import { useMemo } from "react";
import { useParams } from "react-router";
import { useViewer } from "../../app/viewer";
import { Loading } from "../../components/Loading";
import { StateSteps } from "../../components/StateSteps";
import { graphql } from "../../gql";
import type { ReportPage_ReportFragment } from "../../gql/graphql";
import { ActionBar } from "./ActionBar";
import { ConflictDialog } from "./ConflictDialog";
import { PublicationStatus } from "./PublicationStatus";
import { ReportBody } from "./ReportBody";
import { ReportPageQuery } from "./queries";
import type { WorkflowDefinitionData } from "./types";
import { useAutosave } from "./useAutosave";
import { ViolationList } from "./ViolationList";

/** The page's own fields, and its children's fragments (each child reads its own with useFragment). */
export const ReportPageReport = graphql(`
  fragment ReportPage_Report on Report {
    id
    version
    title
    year
    agency { id name }
    format { id name }
    workflow { state dueDate overdue }
    workflowHistory { action actor { id name } reason }
    validation { violations { message cells { key year } } }
    ...ActionBar_Report
    ...ReportBody_Report
    ...ViolationList_Report
    ...ConflictDialog_Report
    ...PublicationStatus_Report
  }
`);

/**
 * A report: the form where it may be edited (the drafter's draft), the review
 * desk elsewhere — the same form read-only with the changes since the previous
 * revision, and the workflow's buttons above it.
 */
export function ReportPage() {
  const { id = "" } = useParams();
  const { data, loading, error } = useQuery(ReportPageQuery, { variables: { id } });
  if (loading && !data) return <Loading />;
  if (error) return <Result status="error" title="无法加载报告" subTitle="请刷新页面重试；如仍失败，请联系管理员。" />;
  if (!data?.report) return <Result status="404" title="找不到这份报告" subTitle="它不存在，或您无权查看。" />;
  return <ReportView report={data.report} definition={data.workflowDefinition} />;
}

function ReportView({ report: ref, definition }: { report: FragmentType<ReportPage_ReportFragment>; definition: WorkflowDefinitionData }) {
  const { data: report, complete } = useFragment({ fragment: ReportPageReport, fragmentName: "ReportPage_Report", from: ref });
  if (!complete) return <Loading />;
  return <ReportScreen report={report} definition={definition} />;
}

/** The page itself; `report` also carries the children's fragment references, which each child reads with useFragment. */
function ReportScreen({ report, definition }: { report: ReportPage_ReportFragment; definition: WorkflowDefinitionData }) {
  const viewer = useViewer();
  const initial = definition.states.find(state => state.initial)?.state;
  // Note: content changes only in the machine's initial state, and only the disclosure office (DRAFTER) writes it.
  const editable = report.workflow.state === initial && viewer.roles.includes("DRAFTER") && viewer.agency.id === report.agency.id;
  const autosave = useAutosave(report.id, report.version);
  const lastStep = report.workflowHistory[report.workflowHistory.length - 1];
  const lastLabel = lastStep && definition.actions.find(action => action.action === lastStep.action)?.label;
  const messages = useMemo(() => {
    const byCell = new Map<string, string[]>();
    for (const violation of report.validation.violations) {
      for (const cell of violation.cells) {
        if (cell.year) continue;
        byCell.set(cell.key, [...(byCell.get(cell.key) ?? []), violation.message]);
      }
    }
    return byCell;
  }, [report.validation.violations]);
  return (
    <div className="gk-report">
      <Typography.Title level={1} className="gk-title">
        {report.title}
      </Typography.Title>
      <Typography.Paragraph>
        {report.agency.name} · {report.year} 年度 · {report.format.name} · 截止日期 {report.workflow.dueDate}
        {report.workflow.overdue ? "（逾期）" : ""}
      </Typography.Paragraph>
      <StateSteps definition={definition} state={report.workflow.state} />
      <PublicationStatus report={report} />
      {lastStep?.reason && (
        <Alert className="gk-notice" type="warning" showIcon title={`${lastLabel ?? lastStep.action}（${lastStep.actor?.name ?? "?"}）：${lastStep.reason}`} />
      )}
      <ActionBar report={report} definition={definition} beforeStep={autosave.flush} />
      <div className="gk-report-grid">
        <ReportBody key={autosave.generation} report={report} editable={editable} messages={messages} autosave={autosave} />
        <ViolationList report={report} editable={editable} onAccept={autosave.editCell} status={autosave.status} problems={autosave.problems} />
      </div>
      {autosave.conflict && <ConflictDialog report={report} conflict={autosave.conflict} onReload={autosave.reload} onReapply={autosave.reapply} />}
    </div>
  );
}
