/**
 * Files as agencies hold them, detected by content: the three published PDFs
 * (WPS exports with a text layer), the blank national template as DOCX, and
 * the files that cannot be read (legacy .doc, a PDF without text, binary
 * junk), which fail with a message saying what to do.
 */
import fs from "node:fs";
import path from "node:path";
import { zipSync, strToU8 } from "fflate";
import { getFormat } from "../../src/formats";
import type { ParsedReport } from "../../src/import";
import { ReportParseError } from "../../src/import";
import { closePdfReader } from "../../src/import/pdf-text";
import { documentText, readDocument } from "../../src/import/read-document";
import { hasErrors, validateReport } from "../../src/validation";
import { SHARED, cellDifferences, readExpected } from "./fixtures";

const FILES = path.join(SHARED, "samples", "files");
const PDFS = ["2023_huaian_hongzequ_renmin_zhengfu", "2024_huaian_hongzequ_renmin_zhengfu", "2024_huaian_shi_renmin_zhengfu"];

interface Verdict {
  failing_rules: string[];
  validate_exit: number;
}

function verdict(parsed: ParsedReport): Verdict {
  const format = getFormat(parsed.format);
  const violations = validateReport({ format, year: parsed.year ?? 0, cells: parsed.cells, sections: parsed.sections });
  const sumRuleIds = new Set(format.def.rules.filter(rule => rule.type !== "domain").map(rule => rule.id));
  return {
    failing_rules: violations
      .filter(v => sumRuleIds.has(v.ruleId))
      .map(v => v.ruleId)
      .sort(),
    validate_exit: hasErrors(violations) ? 1 : 0,
  };
}

function expectedVerdict(name: string): Verdict {
  const expected = (readExpected(name) as unknown as { expected: Verdict }).expected;
  return { failing_rules: [...expected.failing_rules].sort(), validate_exit: expected.validate_exit };
}

async function readError(bytes: Uint8Array): Promise<string> {
  try {
    await readDocument(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(ReportParseError);
    return (error as Error).message;
  }
  throw new Error("expected the file to be refused");
}

afterAll(() => closePdfReader());

describe.each(PDFS)("the published PDF %s", name => {
  let parsed: ParsedReport & { source: { kind: string } };
  beforeAll(async () => {
    parsed = await readDocument(fs.readFileSync(path.join(FILES, `${name}.pdf`)));
  });

  it("is read as a PDF and gives the expected cells (≥ 98% exact) and the same verdict", () => {
    const expected = readExpected(`samples/${name}`);
    const total = Object.keys(expected.cells).length;
    const exact = total - cellDifferences(parsed, expected).filter(d => !d.includes("expected absent")).length;
    console.log(`${name}.pdf: ${exact}/${total} cells exact (${((100 * exact) / total).toFixed(1)}%)`);
    expect(parsed.source.kind).toBe("pdf");
    expect(exact / total).toBeGreaterThanOrEqual(0.98);
    expect({ agency: parsed.agency, year: parsed.year, format: parsed.format }).toEqual({
      agency: expected.agency,
      year: expected.year,
      format: expected.format,
    });
    expect(verdict(parsed)).toEqual(expectedVerdict(`samples/${name}`));
  });
});

describe("the blank national template as DOCX", () => {
  it("reads as the 2021 format with 200 blank cells, no failing rule, validate exit 1", async () => {
    const parsed = await readDocument(fs.readFileSync(path.join(FILES, "template_gb2021_kongbai.docx")));
    const expected = readExpected("samples/files/template_gb2021_kongbai");
    expect(parsed.source.kind).toBe("docx");
    expect(parsed.format).toBe("gb2021");
    expect(parsed.year).toBeNull();
    expect(Object.keys(parsed.cells)).toHaveLength(200);
    expect(cellDifferences(parsed, expected)).toEqual([]);
    console.log(`template_gb2021_kongbai.docx: ${Object.values(parsed.cells).filter(v => v === null).length}/200 cells read blank`);
    expect(verdict(parsed)).toEqual(expectedVerdict("samples/files/template_gb2021_kongbai"));
  });
});

describe("files that cannot be read say what to do", () => {
  it("refuses a legacy Word .doc (OLE compound file), asking for DOCX or PDF", async () => {
    const doc = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);
    expect(await readError(doc)).toMatch(/\.doc.*DOCX.*PDF/);
  });

  it("refuses a PDF without a text layer (a scan), asking for DOCX or a PDF with text", async () => {
    const scan = strToU8(
      "%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n",
    );
    expect(await readError(scan)).toMatch(/没有文字层.*no text layer.*DOCX/);
  });

  it("refuses a ZIP that is not a Word document, binary junk and an empty file", async () => {
    expect(await readError(zipSync({ "a.txt": strToU8("x") }))).toMatch(/word\/document\.xml/);
    expect(await readError(new Uint8Array([1, 2, 3, 0, 0, 7, 8, 9, 0, 1]))).toMatch(/unrecognised binary/);
    expect(await readError(new Uint8Array())).toMatch(/empty/);
  });

  it("tells GB18030 from UTF-8 by the bytes, and HTML from text by its markup", async () => {
    const gbk = new Uint8Array([0xd5, 0xfe, 0xb8, 0xae]); // 政府 in GBK
    expect(await documentText(gbk)).toEqual({ kind: "text", encoding: "gb18030", text: "政府" });
    expect((await documentText(strToU8("<html><body><nav>首页</nav><p>正文</p><script>x()</script></body></html>"))).text).toBe("正文");
  });
});
