import { publishedLate } from "../workflow/deadline";
import { chineseDate, reportPath } from "./exports";
import { html } from "./html";
import { layout } from "./page-layout";
import type { PublishedListing } from "./public-report.types";

export interface IndexView {
  agency?: string;
  year?: number;
  page: number;
  pageSize: number;
  total: number;
  rows: PublishedListing[];
}

function query(view: IndexView, page: number): string {
  const params = new URLSearchParams();
  if (view.agency !== undefined) params.set("agency", view.agency);
  if (view.year !== undefined) params.set("year", String(view.year));
  if (page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `/reports?${text}` : "/reports";
}

/** The list of published reports with their publication date and whether they met the agency's 第四十九条 deadline. */
export function renderIndexPage(view: IndexView): string {
  const pages = Math.max(1, Math.ceil(view.total / view.pageSize));
  const rows = view.rows.map(row => {
    const late = publishedLate(row.year, row.firstPublishedAt, row.agency);
    return html`<tr data-agency="${row.agency.code}" data-year="${row.year}">
<td>${row.agency.name}</td><td>${row.year}</td>
<td><a href="${reportPath(row.agency.code, row.year)}">${row.title}</a>${row.revision > 1 ? html`（已更正，第 ${row.revision} 版）` : ""}</td>
<td><time datetime="${row.firstPublishedAt.toISOString()}">${chineseDate(row.firstPublishedAt)}</time></td>
<td class="${late ? "late" : "on-time"}" data-on-time="${late ? "false" : "true"}">${late ? "逾期" : "按期"}</td>
</tr>`;
  });
  const body = html`<h1>政府信息公开工作年度报告</h1>
<form class="filter" method="get" action="/reports">
<label>机关代码 <input name="agency" value="${view.agency ?? ""}" placeholder="含下属机关"></label>
<label>年度 <input name="year" value="${view.year ?? ""}" inputmode="numeric" pattern="[0-9]{4}"></label>
<button type="submit">筛选</button>
</form>
<p class="meta">共 ${view.total} 份已发布的报告${view.agency !== undefined ? `（${view.agency} 及其下属机关）` : ""}${view.year !== undefined ? `，${view.year} 年度` : ""}。年度报告的发布期限（条例第四十九条）：政府部门为次年 1 月 31 日前，县级以上地方人民政府为次年 3 月 31 日前。</p>
<div class="table-wrap"><table class="listing"><thead><tr><th scope="col">机关</th><th scope="col">年度</th><th scope="col">报告</th><th scope="col">首次发布</th><th scope="col">是否按期</th></tr></thead>
<tbody>${rows.length ? rows : html`<tr><td colspan="5">没有符合条件的已发布报告。</td></tr>`}</tbody></table></div>
${pages > 1 ? html`<nav class="pages">${view.page > 1 ? html`<a href="${query(view, view.page - 1)}" rel="prev">上一页</a> ` : ""}第 ${view.page} / ${pages} 页${view.page < pages ? html` <a href="${query(view, view.page + 1)}" rel="next">下一页</a>` : ""}</nav>` : ""}`;
  return layout("政府信息公开工作年度报告", body);
}
