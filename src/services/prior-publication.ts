import type { PriorPublication } from "../workflow";
import { UserErrorCode, problem } from "./errors";

/** What a caller says about a report already published elsewhere (GraphQL publishedAt/sourceUrl, CLI --published-at/--source). */
export interface PublicationInput {
  /** YYYY-MM-DD (a Beijing date) or an ISO 8601 time with its zone. */
  publishedAt: string;
  /** The page it was published on (http or https). */
  sourceUrl?: string | null;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_URL_LENGTH = 2000;

/**
 * Given what the caller said, the report year and the imported file, returns the publication the machine's
 * RECORD_PUBLISHED records: an exact instant (a date alone is that day in Beijing) and the source — the URL
 * when given, and always the file's name and SHA-256, so what was imported can be matched to what was published.
 * Whether the date is in the future, and who may record it, the machine decides.
 */
export function priorPublication(input: PublicationInput, year: number, file?: { name?: string; sha256: string }): PriorPublication {
  const value = input.publishedAt.trim();
  const at = DATE_ONLY.test(value) ? `${value}T00:00:00+08:00` : value;
  const time = DATE_TIME.test(at) ? Date.parse(at) : Number.NaN;
  if (Number.isNaN(time) || (DATE_ONLY.test(value) && new Date(time + 8 * 3_600_000).toISOString().slice(0, 10) !== value)) {
    throw problem(
      UserErrorCode.INVALID_INPUT,
      `publishedAt “${value.slice(0, 40)}” is not a date: give YYYY-MM-DD (Beijing date) or an ISO 8601 time with its zone.`,
      ["input", "publishedAt"],
    );
  }
  const yearEnd = Date.UTC(year + 1, 0, 1) - 8 * 3_600_000;
  if (time < yearEnd) {
    throw problem(UserErrorCode.INVALID_INPUT, `A report for ${year} is published after the year ends (${year + 1}-01-01 or later); check publishedAt.`, [
      "input",
      "publishedAt",
    ]);
  }
  const source = { ...sourceUrl(input.sourceUrl), ...(file?.name ? { fileName: file.name } : {}), ...(file ? { sha256: file.sha256 } : {}) };
  return { at: new Date(time).toISOString(), source };
}

function sourceUrl(raw: string | null | undefined): { url?: string } {
  const value = raw?.trim();
  if (!value) return {};
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (!url || !["http:", "https:"].includes(url.protocol) || value.length > MAX_URL_LENGTH) {
    throw problem(
      UserErrorCode.INVALID_INPUT,
      `sourceUrl must be the http(s) address of the page the report was published on (at most ${MAX_URL_LENGTH} characters).`,
      ["input", "sourceUrl"],
    );
  }
  return { url: url.href };
}
