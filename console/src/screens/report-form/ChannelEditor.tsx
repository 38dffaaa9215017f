import { Button, Input, InputNumber, Space } from "antd";
import { useState } from "react";

interface Channel {
  label: string;
  count: number;
}

interface Props {
  channels: readonly Channel[];
  editable: boolean;
  onSave: (channels: Channel[]) => void;
}

/** The chart of section 一 as rows of channel and count; saved as a whole with 保存图表. */
export function ChannelEditor({ channels, editable, onSave }: Props) {
  const [rows, setRows] = useState<Channel[]>(() => channels.map(channel => ({ ...channel })));
  const maximum = Math.max(1, ...rows.map(row => row.count));
  return (
    <figure className="gk-channels" aria-label="主动公开渠道图表">
      <figcaption>主动公开渠道（条）</figcaption>
      <ol className="gk-channel-list">
        {rows.map((row, index) => (
          <li key={index} className="gk-channel">
            {editable ? (
              <Space>
                <Input
                  aria-label={`渠道 ${index + 1} 名称`}
                  value={row.label}
                  onChange={event => setRows(rows.map((r, i) => (i === index ? { ...r, label: event.target.value } : r)))}
                />
                <InputNumber
                  aria-label={`渠道 ${index + 1} 条数`}
                  min={0}
                  precision={0}
                  value={row.count}
                  onChange={value => setRows(rows.map((r, i) => (i === index ? { ...r, count: Number(value ?? 0) } : r)))}
                />
                <Button onClick={() => setRows(rows.filter((_, i) => i !== index))}>删除</Button>
              </Space>
            ) : (
              <span>{row.label}</span>
            )}
            <span className="gk-bar" style={{ width: `${(row.count / maximum) * 60}%` }} aria-hidden="true" />
            {!editable && <span>{row.count}</span>}
          </li>
        ))}
      </ol>
      {editable && (
        <Space>
          <Button onClick={() => setRows([...rows, { label: "", count: 0 }])}>添加渠道</Button>
          <Button type="primary" onClick={() => onSave(rows.filter(row => row.label.trim()))}>
            保存图表
          </Button>
        </Space>
      )}
    </figure>
  );
}
