/**
 * What one request may carry. Each limit is a generous multiple of what a real report needs — a report has
 * ~200 cells, sections of a few thousand characters, and its whole published text runs to 3–7,000 characters
 * (the samples) — so no real use meets them, while any one allowed request stays far below 100 ms of work.
 * Beyond a limit the request is refused with a message that names it; nothing is written.
 */
export const LIMITS = {
  /** Cells in one reportCellsSet: five whole reports' worth. */
  cellsPerRequest: 1_000,
  /** Characters of one cell value ("24252.311082" is 12). */
  cellValueLength: 40,
  /** Characters of one narrative section. */
  sectionLength: 100_000,
  /** Characters of a report's text to import (~30× the longest sample), and of any one string in a request. */
  textLength: 200_000,
  /** Problems listed in one answer; the rest are counted in a last entry. */
  reportedProblems: 50,
  /**
   * Bytes of one HTTP request body: a report file uploaded as base64 (at most 5 MB, 6.7 MB encoded; real ones are
   * 240–413 KB). Every other input is bounded by the limits above, whatever the body's size.
   */
  bodyBytes: 7 * 1_048_576,
} as const;
