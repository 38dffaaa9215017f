/**
 * A generated report written as a Word file with the `docx` library, in the
 * template's layout: the title, the six sections, and each table with its
 * merged header and label cells (columnSpan / rowSpan, which Word stores as
 * gridSpan and vMerge), built from the same column and row trees as the
 * public page.
 */
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";
import { cellKey } from "../../../src/formats";
import type { TableDef } from "../../../src/formats";
import { columnHeaderRows, dataColumns, rowHeaderCells, rowHeaderWidth } from "../../../src/publication/report-table";
import type { GeneratedReport } from "./generated-report";

function cell(text: string, span: { colspan?: number; rowspan?: number } = {}): TableCell {
  return new TableCell({
    children: [new Paragraph({ children: [new TextRun(text)] })],
    ...(span.colspan && span.colspan > 1 ? { columnSpan: span.colspan } : {}),
    ...(span.rowspan && span.rowspan > 1 ? { rowSpan: span.rowspan } : {}),
  });
}

function table(def: TableDef, cells: Record<string, string | null>): Table {
  const columns = dataColumns(def);
  const width = rowHeaderWidth(def);
  const headers = columnHeaderRows(def);
  const labels = rowHeaderCells(def);
  const rows: TableRow[] = [];
  if (def.section === "sec.active") {
    rows.push(new TableRow({ children: [cell(def.title, { colspan: width + columns.length })] }));
  }
  headers.forEach((header, level) => {
    const corner = level === 0 && width > 0 ? [cell(def.row_header_label ?? def.corner_note ?? "", { colspan: width, rowspan: headers.length })] : [];
    rows.push(new TableRow({ children: [...corner, ...header.map(h => cell(h.unit ? `${h.label}（${h.unit}）` : h.label, h))] }));
  });
  for (const row of def.rows.filter(r => r.data)) {
    const label = (labels.get(row.id) ?? []).map(h => cell(h.label, h));
    const values = columns.map(column => cell(cells[cellKey(def.id, row.id, column.id)] ?? ""));
    rows.push(new TableRow({ children: [...label, ...values] }));
  }
  return new Table({ rows });
}

export async function reportDocx(report: GeneratedReport): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [new Paragraph({ children: [new TextRun(`${report.agency}${report.year}年政府信息公开工作年度报告`)] })];
  for (const section of report.format.def.sections) {
    children.push(new Paragraph({ children: [new TextRun(`${section.no}、${section.title}`)] }));
    for (const line of (report.sections[section.id] ?? "").split("\n").filter(Boolean)) {
      children.push(new Paragraph({ children: [new TextRun(line)] }));
    }
    for (const def of report.format.def.tables.filter(t => t.section === section.id)) {
      children.push(table(def, report.cells), new Paragraph({ children: [] }));
    }
  }
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}
