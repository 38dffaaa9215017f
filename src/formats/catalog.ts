import { cellKey } from "./cell-key";
import formatsFile from "./data/formats.json";
import type { ColumnDef, FormatDef, FormatId, FormatsFile, RowDef, TableDef } from "./format.types";

/** The data type and bounds of one data cell, derived from its column. */
export interface CellDef {
  key: string;
  table: TableDef;
  row: RowDef;
  column: ColumnDef;
  dtype: "int" | "decimal";
  /** Lower bound, or null when negative values are allowed. */
  min: number | null;
}

/** A format with its lookups precomputed once at load. */
export interface Format {
  def: FormatDef;
  id: FormatId;
  tables: Map<string, TableDef>;
  cells: Map<string, CellDef>;
  /** Every data cell key in table, row, column order: the form an author fills. */
  cellKeys: string[];
}

export const FIRST_REPORT_YEAR = 2019;

const file = formatsFile as unknown as FormatsFile;

function buildFormat(def: FormatDef): Format {
  const tables = new Map(def.tables.map(table => [table.id, table]));
  const cells = new Map<string, CellDef>();
  for (const table of def.tables) {
    for (const row of table.rows.filter(r => r.data)) {
      for (const column of table.columns.filter(c => c.data)) {
        const key = cellKey(table.id, row.id, column.id);
        const min = column.min === undefined ? 0 : column.min;
        cells.set(key, { key, table, row, column, dtype: column.dtype ?? "int", min });
      }
    }
  }
  return { def, id: def.id, tables, cells, cellKeys: [...cells.keys()] };
}

const formats: ReadonlyMap<FormatId, Format> = new Map(file.formats.map(def => [def.id, buildFormat(def)] as const));

export function allFormats(): Format[] {
  return [...formats.values()];
}

export function findFormat(id: string): Format | undefined {
  return formats.get(id as FormatId);
}

export function getFormat(id: FormatId): Format {
  const format = formats.get(id);
  if (!format) {
    throw new Error(`unknown format ${id}`);
  }
  return format;
}

/** The format a report on `year` must use, or undefined before the first format. */
export function formatForYear(year: number): Format | undefined {
  return allFormats().find(f => year >= f.def.report_years.from && (f.def.report_years.to === null || year <= f.def.report_years.to));
}

/** Sections that hold narrative text and so must not be left empty. */
export function textSections(format: Format) {
  return format.def.sections.filter(section => section.kind === "text");
}

export const formatsMeta = { schema: file.schema, cellRef: file.cell_ref, ruleKinds: file.rule_kinds };
