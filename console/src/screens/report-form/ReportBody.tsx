import type { FragmentType } from "@apollo/client";
import { useFragment, useQuery } from "@apollo/client/react";
import { Input, Typography } from "antd";
import { useMemo, useState } from "react";
import { graphql } from "../../gql";
import type { ReportBody_ReportFragment } from "../../gql/graphql";
import { ChannelEditor } from "./ChannelEditor";
import { FormTable } from "./FormTable";
import { ReportFormDiff, ReportFormLastYear } from "./queries";
import type { Autosave } from "./useAutosave";
import { cellValues } from "./types";
import type { CellMessages } from "./types";

/** The content and the format's trees it is drawn from (Format is normalised by id; its tables embed in it). */
export const ReportBodyReport = graphql(`
  fragment ReportBody_Report on Report {
    id
    year
    agency { id code }
    sections { id body }
    tables { id rows { id values } }
    channels { label count }
    revisions { id contentHash }
    format {
      id
      carryOver { key previousKey }
      sections { id no title kind tableIds }
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

type Report = ReportBody_ReportFragment;

interface Props {
  report: FragmentType<ReportBody_ReportFragment>;
  editable: boolean;
  messages: CellMessages;
  autosave: Autosave;
}

/** The six sections in the format's order: narrative text areas and the statistical tables. */
export function ReportBody({ report: ref, editable, messages, autosave }: Props) {
  const { data, complete } = useFragment({ fragment: ReportBodyReport, from: ref });
  return complete ? <Body report={data} editable={editable} messages={messages} autosave={autosave} /> : null;
}

function Body({ report, editable, messages, autosave }: { report: Report; editable: boolean; messages: CellMessages; autosave: Autosave }) {
  const saved = useMemo(() => cellValues(report, report.format), [report]);
  const values = useMemo(() => {
    const merged = new Map(saved);
    for (const [key, value] of autosave.pending) merged.set(key, value);
    return merged;
  }, [saved, autosave.pending]);
  const diff = useRevisionDiff(report, editable);
  const changed = useMemo(() => new Set(diff?.cells.map(cell => cell.key) ?? []), [diff]);
  const changedSections = useMemo(() => new Set(diff?.sections.map(section => section.sectionId) ?? []), [diff]);
  const beside = useLastYear(report);
  return (
    <div className="gk-body">
      {diff && (
        <p className="gk-diff-note" role="status">
          与上一修订相比：{diff.cells.length} 个单元格、{diff.sections.length} 个章节有改动（已标出）。
        </p>
      )}
      {report.format.sections.map(section => {
        const body = report.sections.find(item => item.id === section.id);
        return (
          <section key={section.id} aria-labelledby={`sec-${section.id}`} className="gk-section">
            <Typography.Title level={2} id={`sec-${section.id}`} className="gk-section-title">
              {section.no}、{section.title}
            </Typography.Title>
            {section.kind === "TEXT" && (
              <SectionText
                sectionId={section.id}
                label={`${section.no}、${section.title}`}
                body={body?.body ?? ""}
                editable={editable}
                changed={changedSections.has(section.id)}
                onEdit={text => autosave.editSection(section.id, text)}
                onCommit={autosave.flush}
                invalid={messages.get(`section/${section.id}`)}
              />
            )}
            {section.id === "sec.overview" && <ChannelEditor channels={report.channels} editable={editable} onSave={autosave.saveChannels} />}
            {section.tableIds.map(tableId => {
              const table = report.format.tables.find(def => def.id === tableId);
              return (
                table && (
                  <FormTable
                    key={tableId}
                    table={table}
                    values={values}
                    messages={messages}
                    changed={changed}
                    beside={beside}
                    readOnly={!editable}
                    onChange={editable ? autosave.editCell : undefined}
                    onCommit={editable ? autosave.flush : undefined}
                  />
                )
              );
            })}
          </section>
        );
      })}
    </div>
  );
}

interface SectionProps {
  sectionId: string;
  label: string;
  body: string;
  editable: boolean;
  changed: boolean;
  invalid?: string[];
  onEdit: (text: string) => void;
  onCommit: () => void;
}

/** A narrative section: each change is queued for the debounced save, and blur sends it at once. */
function SectionText({ sectionId, label, body, editable, changed, onEdit, onCommit }: SectionProps) {
  const [text, setText] = useState(body);
  const [lastSaved, setLastSaved] = useState(body);
  if (body !== lastSaved) {
    // The saved text changed: our own save came back, or it changed elsewhere while this user had not typed — follow it.
    if (text === lastSaved) setText(body);
    setLastSaved(body);
  }
  return (
    <Input.TextArea
      id={`text-${sectionId}`}
      aria-label={label}
      className={changed ? "gk-changed" : undefined}
      rows={6}
      value={text}
      readOnly={!editable}
      onChange={event => {
        setText(event.target.value);
        if (editable) onEdit(event.target.value);
      }}
      onBlur={editable ? onCommit : undefined}
    />
  );
}

/** On the desk: what changed since the previous revision with different content (reportDiff). */
function useRevisionDiff(report: Report, editable: boolean) {
  const revisions = report.revisions;
  const latest = revisions[revisions.length - 1];
  const previous = [...revisions].reverse().find(revision => latest && revision.contentHash !== latest.contentHash);
  const { data } = useQuery(ReportFormDiff, {
    variables: { reportId: report.id, from: previous?.id ?? "" },
    skip: editable || !previous,
  });
  return editable || !previous ? null : (data?.reportDiff ?? null);
}

/** Last year's figures for the cells the format's cross-year rules tie to them (上年结转 ← 结转下年度), by this year's key. */
function useLastYear(report: Report): Map<string, string | null> | undefined {
  const pairs = report.format.carryOver;
  const { data } = useQuery(ReportFormLastYear, {
    variables: { code: report.agency.code, year: report.year - 1 },
    skip: pairs.length === 0,
  });
  return useMemo(() => {
    const previous = data?.agency?.report;
    if (!previous) return undefined;
    const values = cellValues(previous, previous.format);
    return new Map(pairs.filter(pair => values.has(pair.previousKey)).map(pair => [pair.key, values.get(pair.previousKey) ?? null]));
  }, [data, pairs]);
}
