import type { FragmentType } from "@apollo/client";
import { useFragment, useQuery } from "@apollo/client/react";
import { Button, Modal, Spin, Table, Typography } from "antd";
import { useRef } from "react";
import { graphql } from "../../gql";
import type { ConflictDialog_ReportFragment } from "../../gql/graphql";
import { keyLabel } from "./FormTable";
import { ReportFormFresh } from "./queries";
import { cellValues } from "./types";
import type { ConflictState } from "./useAutosave";

export const ConflictDialogReport = graphql(`
  fragment ConflictDialog_Report on Report {
    id
    version
    sections { id body }
    tables { id rows { id values } }
    format {
      id
      sections { id title }
      tables {
        id
        title
        rowHeaderLabel
        cornerNote
        columns { id label depth parentId isData unit type }
        rows { id label depth parentId isData }
      }
    }
  }
`);

interface Content {
  version: number;
  cells: Map<string, string | null>;
  sections: Map<string, string>;
}

function contentOf(report: ConflictDialog_ReportFragment): Content {
  return {
    version: report.version,
    cells: cellValues(report, report.format),
    sections: new Map(report.sections.map(section => [section.id, section.body ?? ""])),
  };
}

interface Props {
  /** The report as this user last saw it (before the other person's save). */
  report: FragmentType<ConflictDialog_ReportFragment>;
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
export function ConflictDialog({ report: ref, conflict, onReload, onReapply }: Props) {
  const { data: report, complete } = useFragment({ fragment: ConflictDialogReport, from: ref });
  // Note: what this user saw is captured once, as the dialog opens; the network-only read below then updates the cache.
  const base = useRef<Content | null>(null);
  if (complete && !base.current) base.current = contentOf(report);
  const { data } = useQuery(ReportFormFresh, { variables: { id: report.id ?? "" }, fetchPolicy: "network-only", skip: !report.id });
  const loaded = Boolean(data?.report) && complete && base.current !== null;
  const before = base.current ?? { version: 0, cells: new Map<string, string | null>(), sections: new Map<string, string>() };
  const now = loaded && complete ? contentOf(report) : before;
  const tables = complete ? report.format.tables : [];
  const sectionTitle = (id: string) => (complete ? report.format.sections.find(section => section.id === id)?.title : undefined) ?? id;
  const changedCells = loaded ? [...now.cells].filter(([key, value]) => (before.cells.get(key) ?? null) !== value) : [];
  const changedSections = loaded ? [...now.sections].filter(([id, body]) => (before.sections.get(id) ?? "") !== body).map(([id]) => id) : [];
  const cellRows = changedCells.map(([key, value]) => ({
    key,
    label: keyLabel(tables, key),
    before: before.cells.get(key) ?? BLANK,
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
        <Button key="reload" disabled={!loaded} onClick={onReload}>
          重新加载
        </Button>,
        <Button key="reapply" type="primary" disabled={!loaded} onClick={() => onReapply(now.version)}>
          重新应用我的修改
        </Button>,
      ]}
    >
      {!loaded ? (
        <Spin />
      ) : (
        <>
          <p>
            您编辑期间，他人已保存了这份报告（版本 {before.version} → {now.version}）。您的修改尚未保存。
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
          {changedSections.length > 0 && <p>对方修改了章节：{changedSections.map(sectionTitle).join("、")}</p>}
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
