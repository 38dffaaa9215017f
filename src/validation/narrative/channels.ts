import type { ReportToCheck, Violation } from "../violation.types";
import { evaluate } from "./readings";
import { compact, figure, matchAll, narrativeOf, quoteAround, warning } from "./text";

/**
 * text.channels: the chart of section 一 adds up to the 主动公开 figure the
 * text of section 一 states (the seed: 59 + 830 + 204 + 54 + 5 = 1,152), and to
 * the table cells the template links to it, where it links any (neither
 * national format does: 表二 counts documents and decisions, not items).
 */
export function checkChannels(report: ReportToCheck): Violation[] {
  const channels = report.channels ?? [];
  if (channels.length === 0) return [];
  const total = channels.reduce((sum, channel) => sum + channel.count, 0);
  const checks = narrativeOf(report.format).channels;
  const text = compact(report.sections["sec.overview"] ?? "");
  const violations: Violation[] = [];
  for (const match of matchAll(checks.patterns, text)) {
    const stated = figure(match.groups?.n);
    if (stated !== undefined && stated !== total) {
      const quote = quoteAround(text, match.index, match.index + match[0].length);
      violations.push(warning(report.format, "text.channels", { total, stated, quote }));
    }
    break;
  }
  const linked = checks.table_cells.length ? evaluate(report, checks.table_cells) : undefined;
  if (linked && linked.total !== total) {
    violations.push(warning(report.format, "text.channels", { total, stated: linked.total, quote: "表二" }));
  }
  return violations;
}
