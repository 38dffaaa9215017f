/**
 * Types of the national report formats as carried in `data/formats.json`.
 * The ids in that file are the project's contract: tables, rows, columns and
 * rules are referred to by them everywhere (API, storage, importer, exports).
 */

export type FormatId = "gb2019" | "gb2021";

export type RuleKind = "official" | "implied" | "heuristic";

export interface SectionDef {
  id: string;
  no: string;
  title: string;
  /** "text" sections hold narrative; "table"/"tables" sections hold statistics. */
  kind: "text" | "table" | "tables";
}

export interface ColumnDef {
  id: string;
  label: string;
  parent: string | null;
  /** false for group headers, which have no cells of their own. */
  data: boolean;
  dtype?: "int" | "decimal";
  unit?: string;
  /** Lower bound; null means negative values are allowed (2019's 本年增/减). */
  min?: number | null;
  scale?: number;
  label_variants?: string[];
  note?: string;
}

export interface RowDef {
  id: string;
  label: string | null;
  parent: string | null;
  data: boolean;
  label_variants?: string[];
  note?: string;
}

export interface TableDef {
  id: string;
  section: string;
  title: string;
  row_header_label?: string;
  corner_note?: string;
  columns: ColumnDef[];
  rows: RowDef[];
  sources?: string[];
}

export interface SumRuleDef {
  id: string;
  kind: RuleKind;
  type?: undefined;
  basis?: string;
  lhs: string[];
  rhs: string[];
}

export interface DomainRuleDef {
  id: string;
  kind: RuleKind;
  type: "domain";
  text: string;
}

export interface CrossYearRuleDef {
  id: string;
  kind: RuleKind;
  type: "cross_year";
  lhs: string[];
  rhs: string[];
  text: string;
}

export type RuleDef = SumRuleDef | DomainRuleDef;

export interface FormatDef {
  id: FormatId;
  name: string;
  issuer: string;
  doc_no: string;
  doc_date: string | null;
  report_years: { from: number; to: number | null };
  sources: string[];
  sections: SectionDef[];
  tables: TableDef[];
  rules: RuleDef[];
  cross_year_rules: CrossYearRuleDef[];
  narrative_checks: NarrativeChecksDef;
}

/** A check of the narrative, the identity or the contents: always a WARNING, its message a template. */
export interface NarrativeRuleDef {
  id: string;
  description: string;
  /** Chinese, with {placeholders} filled from the finding. */
  message: string;
}

/** One kind of figure the narrative states, and the table cells (sums) it may mean. */
export interface StatementDef {
  id: string;
  label: string;
  unit: string;
  /** Regular expressions on the section's text without white space; group `n` is the figure. */
  patterns: string[];
  /** Each reading is a sum of cell refs; a `*` ends a row-id prefix. The statement agrees when any reading does. */
  readings?: string[][];
  /** Readings chosen by the nearest preceding keyword (行政复议 or 行政诉讼). */
  context?: Record<string, string[][]>;
  /** Leave the statement alone when its clause names another subject (subject_guard). */
  subject_guard?: boolean;
  /** A percentage in brackets after the figure is checked against this statement's figure (or its table reading). */
  percent_of?: string;
}

export interface NarrativeChecksDef {
  note: string;
  rules: NarrativeRuleDef[];
  subject_guard: string;
  statements: StatementDef[];
  channels: { patterns: string[]; table_cells: string[] };
  fee: {
    patterns: string[];
    none_patterns: string[];
    unpaid_cell: string;
    unit_yuan: number;
    free_per_applicant_month: number;
    tiers_note: string;
  };
  amount_jump: { factor: number };
  repetition: { sections: string[]; share: number; min_chars: number };
  article50: { applies_to: string; items: Array<{ item: string; patterns: string[] }> };
  period_patterns: string[];
}

export interface FormatsFile {
  schema: string;
  cell_ref: string;
  rule_kinds: Record<RuleKind, string>;
  formats: FormatDef[];
}
