import { chineseDueDate, publishedLate } from "../workflow/deadline";
import { renderChannelChart } from "./channel-chart";
import { chineseDate, reportPath } from "./exports";
import { html } from "./html";
import type { SafeHtml } from "./html";
import { layout } from "./page-layout";
import type { PublicReport } from "./public-report.types";
import { renderTable } from "./report-table";

/** Narrative text as paragraphs, one per line of the author's text; escaped, never markup. */
function paragraphs(text: string | undefined): SafeHtml {
  const lines = (text ?? "")
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(Boolean);
  return lines.length ? html`${lines.map(line => html`<p>${line}</p>`)}` : html`<p class="empty">无。</p>`;
}

/** The correction notice of a corrected revision, and the notice on a revision that a later one replaced. */
function notices(report: PublicReport): SafeHtml {
  const { shown, revisions, agency, year } = report;
  const previous = revisions.filter(row => row.revision < shown.revision).at(-1);
  const latest = revisions.at(-1)!;
  const corrected =
    shown.correctionReason !== null || previous
      ? html`<aside class="notice correction" id="correction"><strong>更正说明：</strong>本报告于${chineseDate(shown.publishedAt)}更正发布（第 ${shown.revision} 版）。${
          shown.correctionReason !== null ? html`更正原因：${shown.correctionReason}` : ""
        }${previous ? html`<br>更正前的版本：<a href="${reportPath(agency.code, year, previous.revision)}" rel="prev">第 ${previous.revision} 版（${chineseDate(previous.publishedAt)}发布）</a>` : ""}</aside>`
      : "";
  const superseded =
    latest.revision !== shown.revision
      ? html`<aside class="notice superseded" id="superseded"><strong>此为历史版本。</strong>本报告已于${chineseDate(latest.publishedAt)}更正，现行版本见 <a href="${reportPath(agency.code, year)}">第 ${latest.revision} 版</a>。</aside>`
      : "";
  return html`${superseded}${corrected}`;
}

/**
 * The published report in the layout of the national template: the title, the
 * six sections in order with their tables and texts, the chart of section 一,
 * the publication date, deadline, revision and content hash. Rendered only
 * from a published revision.
 */
export function renderReportPage(report: PublicReport): string {
  const { content, shown, agency, year } = report;
  const base = reportPath(agency.code, year, shown.revision);
  const late = publishedLate(year, report.firstPublishedAt, agency);
  const due = chineseDueDate(year, agency);
  const sections = content.format.def.sections.map(section => {
    const tables = content.format.def.tables.filter(table => table.section === section.id);
    const chart = section.id === "sec.overview" && content.channels?.length ? renderChannelChart(content.channels) : "";
    return html`<section id="${section.id}" data-section="${section.id}">
<h2>${section.no}、${section.title}</h2>
${section.kind === "text" ? html`<div class="section-body">${paragraphs(content.sections[section.id])}</div>` : ""}${chart}
${tables.length ? html`<div class="tables" id="${`tables-${section.id.replace("sec.", "")}`}">${tables.map(table => renderTable(table, content.cells))}</div>` : ""}
</section>`;
  });
  const body = html`<nav><a href="/reports">全部年度报告</a> › <a href="/reports?agency=${encodeURIComponent(agency.code)}">${agency.name}</a></nav>
<article class="report" data-revision="${shown.revision}" data-content-hash="${shown.contentHash}">
<h1>${report.title}</h1>
<p class="meta"><span>发布机关：${agency.name}</span><span>首次发布：<time datetime="${report.firstPublishedAt.toISOString()}">${chineseDate(report.firstPublishedAt)}</time></span><span class="${late ? "late" : "on-time"}">${late ? `逾期发布（应于${due}前发布）` : `按期发布（${due}前）`}</span><span>第 ${shown.revision} 版</span></p>
<p class="downloads">数据下载：<a href="${base}.json" type="application/json">JSON</a><a href="${base}.csv" type="text/csv">CSV（Excel）</a><a href="${base}">本版固定链接</a></p>
${notices(report)}
${sections}
<footer>
<p>报告格式：${content.format.def.name}（${content.format.def.doc_no}）。空白单元格表示原报告未填写，不等于 0。</p>
<p>内容哈希（SHA-256）：<span class="hash" id="content-hash">${shown.contentHash}</span></p>
</footer>
</article>`;
  return layout(report.title, body);
}
