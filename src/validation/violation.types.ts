import type { Format, RuleKind } from "../formats";
import type { AgencyKind, AgencyLevel } from "../workflow/deadline";

export type Severity = "ERROR" | "WARNING";

/** The kinds of formats.json plus "required", for the completeness checks this engine adds. */
export type ViolationKind = RuleKind | "required";

/** One cell involved in a violation, with what the report holds there. */
export interface ViolationCell {
  key: string;
  table: string;
  row: string;
  col: string;
  /** Column then row, e.g. "自然人 · 一、本年新收政府信息公开申请数量". */
  label: string;
  /** The decimal text, or null when the cell is blank (or absent, see `absent`). */
  value: string | null;
  /** Set for cells of last year's report (cross-year rules). */
  year?: number;
  /**
   * Set on `required.cell` violations for a cell the report does not have at all
   * (lost in a text conversion). Sum rules never list absent cells: they are skipped.
   */
  absent?: true;
}

export interface Violation {
  ruleId: string;
  kind: ViolationKind;
  severity: Severity;
  /** Chinese, for the report's author, with the numbers involved. */
  message: string;
  cells: ViolationCell[];
  /**
   * For a sum rule with a single cell on one side (a total): the value that
   * would balance it. Offered to the author, never written by itself.
   */
  suggestion?: { key: string; value: string };
}

/**
 * A report handed to the checks. Unlike a stored report's content (formats' ReportContent, which has every cell
 * of its format), it may lack cells: in `cells` a key with a decimal string is a value, a key with null is a blank
 * cell, and a missing key is a cell that is not available (e.g. lost in a text conversion). Any ReportContent is
 * a ReportToCheck.
 */
export interface ReportToCheck {
  format: Format;
  year: number;
  cells: Record<string, string | null>;
  /** Narrative text by section id (sec.overview, sec.problems, sec.other). */
  sections: Record<string, string>;
  /** The chart of section 一 (全年主动公开信息数量分布), when the report has one. */
  channels?: ReadonlyArray<{ label: string; count: number }>;
}

/**
 * Who the report is by and what it is called: the identity checks compare
 * the printed title and signature with them, and the agency's kind decides
 * the deadline and the contents 条例 第五十条 requires. Absent when unknown.
 */
export interface ReportIdentity {
  title?: string;
  agency?: { name: string; kind: AgencyKind; level: AgencyLevel | null };
}

/** A check the engine can report for a format, for listing in an API. */
export interface RuleDescriptor {
  id: string;
  kind: ViolationKind;
  severity: Severity;
  description: string;
}
