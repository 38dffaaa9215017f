import { createHash } from "node:crypto";
import { textSections } from "../formats";
import type { ReportContent } from "./report-store";

/**
 * The canonical form of a report's content: keys in the format's order, every
 * cell (null for blank), every text section ("" when unwritten). Stable across
 * engines and processes, so a hash signed by the leader can be checked against
 * the content that is published.
 *
 * The channel chart of section 一 is added as `channels` ([label, count] pairs
 * in the author's order) only when there is one: content without a chart keeps
 * exactly the form — and so the hash — it had before charts existed, so hashes
 * signed earlier still match.
 */
export function canonicalContent(title: string, content: ReportContent): string {
  const cells = content.format.cellKeys.map(key => [key, content.cells[key] ?? null]);
  const sections = textSections(content.format).map(section => [section.id, content.sections[section.id] ?? ""]);
  const channels = content.channels?.length ? { channels: content.channels.map(channel => [channel.label, channel.count]) } : {};
  return JSON.stringify({ format: content.format.id, year: content.year, title, cells, sections, ...channels });
}

/** SHA-256 of the canonical content, hex. */
export function contentHash(title: string, content: ReportContent): string {
  // Note: contents are shared read-only (ContentCache), so a hash computed once stays right.
  const known = hashes.get(content);
  if (known?.title === title) return known.hash;
  const hash = createHash("sha256").update(canonicalContent(title, content), "utf8").digest("hex");
  hashes.set(content, { title, hash });
  return hash;
}

const hashes = new WeakMap<ReportContent, { title: string; hash: string }>();
