import { createHash } from "node:crypto";
import { textSections } from "../formats";
import type { ReportContent } from "./report-store";

/**
 * The canonical form of a report's content: keys in the format's order, every
 * cell (null for blank), every text section ("" when unwritten). Stable across
 * engines and processes, so a hash signed by the leader can be checked against
 * the content that is published.
 */
export function canonicalContent(title: string, content: ReportContent): string {
  const cells = content.format.cellKeys.map(key => [key, content.cells[key] ?? null]);
  const sections = textSections(content.format).map(section => [section.id, content.sections[section.id] ?? ""]);
  return JSON.stringify({ format: content.format.id, year: content.year, title, cells, sections });
}

/** SHA-256 of the canonical content, hex. */
export function contentHash(title: string, content: ReportContent): string {
  return createHash("sha256").update(canonicalContent(title, content), "utf8").digest("hex");
}
