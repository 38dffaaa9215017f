/**
 * A Word (DOCX) file as text: the body's paragraphs one per line and each
 * table row on one line with its cells separated by TAB, as a browser gives
 * a table. The cells are read from word/document.xml itself: a cell merged
 * into the one above (`w:vMerge` without "restart") is left out, as a
 * browser leaves out a rowspan's later rows; a cell spanning columns
 * (`w:gridSpan`) is one field. A cell holding only spaces (often U+3000 in
 * templates) reads as blank.
 */
import { strFromU8, unzipSync } from "fflate";
import { ReportParseError } from "./parsed-report.types";

const TOKEN = /<(\/?)(w:(?:tbl|tr|tc|p|t|tab|br|cr|vMerge|delText|instrText))\b([^>]*?)(\/?)>|([^<]+)|<[^>]*>/g;

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1].toLowerCase() === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return ENTITIES[name] ?? whole;
  });
}

interface Cell {
  text: string;
  merged: boolean;
}

/** Walks the XML tokens once, keeping the open tables, rows and cells on stacks. */
export function documentXmlToText(xml: string): string {
  const out: string[] = [];
  const rows: Cell[][] = [];
  const cells: Cell[] = [];
  let inText = false;
  let paragraph = "";
  const flushParagraph = () => {
    const cell = cells[cells.length - 1];
    if (cell) {
      cell.text += (cell.text ? " " : "") + paragraph;
    } else if (paragraph.trim() !== "") {
      out.push(paragraph);
    }
    paragraph = "";
  };
  for (const match of xml.matchAll(TOKEN)) {
    const [, closing, tag, attrs, selfClosing, text] = match;
    if (text !== undefined) {
      if (inText) paragraph += decodeEntities(text);
      continue;
    }
    if (tag === "w:t") inText = !closing && !selfClosing;
    else if (tag === "w:tab" && !closing) paragraph += " ";
    else if ((tag === "w:br" || tag === "w:cr") && !closing) paragraph += " ";
    else if (tag === "w:p" && (closing || selfClosing)) flushParagraph();
    else if (tag === "w:tbl" && !closing) out.push("");
    else if (tag === "w:tbl" && closing) out.push("");
    else if (tag === "w:tr" && !closing) rows.push([]);
    else if (tag === "w:tr" && closing) {
      const row = rows.pop() ?? [];
      out.push(
        row
          .filter(cell => !cell.merged)
          .map(cell => cell.text.replace(/[\s\u3000]+/g, " ").trim())
          .join("\t"),
      );
    } else if (tag === "w:tc" && !closing) cells.push({ text: "", merged: false });
    else if (tag === "w:tc" && closing) {
      const cell = cells.pop();
      if (cell) rows[rows.length - 1]?.push(cell);
    } else if (tag === "w:vMerge" && cells.length > 0) {
      cells[cells.length - 1].merged = !/w:val="restart"/.test(attrs ?? "");
    }
  }
  return out.join("\n");
}

/** The text of a DOCX file's body; a ZIP without word/document.xml is not a Word document. */
export function docxToText(bytes: Uint8Array): string {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: file => file.name === "word/document.xml" });
  } catch {
    throw new ReportParseError(
      "DOCX 文件已损坏，无法解压；请在 Word 中重新另存为 DOCX 或导出带文字的 PDF (the DOCX file is damaged: save it again as DOCX or as a PDF with text)",
    );
  }
  const xml = files["word/document.xml"];
  if (!xml) {
    throw new ReportParseError(
      "ZIP 文件中没有 Word 正文 (word/document.xml)：请上传 DOCX、带文字的 PDF、网页或文本 (a ZIP without word/document.xml is not a Word document: give DOCX, PDF with text, HTML or text)",
    );
  }
  return documentXmlToText(strFromU8(xml));
}
