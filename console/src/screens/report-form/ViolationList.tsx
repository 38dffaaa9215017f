import type { FragmentType } from "@apollo/client";
import { useFragment } from "@apollo/client/react";
import { Button, Tag, Typography } from "antd";
import { graphql } from "../../gql";
import type { ViolationList_ReportFragment } from "../../gql/graphql";
import type { SaveStatus } from "./useAutosave";

export const ViolationListReport = graphql(`
  fragment ViolationList_Report on Report {
    id
    validation {
      errorCount
      warningCount
      violations { ruleId severity message cells { key label year } suggestion { key value } }
    }
  }
`);

interface Props {
  report: FragmentType<ViolationList_ReportFragment>;
  editable: boolean;
  status: SaveStatus;
  problems: string[];
  onAccept: (key: string, value: string | null) => void;
}

const STATUS_TEXT: Record<SaveStatus, string> = { saved: "已保存", saving: "保存中", unsaved: "未保存", conflict: "有冲突，未保存" };

/** The failing rules in the API's words; each names its cells, which a click jumps to; implied sums are offered. */
export function ViolationList({ report: ref, editable, status, problems, onAccept }: Props) {
  const { data: report, complete } = useFragment({ fragment: ViolationListReport, from: ref });
  if (!complete) return null;
  const { validation } = report;
  return (
    <aside className="gk-side" aria-label="校验结果">
      {editable && (
        <p className="gk-save" role="status" aria-live="polite">
          {STATUS_TEXT[status]}
        </p>
      )}
      {problems.length > 0 && (
        <div role="alert" className="gk-problems">
          {problems.map(problem => (
            <p key={problem}>{problem}</p>
          ))}
        </div>
      )}
      <Typography.Title level={2} className="gk-side-title">
        校验：{validation.errorCount} 个错误，{validation.warningCount} 个提示
      </Typography.Title>
      {validation.violations.length === 0 && <p>全部规则通过。</p>}
      <ol className="gk-violations">
        {validation.violations.map((violation, index) => (
          <li key={`${violation.ruleId}-${index}`} className="gk-violation">
            <Tag color={violation.severity === "ERROR" ? "red" : "gold"}>{violation.severity === "ERROR" ? "错误" : "提示"}</Tag>
            <span>{violation.message}</span>
            <div className="gk-violation-cells">
              {violation.cells
                .filter(cell => !cell.year)
                .map(cell => (
                  <Button key={cell.key} size="small" type="link" onClick={() => jumpTo(cell.key)}>
                    转到：{cell.label}
                  </Button>
                ))}
              {editable && violation.suggestion && (
                <Button size="small" onClick={() => onAccept(violation.suggestion!.key, violation.suggestion!.value)}>
                  填入合计 {violation.suggestion.value}
                </Button>
              )}
            </div>
          </li>
        ))}
      </ol>
    </aside>
  );
}

function jumpTo(key: string): void {
  const input = document.querySelector<HTMLInputElement>(`[data-cell="${CSS.escape(key)}"]`);
  input?.scrollIntoView({ block: "center" });
  input?.focus();
}
