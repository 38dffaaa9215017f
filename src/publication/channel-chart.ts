import { scaleBand, scaleLinear } from "d3-scale";
import type { ChannelCount } from "../formats/report-content";
import { html } from "./html";
import type { SafeHtml } from "./html";

export const CHART_TITLE = "全年主动公开信息数量分布";

const WIDTH = 640;
const ROW = 36;
const TOP = 8;
const AXIS = 28;
const RIGHT = 56;
const FONT = 14;

/** Rough text width at FONT px: CJK and full-width characters 1 em, others about 0.6 em (no font metrics on a server). */
function textWidth(text: string): number {
  let ems = 0;
  for (const char of text) ems += /[\u2e80-\uffef]/.test(char) ? 1 : 0.6;
  return ems * FONT;
}

/**
 * The channel distribution as a horizontal bar chart in SVG, drawn on the
 * server: d3-scale places the bars and the axis ticks; every count is printed
 * as text beside its bar, and the chart is an image with a title and a
 * description that state all the numbers for screen readers.
 */
export function renderChannelChart(channels: readonly ChannelCount[], id = "channel-chart"): SafeHtml {
  const left = Math.min(260, Math.ceil(Math.max(...channels.map(channel => textWidth(channel.label)))) + 12);
  const height = TOP + channels.length * ROW + AXIS;
  const y = scaleBand<number>()
    .domain(channels.map((_channel, index) => index))
    .range([TOP, TOP + channels.length * ROW])
    .paddingInner(0.3)
    .paddingOuter(0.15);
  const max = Math.max(1, ...channels.map(channel => channel.count));
  const x = scaleLinear()
    .domain([0, max])
    .nice()
    .range([left, WIDTH - RIGHT]);
  const ticks = x.ticks(5);
  const total = channels.reduce((sum, channel) => sum + channel.count, 0);
  const description = `${channels.map(channel => `${channel.label} ${channel.count} 条`).join("；")}；合计 ${total} 条。`;
  const axisY = TOP + channels.length * ROW;
  return html`<figure class="chart">
<svg role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg" font-size="${FONT}" class="channel-chart" id="${id}">
<title id="${id}-title">${CHART_TITLE}</title>
<desc id="${id}-desc">${description}</desc>
<g class="grid">${ticks.map(
    tick =>
      html`<line x1="${r(x(tick))}" x2="${r(x(tick))}" y1="${TOP}" y2="${axisY}"></line><text class="tick" x="${r(x(tick))}" y="${axisY + 18}" text-anchor="middle">${tick}</text>`,
  )}</g>
<g class="bars">${channels.map((channel, index) => {
    const top = y(index)!;
    const middle = r(top + y.bandwidth() / 2);
    return html`<g class="bar" data-channel="${channel.label}" data-count="${channel.count}"><text class="label" x="${left - 8}" y="${middle}" dy="0.35em" text-anchor="end">${channel.label}</text><rect x="${left}" y="${r(top)}" width="${r(Math.max(0, x(channel.count) - left))}" height="${r(y.bandwidth())}"></rect><text class="value" x="${r(x(channel.count) + 6)}" y="${middle}" dy="0.35em">${channel.count}</text></g>`;
  })}</g>
<line class="axis" x1="${left}" x2="${left}" y1="${TOP}" y2="${axisY}"></line>
</svg>
<figcaption>${CHART_TITLE}（单位：条）</figcaption>
</figure>`;
}

function r(value: number): number {
  return Math.round(value * 10) / 10;
}
