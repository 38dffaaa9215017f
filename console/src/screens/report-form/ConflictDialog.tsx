import { useQuery } from "@apollo/client/react";
import { Button, Modal, Spin, Table } from "antd";
import { ReportPageQuery } from "./queries";
import { cellValues } from "./types";
import type { PageReport } from "./types";

interface Props {
  reportId: string;
  conflict: { cells: ReadonlyMap<string, string | null> };
  format: PageReport["format"];
  onReload: () => void;
  onReapply: (version: number) => void;
}

/** Someone saved first: their values against mine, cell by cell; reload theirs or re-apply mine on top. */
export function ConflictDialog({ reportId, conflict, format, onReload, onReapply }: Props) {
  const { data } = useQuery(ReportPageQuery, { variables: { id: reportId }, fetchPolicy: "network-only" });
  const fresh = data?.report;
  const theirs = fresh ? cellValues(fresh, format) : new Map<string, string | null>();
  const rows = [...conflict.cells].map(([key, mine]) => ({ key, mine: mine ?? "（空）", theirs: fresh ? (theirs.get(key) ?? "（空）") : "…" }));
  return (
    <Modal
      open
      closable={false}
      title="保存冲突：报告已被他人修改"
      footer={[
        <Button key="reload" onClick={onReload}>
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
            您编辑期间，报告已更新到版本 {fresh.version}。以下是您未保存的修改与当前保存的值：
          </p>
          <Table
            size="small"
            pagination={false}
            dataSource={rows}
            columns={[
              { title: "单元格", dataIndex: "key" },
              { title: "当前保存的值", dataIndex: "theirs" },
              { title: "我的值", dataIndex: "mine" },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
