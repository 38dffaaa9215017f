import type { Format } from "./catalog";

/** One channel of the chart in section 一 and the number of items disclosed through it. */
export interface ChannelCount {
  label: string;
  count: number;
}

/**
 * A report's content in its format: what is stored, hashed, signed, published and rendered. A plain data shape,
 * so that the services that write it and the public pages that render it share it without depending on each other.
 */
export interface ReportContent {
  format: Format;
  year: number;
  /** Every data cell of the format; null = blank. */
  cells: Record<string, string | null>;
  /** Narrative text by section id. */
  sections: Record<string, string>;
  /** The optional chart of section 一: items disclosed per channel, in the author's order. */
  channels?: ChannelCount[];
}
