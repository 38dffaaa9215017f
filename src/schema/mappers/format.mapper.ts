import type { Format as FormatData, TableDef } from "../../formats";
import { carryOverPairs, describeRules } from "../../validation";
import type { RuleKind, Severity } from "../enums";
import { CellType } from "../enums";
import { Format, FormatColumn, FormatRow, FormatTable } from "../format.type";

/** Depth of each node in a parent-linked tree (0 at the top). */
function depths<T extends { id: string; parent: string | null }>(nodes: T[]): Map<string, number> {
  const byId = new Map(nodes.map(node => [node.id, node]));
  const depthOf = (node: T): number => (node.parent ? 1 + depthOf(byId.get(node.parent)!) : 0);
  return new Map(nodes.map(node => [node.id, depthOf(node)]));
}

// Note: formats are constant data; their GraphQL shapes are built once and shared (read-only).
function memoized<K extends object, V>(build: (key: K) => V): (key: K) => V {
  const built = new WeakMap<K, V>();
  return key => {
    let value = built.get(key);
    if (value === undefined) {
      value = build(key);
      built.set(key, value);
    }
    return value;
  };
}

export const toFormatTable = memoized(buildFormatTable);
export const toFormat = memoized(buildFormat);

function buildFormatTable(table: TableDef): FormatTable {
  const columnDepth = depths(table.columns);
  const rowDepth = depths(table.rows);
  return Object.assign(new FormatTable(), {
    id: table.id,
    title: table.title,
    sectionId: table.section,
    rowHeaderLabel: table.row_header_label ?? null,
    cornerNote: table.corner_note ?? null,
    columns: table.columns.map(column =>
      Object.assign(new FormatColumn(), {
        id: column.id,
        label: column.label,
        parentId: column.parent,
        depth: columnDepth.get(column.id)!,
        isData: column.data,
        type: column.data ? (column.dtype === "decimal" ? CellType.DECIMAL : CellType.INT) : null,
        unit: column.unit ?? null,
        min: column.data ? (column.min === undefined ? 0 : column.min) : null,
        labelVariants: column.label_variants ?? [],
      }),
    ),
    rows: table.rows.map(row =>
      Object.assign(new FormatRow(), {
        id: row.id,
        label: row.label,
        parentId: row.parent,
        depth: rowDepth.get(row.id)!,
        isData: row.data,
        labelVariants: row.label_variants ?? [],
      }),
    ),
  });
}

function buildFormat(format: FormatData): Format {
  const { def } = format;
  return Object.assign(new Format(), {
    id: def.id,
    name: def.name,
    issuer: def.issuer,
    docNo: def.doc_no,
    reportYears: { from: def.report_years.from, to: def.report_years.to },
    sections: def.sections.map(section => ({
      ...section,
      tableIds: def.tables.filter(table => table.section === section.id).map(table => table.id),
    })),
    tables: def.tables.map(toFormatTable),
    rules: describeRules(format).map(rule => ({
      id: rule.id,
      kind: rule.kind as RuleKind,
      severity: rule.severity as Severity,
      description: rule.description,
    })),
    carryOver: carryOverPairs(def.cross_year_rules),
  });
}
