import type { FormatId } from "../formats";

/**
 * What the importer reads out of a published report's text.
 * Cell values are canonical decimal strings (see formats/decimal.ts), or null
 * where the published cell is blank. A cell absent from `cells` could not be
 * found in the text at all.
 */
export interface ParsedReport {
  format: FormatId;
  /** null when neither the title nor the text gives the year (a blank template): importing then needs it given. */
  year: number | null;
  agency: string;
  cells: Record<string, string | null>;
  /** Narrative text by section id (sec.overview, sec.problems, sec.other). */
  sections: Record<string, string>;
  /** Things the reader should check: variants, template mismatches, near-miss labels. */
  warnings: string[];
  /** Cells whose value the reader chose among several readings the rules could not tell apart: to be checked by a person. */
  uncertainCells: string[];
  /** Optional datasets found beside the tables. */
  extras: {
    /** 全年主动公开信息数量分布: channel label → item count, in document order. */
    channelDistribution?: Array<{ label: string; count: number }>;
  };
}

/** Thrown when the text cannot be read as a report; says what was not found. */
export class ReportParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReportParseError";
  }
}
