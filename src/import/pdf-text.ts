/**
 * A PDF's text layer as lines, the way a reader sees the page: text items
 * (pdf.js getTextContent) grouped into lines by their baseline, ordered left
 * to right, with a space where a gap separates two items (table cells). This
 * is the layout the table readers already take from PDF extractors: a row's
 * label and numbers on one line, wrapped labels on the lines around it.
 *
 * pdf.js is an ES module; it runs in a worker thread so this CommonJS code
 * (and the test runner) loads it through Node's own module loader.
 */
import { Worker } from "node:worker_threads";
import { ReportParseError } from "./parsed-report.types";

export interface TextItem {
  /** The text. */
  s: string;
  /** Left x, baseline y (PDF units, y grows upwards), width, font height. */
  x: number;
  y: number;
  w: number;
  h: number;
}

const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { pathToFileURL } = require("node:url");
const loading = import(pathToFileURL(workerData.module).href);
async function read(data) {
  const pdfjs = await loading;
  const doc = await pdfjs.getDocument({
    data, isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0,
    cMapUrl: workerData.cMaps, cMapPacked: true, standardFontDataUrl: workerData.fonts,
  }).promise;
  try {
    const pages = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const content = await page.getTextContent();
      pages.push(content.items.filter(item => typeof item.str === "string" && item.str.trim() !== "").map(item => ({
        s: item.str, x: item.transform[4], y: item.transform[5], w: item.width, h: Math.hypot(item.transform[2], item.transform[3]) || item.height,
      })));
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}
parentPort.on("message", ({ id, data }) => {
  read(data).then(pages => parentPort.postMessage({ id, pages }), error => parentPort.postMessage({ id, error: String((error && error.message) || error) }));
});
`;

function pdfjsPaths() {
  const module = require.resolve("pdfjs-dist/legacy/build/pdf.mjs");
  const root = module.replace(/legacy[\\/]build[\\/]pdf\.mjs$/, "");
  return { module, cMaps: `${root}cmaps/`, fonts: `${root}standard_fonts/` };
}

type Reply = { id: number; pages?: TextItem[][]; error?: string };

/**
 * One worker serves every PDF of the process (pdf.js loads once); it does
 * not keep the process alive while idle.
 */
let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, { resolve: (pages: TextItem[][]) => void; reject: (error: Error) => void }>();

function pdfWorker(): Worker {
  if (worker) {
    return worker;
  }
  const started = new Worker(WORKER, { eval: true, workerData: pdfjsPaths() });
  started.unref();
  started.on("message", (reply: Reply) => {
    const pending = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (waiting.size === 0) started.unref();
    if (reply.pages) {
      pending?.resolve(reply.pages);
    } else {
      pending?.reject(
        new ReportParseError(
          `无法读取 PDF：${reply.error}；请用原文件重新导出带文字的 PDF 或另存为 DOCX (the PDF cannot be read: ${reply.error}; export it again as a PDF with text, or save it as DOCX)`,
        ),
      );
    }
  });
  started.on("error", error => {
    for (const pending of waiting.values()) pending.reject(new ReportParseError(`无法读取 PDF (the PDF cannot be read: ${error.message})`));
    waiting.clear();
    worker = undefined;
  });
  worker = started;
  return started;
}

/** Stops the PDF worker (tests and benchmarks end with it). */
export async function closePdfReader(): Promise<void> {
  const running = worker;
  worker = undefined;
  await running?.terminate();
}

/** The text items of every page, read by pdf.js in the worker. */
export function pdfTextItems(bytes: Uint8Array): Promise<TextItem[][]> {
  const target = pdfWorker();
  const id = nextId++;
  const data = new Uint8Array(bytes);
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    target.ref();
    target.postMessage({ id, data }, [data.buffer]);
  });
}

/** Items on one baseline (within a third of the text height) form a line. */
function groupLines(items: readonly TextItem[]): TextItem[][] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Array<{ y: number; h: number; items: TextItem[] }> = [];
  for (const item of sorted) {
    const line = lines.find(candidate => Math.abs(candidate.y - item.y) <= Math.max(2, Math.min(candidate.h, item.h) / 3));
    if (line) {
      line.items.push(item);
    } else {
      lines.push({ y: item.y, h: item.h, items: [item] });
    }
  }
  return lines.sort((a, b) => b.y - a.y).map(line => line.items.sort((a, b) => a.x - b.x));
}

/** A line's text: items joined, with a space where the gap is wider than a fifth of the text height. */
function lineText(items: readonly TextItem[]): string {
  let text = "";
  let end = -Infinity;
  for (const item of items) {
    const gap = item.x - end;
    text += text !== "" && gap > Math.max(1, item.h / 5) ? ` ${item.s.trim()}` : item.s.trim();
    end = item.x + item.w;
  }
  return text;
}

/** The pages' lines in reading order, pages one after the other. */
export function itemsToText(pages: readonly TextItem[][]): string {
  return pages.map(items => groupLines(items).map(lineText).join("\n")).join("\n");
}

export async function pdfToText(bytes: Uint8Array): Promise<string> {
  const pages = await pdfTextItems(bytes);
  const characters = pages.reduce((sum, items) => sum + items.reduce((n, item) => n + item.s.trim().length, 0), 0);
  if (characters < 20 * Math.max(1, pages.length)) {
    throw new ReportParseError(
      "PDF 没有文字层（可能是扫描件），无法读取表格：请用原 Word 文件另存为 DOCX，或导出带文字的 PDF (the PDF has no text layer, probably a scan: save the original as DOCX or export a PDF with text)",
    );
  }
  return itemsToText(pages);
}
