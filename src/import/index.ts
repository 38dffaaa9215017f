/** Public API of the report-text importer. */
export { parseReport } from "./parse-report";
export type { ParseOptions } from "./parse-report";
export { ReportParseError } from "./parsed-report.types";
export type { ParsedReport } from "./parsed-report.types";
export { readDocument, documentText } from "./read-document";
export type { DocumentKind, DocumentText } from "./read-document";
