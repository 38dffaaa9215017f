/**
 * How long reading a report PDF takes: a 10-page PDF printed by Chromium from
 * a generated report's public page (long narrative sections push the tables
 * across pages), and the three published WPS PDFs of ../shared/samples/files.
 * For each: the first read in a fresh process (pdf.js loads), then the median
 * of warm reads, against the ceiling measured in the same run: pdf.js
 * extracting the text items alone (what any reader pays). Prints figures;
 * asserts nothing.
 *
 *   npm run bench:pdf
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { generateContent } from "../src/demo/generate-content";
import { Rng } from "../src/demo/generate-rng";
import { getFormat } from "../src/formats";
import { readDocument } from "../src/import";
import { closePdfReader, pdfTextItems } from "../src/import/pdf-text";
import { renderReportPage } from "../src/publication/report-page";

const SHARED = process.env.GONGKAI_SHARED ?? path.resolve(__dirname, "../../../../shared");
const WARM_RUNS = 7;

async function tenPagePdf(): Promise<Buffer> {
  const rng = new Rng(20240131);
  const format = getFormat("gb2021");
  const agency = "淮安市洪泽区人民政府";
  const content = generateContent(format, 2024, { name: agency, scale: 4 }, undefined, rng, null);
  const filler = (title: string) => Array.from({ length: 23 }, (_, i) => `${title}第${i + 1}项：${content.sections["sec.overview"] ?? ""}`).join("\n");
  const sections = { ...content.sections, "sec.overview": filler("总体情况"), "sec.problems": filler("问题") };
  const published = new Date(Date.UTC(2025, 0, 20));
  const revision = { revision: 1, contentHash: "0".repeat(64), correctionReason: null, publishedAt: published };
  const html = renderReportPage({
    agency: { code: "bench", name: agency, kind: "GOVERNMENT", level: "COUNTY" },
    year: 2024,
    firstPublishedAt: published,
    shown: revision,
    revisions: [revision],
    title: `${agency}2024年政府信息公开工作年度报告`,
    content: { format, year: 2024, cells: content.cells, sections },
  });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage();
    await page.setContent(html);
    return await page.pdf({ format: "A4" });
  } finally {
    await browser.close();
  }
}

async function millis(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function measure(name: string, bytes: Uint8Array, first: boolean): Promise<void> {
  const cold = first ? await millis(() => readDocument(bytes)) : undefined;
  const parsed = await readDocument(bytes);
  const pages = (await pdfTextItems(bytes)).length;
  const warm: number[] = [];
  const extract: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    warm.push(await millis(() => readDocument(bytes)));
    extract.push(await millis(() => pdfTextItems(bytes)));
  }
  const cells = Object.keys(parsed.cells).length;
  console.log(
    `${name.padEnd(44)} ${String(pages).padStart(2)} pages ${String(cells).padStart(3)} cells  ` +
      `${cold !== undefined ? `first read ${cold.toFixed(0)} ms, ` : ""}warm read ${median(warm).toFixed(0)} ms ` +
      `(ceiling: pdf.js text extraction alone ${median(extract).toFixed(0)} ms; ${(median(warm) / pages).toFixed(0)} ms/page)`,
  );
}

async function main(): Promise<void> {
  const generated = await tenPagePdf();
  console.log(
    `PDF parse benchmark (node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}; median of ${WARM_RUNS} warm reads; target: a 10-page PDF in < 1 s)`,
  );
  await measure("generated report printed by Chromium", generated, true);
  const files = path.join(SHARED, "samples", "files");
  for (const name of fs.existsSync(files) ? fs.readdirSync(files).filter(file => file.endsWith(".pdf")) : []) {
    await measure(name, fs.readFileSync(path.join(files, name)), false);
  }
  await closePdfReader();
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
