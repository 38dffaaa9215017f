import { createHash } from "node:crypto";
import { SafeHtml, html } from "./html";

/**
 * The style of the public pages: the official document's look (宋体 body,
 * 黑体 headings, ruled tables), readable on a phone (tables scroll sideways
 * inside their box, the page does not), and printable on A4.
 */
export const PAGE_CSS = `
:root { color-scheme: light; --ink: #111; --rule: #333; --muted: #555; --accent: #9b1c1c; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #f4f4f2; font: 16px/1.75 "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif; }
.page { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; background: #fff; min-height: 100vh; }
@media (min-width: 48rem) { .page { padding: 2.5rem 3rem 4rem; margin: 1rem auto; min-height: 0; box-shadow: 0 0 0 1px #ddd; } }
h1, h2, h3, .meta, nav, th, figcaption, .notice { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "SimHei", "Heiti SC", "Microsoft YaHei", sans-serif; }
h1 { font-size: 1.5rem; line-height: 1.45; text-align: center; margin: 0.5rem 0 1rem; font-weight: 700; }
h2 { font-size: 1.15rem; margin: 2rem 0 0.75rem; font-weight: 700; }
.meta { text-align: center; color: var(--muted); font-size: 0.875rem; margin: 0 0 1.5rem; }
.meta span { display: inline-block; margin: 0 0.5rem; }
.hash { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.75rem; word-break: break-all; }
nav { font-size: 0.875rem; margin-bottom: 1rem; }
nav a, .downloads a { color: #1a4f8b; }
.downloads { font-size: 0.875rem; text-align: center; margin: -0.75rem 0 1.5rem; }
.downloads a { margin: 0 0.5rem; }
.section-body p { margin: 0 0 0.75rem; text-indent: 2em; text-align: justify; }
.notice { border: 1px solid var(--accent); border-left-width: 4px; padding: 0.75rem 1rem; margin: 0 0 1.5rem; font-size: 0.9rem; background: #fff8f6; }
.notice strong { color: var(--accent); }
.table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 0 0 1rem; }
table.form-table { border-collapse: collapse; width: 100%; font-size: 0.8125rem; line-height: 1.4; }
.form-table + .form-table { margin-top: -1px; }
.form-table th, .form-table td { border: 1px solid var(--rule); padding: 0.35rem 0.4rem; vertical-align: middle; }
.form-table th { font-weight: 400; text-align: center; background: #f7f7f7; }
.form-table tbody th { text-align: left; background: #fff; }
.form-table th[rowspan] { text-align: center; }
.form-table th.block { font-weight: 700; background: #eee; }
.form-table th.corner { font-size: 0.75rem; color: #333; }
.form-table td { text-align: center; font-variant-numeric: tabular-nums; min-width: 2.5rem; white-space: nowrap; }
.unit { display: block; font-size: 0.75rem; }
#tables-active .table-wrap { margin-bottom: 0.75rem; }
figure.chart { margin: 1rem 0 1.5rem; }
figure.chart svg { width: 100%; height: auto; max-width: 40rem; display: block; margin: 0 auto; }
figure.chart figcaption { text-align: center; font-size: 0.875rem; color: var(--muted); }
.channel-chart { font-family: "Noto Sans CJK SC", "SimHei", sans-serif; }
.channel-chart rect { fill: #9b1c1c; }
.channel-chart .grid line { stroke: #ddd; stroke-width: 1; }
.channel-chart .axis { stroke: #333; }
.channel-chart text { fill: #111; }
.channel-chart .tick { fill: #666; font-size: 12px; }
.channel-chart .value { font-weight: 700; }
table.listing { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
.listing th, .listing td { border-bottom: 1px solid #ccc; padding: 0.5rem 0.4rem; text-align: left; vertical-align: top; }
.late { color: var(--accent); }
form.filter { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; margin: 0 0 1rem; font-size: 0.9rem; }
form.filter input { font: inherit; padding: 0.2rem 0.4rem; width: 10rem; }
footer { margin-top: 2.5rem; font-size: 0.8rem; color: var(--muted); border-top: 1px solid #ddd; padding-top: 0.75rem; }
@page { size: A4; margin: 20mm 18mm 22mm; }
@media print {
  body { background: #fff; font-size: 11pt; }
  .page { max-width: none; padding: 0; margin: 0; box-shadow: none; }
  nav, .downloads, form.filter { display: none; }
  a { color: inherit; text-decoration: none; }
  .notice a::after { content: " (" attr(href) ")"; font-size: 0.8em; }
  .table-wrap { overflow: visible; }
  table.form-table { font-size: 8.5pt; page-break-inside: auto; }
  .form-table tr, figure.chart { page-break-inside: avoid; break-inside: avoid; }
  .form-table thead { display: table-header-group; }
  .form-table th { background: #fff !important; }
  h2 { page-break-after: avoid; break-after: avoid; }
  .channel-chart rect { fill: #555; }
}
`;

/**
 * The Content-Security-Policy of the public pages: no scripts at all, no
 * outside resources, and only this page's own style sheet (by its hash).
 */
export const PAGE_CSP = `default-src 'none'; style-src 'sha256-${createHash("sha256").update(PAGE_CSS, "utf8").digest("base64")}'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'self'`;

/** A complete HTML document: no scripts, no outside resources. */
export function layout(title: string, body: SafeHtml): string {
  return html`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${new SafeHtml(PAGE_CSS)}</style>
</head>
<body><main class="page">${body}</main></body>
</html>
`.value;
}

/** A short page with a heading and one sentence, linking back to the index. */
export function messagePage(heading: string, text: string): string {
  return layout(
    `${heading} — 政府信息公开工作年度报告`,
    html`<nav><a href="/reports">全部已发布的年度报告</a></nav><h1>${heading}</h1><p class="meta">${text}</p>`,
  );
}

/** The same page for an unknown agency, a year without a published report and an unpublished revision. */
export function notFoundPage(): string {
  return messagePage("未找到该年度报告", "该地址没有已发布的政府信息公开工作年度报告。");
}
