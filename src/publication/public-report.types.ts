import type { ReportContent } from "../formats/report-content";
import type { AgencyClass } from "../workflow/deadline";

/** The agency as the public pages show it, with the kind that sets its deadline. */
export type PublicAgency = { code: string; name: string } & AgencyClass;

/** A published revision without its content: enough to list and link it. */
export interface RevisionSummary {
  /** The workflow revision: 1, then one more per published correction. */
  revision: number;
  contentHash: string;
  correctionReason: string | null;
  publishedAt: Date;
}

/** Everything the public page and the exports of one published revision show; nothing from the live tables. */
export interface PublicReport {
  agency: PublicAgency;
  year: number;
  /** When the report was first published (the agency's 第四十九条 deadline is judged on this). */
  firstPublishedAt: Date;
  /** The revision shown, and every published revision of the report, oldest first. */
  shown: RevisionSummary;
  revisions: RevisionSummary[];
  title: string;
  content: ReportContent;
}

export interface PublishedListing {
  agency: PublicAgency;
  year: number;
  title: string;
  firstPublishedAt: Date;
  /** The latest published revision (greater than 1 once corrected). */
  revision: number;
}
