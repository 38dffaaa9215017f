import { useQuery } from "@apollo/client/react";
import { Button, Modal, Spin, Table, Typography } from "antd";
import { useState } from "react";
import { keyLabel } from "./FormTable";
import { ReportPageQuery } from "./queries";
import { cellValues } from "./types";
import type { PageReport } from "./types";
import type { ConflictState } from "./useAutosave";

interface Props {
  /** The report as this user last saw it (before the other person's save). */
  report: PageReport;
  conflict: ConflictState;
  onReload: () => void;
  onReapply: (version: number) => void;
}

const BLANK = "（空）";

/**
 * Someone saved first. Revisions are cut only at workflow steps, so what the
 * other person changed is the difference between the content this user was
 * editing and the content saved now, cell by cell and section by section,
 * shown beside this user's unsaved values; then reload theirs or re-apply mine.
 */
export function ConflictDialog({ report, conflict, onReload, onReapply }: Props) {
  // Note: captured once, when the conflict opens; the network-only read below then replaces the cached report.
  const [base] = useState(() => ({ cells: cellValues(report, report.format), sections: new Map(report.sections.map(s => [s.id, s.body])) }));
  const { data } = useQuery(ReportPageQuery, { variables: { id: report.id }, fetchPolicy: "network-only" });
  const fresh = data?.report;
  const tables = report.format.tables;
  const sectionTitle = (id: string) => report.format.sections.find(section => section.id === id)?.title ?? id;
  const theirs = fresh ? cellValues(fresh, fresh.format) : new Map<string, string | null>();
  const changedCells = fresh ? [...theirs].filter(([key, value]) => (base.cells.get(key) ?? null) !== value) : [];
  const changedSections = fresh ? fresh.sections.filter(section => (base.sections.get(section.id) ?? "") !== section.body) : [];
  const cellRows = changedCells.map(([key, value]) => ({
    key,
    label: keyLabel(tables, key),
    before: base.cells.get(key) ?? BLANK,
    theirs: value ?? BLANK,
    mine: conflict.cells.has(key) ? (conflict.cells.get(key) ?? BLANK) : "—",
  }));
  const mine = [...conflict.cells].map(([key, value]) => ({ key, label: keyLabel(tables, key), value: value ?? BLANK }));
  return (
    <Modal
      open
      closable={false}
      maskClosable={false}
      keyboard={false}
      width={880}
      title="保存冲突：报告已被他人修改"
      footer={[
        <Button key="reload" disabled={!fresh} onClick={onReload}>
          重新加载
        </Button>,
        <Button key="reapply" type="primary" disabled={!fresh} onClick={() => fresh && onReapply(fresh.version)}>
          重新应用我的修改
        </Button>,
      ]}
    >
      {!fresh ? (
        <Spin />
      ) : (
        <>
          <p>
            您编辑期间，他人已保存了这份报告（版本 {report.version} → {fresh.version}）。您的修改尚未保存。
            选择“重新加载”放弃您的修改、查看对方的内容；选择“重新应用我的修改”在对方内容之上保存您的修改。
          </p>
          <Typography.Title level={3} className="gk-dialog-title">
            对方修改的内容
          </Typography.Title>
          {cellRows.length === 0 && changedSections.length === 0 && <p>单元格和章节内容没有变化（对方可能只修改了渠道图表）。</p>}
          {cellRows.length > 0 && (
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={cellRows}
              columns={[
                { title: "单元格", dataIndex: "label" },
                { title: "原来的值", dataIndex: "before" },
                { title: "对方保存的值", dataIndex: "theirs" },
                { title: "我的值", dataIndex: "mine" },
              ]}
            />
          )}
          {changedSections.length > 0 && <p>对方修改了章节：{changedSections.map(section => sectionTitle(section.id)).join("、")}</p>}
          <Typography.Title level={3} className="gk-dialog-title">
            我未保存的修改
          </Typography.Title>
          <ul>
            {mine.map(item => (
              <li key={item.key}>
                {item.label}：{item.value}
              </li>
            ))}
            {[...conflict.sections.keys()].map(id => (
              <li key={id}>章节：{sectionTitle(id)}</li>
            ))}
          </ul>
        </>
      )}
    </Modal>
  );
}
