/**
 * Any file an agency holds, read into a report: the kind is told by the
 * content (magic bytes, markup), never by the file name. PDF with a text
 * layer, DOCX, a saved web page, or text in UTF-8 / UTF-16 / GB18030 (GBK).
 * A legacy Word (.doc) or Excel file, RTF, a scanned PDF or anything else
 * unreadable fails with a ReportParseError that says what to do instead.
 */
import { docxToText } from "./docx-text";
import { htmlToText, looksLikeHtml } from "./html-text";
import { parseReport } from "./parse-report";
import type { ParseOptions } from "./parse-report";
import { ReportParseError } from "./parsed-report.types";
import type { ParsedReport } from "./parsed-report.types";
import { pdfToText } from "./pdf-text";

export type DocumentKind = "pdf" | "docx" | "html" | "text";

export interface DocumentText {
  kind: DocumentKind;
  /** The encoding text was decoded from (text and HTML only). */
  encoding?: string;
  text: string;
}

const SAVE_AS = "请在 Word/WPS 中另存为 DOCX，或导出带文字的 PDF (save it as DOCX, or export a PDF with text)";

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

/** UTF-8 when the bytes are valid UTF-8, else GB18030 (a superset of GBK and GB2312) as Windows tools save Chinese text. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, ""), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("gb18030").decode(bytes), encoding: "gb18030" };
  }
}

/** The file's text, by what its bytes are. */
export async function documentText(bytes: Uint8Array): Promise<DocumentText> {
  if (bytes.length === 0) {
    throw new ReportParseError("文件为空 (the file is empty: nothing to import)");
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) {
    return { kind: "pdf", text: await pdfToText(bytes) };
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    return { kind: "docx", text: docxToText(bytes) };
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw new ReportParseError(`这是旧版 Word/Excel 文件（.doc/.xls），无法直接读取：${SAVE_AS}`);
  }
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) {
    throw new ReportParseError(`这是 RTF 文件，无法直接读取：${SAVE_AS}`);
  }
  const { text, encoding } = decodeText(bytes);
  if (looksLikeHtml(text)) {
    return { kind: "html", encoding, text: htmlToText(text) };
  }
  if (text.includes("\u0000") || /[\u0001-\u0008\u000e-\u001a]/.test(text.slice(0, 4000))) {
    throw new ReportParseError(`无法识别的文件（不是 PDF、DOCX、网页或文本）：${SAVE_AS} (unrecognised binary file)`);
  }
  return { kind: "text", encoding, text };
}

/** Reads a file's bytes into a report (see parseReport); the result says which kind of file it was. */
export async function readDocument(bytes: Uint8Array, options: ParseOptions = {}): Promise<ParsedReport & { source: DocumentText }> {
  const source = await documentText(bytes);
  return { ...parseReport(source.text, options), source };
}
