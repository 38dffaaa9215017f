import { parseCellKey } from "../formats";
import type { ColumnDef, RowDef, TableDef } from "../formats";
import { shanghaiDate } from "../workflow/deadline";
import { publishedLate } from "../workflow/deadline";
import type { PublicReport } from "./public-report.types";

/** The URLs of one report, and of one of its revisions. */
export function reportPath(agencyCode: string, year: number, revision?: number): string {
  const base = `/reports/${encodeURIComponent(agencyCode)}/${year}`;
  return revision === undefined ? base : `${base}/revisions/${revision}`;
}

/**
 * The machine-readable form of a published revision: the same revision the
 * page shows, cells keyed `<table>/<row>/<column>` with exact decimal strings
 * (null = blank, which is not 0).
 */
export function toJsonExport(report: PublicReport) {
  const { content, shown } = report;
  const replaces = report.revisions.filter(row => row.revision < shown.revision).at(-1);
  return {
    agency: report.agency,
    year: report.year,
    title: report.title,
    format: content.format.id,
    revision: shown.revision,
    contentHash: shown.contentHash,
    publishedAt: report.firstPublishedAt.toISOString(),
    publishedLate: publishedLate(report.year, report.firstPublishedAt, report.agency),
    revisionPublishedAt: shown.publishedAt.toISOString(),
    correction: shown.correctionReason === null ? null : { reason: shown.correctionReason, replacesRevision: replaces?.revision ?? null },
    latestRevision: report.revisions.at(-1)!.revision,
    url: reportPath(report.agency.code, report.year, shown.revision),
    sections: content.format.def.sections.map(section => ({
      id: section.id,
      no: section.no,
      title: section.title,
      body: section.kind === "text" ? (content.sections[section.id] ?? null) : null,
    })),
    cells: Object.fromEntries(content.format.cellKeys.map(key => [key, content.cells[key] ?? null])),
    channels: content.channels ?? [],
  };
}

export type JsonExport = ReturnType<typeof toJsonExport>;

/** A label with its groups, outermost first: “三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密”. */
function pathLabel<T extends ColumnDef | RowDef>(nodes: readonly T[], node: T): string {
  const labels: string[] = [];
  for (let current: T | undefined = node; current; current = nodes.find(candidate => candidate.id === current.parent)) {
    if (current.label) labels.unshift(current.label);
  }
  return labels.join(" / ");
}

function csvField(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_COLUMNS = ["table", "row", "column", "key", "table_title", "row_label", "column_label", "unit", "value"];

/**
 * One line per cell, in the form's order: ids, labels (with their groups), the
 * unit and the value (empty = blank). UTF-8 with a byte-order mark and CRLF
 * line ends, so that Excel opens the Chinese labels correctly.
 */
export function toCsv(report: PublicReport): string {
  const { format, cells } = report.content;
  const lines = [CSV_COLUMNS.join(",")];
  for (const key of format.cellKeys) {
    const address = parseCellKey(key)!;
    const table: TableDef = format.tables.get(address.table)!;
    const row = table.rows.find(candidate => candidate.id === address.row)!;
    const column = table.columns.find(candidate => candidate.id === address.col)!;
    lines.push(
      [
        address.table,
        address.row,
        address.col,
        key,
        table.title,
        pathLabel(table.rows, row),
        pathLabel(table.columns, column),
        column.unit ?? "",
        cells[key] ?? null,
      ]
        .map(csvField)
        .join(","),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** A Beijing calendar date as 2021年1月29日. */
export function chineseDate(instant: Date): string {
  const [year, month, day] = shanghaiDate(instant).split("-").map(Number);
  return `${year}年${month}月${day}日`;
}
