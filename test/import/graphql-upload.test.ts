/**
 * A front end uploads a report file inside the GraphQL request (base64),
 * sees what would be stored, then imports it as a draft: all or nothing.
 */
import fs from "node:fs";
import path from "node:path";
import { AuditEventEntity, ReportEntity } from "../../src/entities";
import { closePdfReader } from "../../src/import/pdf-text";
import { ANONYMOUS } from "../../src/services";
import { openTestApi, SHARED } from "../support/test-services";
import type { TestApi } from "../support/test-services";

const FILES = path.join(SHARED, "samples", "files");
const PREVIEW = `query($file: ReportFileInput!, $year: Int) {
  reportImportPreview(file: $file, year: $year) {
    preview { format year agency cells { key value } missingCells uncertainCells sections { id body } warnings file { name kind sha256 bytes } }
    userErrors { code message field }
  }
}`;
const IMPORT = `mutation($input: ReportImportInput!) {
  reportImport(input: $input) { report { id title year agency { name code } } warnings userErrors { code message } }
}`;

function upload(file: string, name = path.basename(file)) {
  return { name, contentBase64: fs.readFileSync(file).toString("base64") };
}

describe("uploading a report file over GraphQL", () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await openTestApi();
  });
  afterEach(() => api.close());
  afterAll(() => closePdfReader());

  const count = (entity: typeof ReportEntity | typeof AuditEventEntity) => api.services.db.read(manager => manager.count(entity));

  it("previews a PDF (format, year, agency, every cell, sections, warnings) and writes nothing", async () => {
    const audits = await count(AuditEventEntity);
    const { data } = await api.run(PREVIEW, { file: upload(path.join(FILES, "2023_huaian_hongzequ_renmin_zhengfu.pdf")) });
    const { preview, userErrors } = data.reportImportPreview;
    expect(userErrors).toEqual([]);
    expect(preview).toMatchObject({ format: "gb2021", year: 2023, agency: "淮安市洪泽区人民政府", uncertainCells: [] });
    expect(preview.file).toMatchObject({ name: "2023_huaian_hongzequ_renmin_zhengfu.pdf", kind: "pdf", bytes: 293525 });
    expect(preview.file.sha256).toMatch(/^94a211353fb0/);
    expect(preview.cells).toHaveLength(186);
    expect(preview.cells).toContainEqual({ key: "active.art20_8/active.fee/col.fee_amount", value: "7730.28" });
    expect(preview.missingCells).toHaveLength(14);
    expect(preview.sections.map((s: { id: string }) => s.id)).toEqual(["sec.overview", "sec.problems", "sec.other"]);
    expect(preview.warnings.join("\n")).toContain("其他处理");
    expect(await count(ReportEntity)).toBe(0);
    expect(await count(AuditEventEntity)).toBe(audits);
  });

  it("imports the uploaded DOCX template only with a year, then as a draft of 200 blank cells", async () => {
    const file = upload(path.join(FILES, "template_gb2021_kongbai.docx"));
    const withoutYear = await api.run(IMPORT, { input: { file, agencyName: "某县司法局" } });
    expect(withoutYear.data.reportImport.userErrors[0]).toMatchObject({ code: "UNREADABLE_INPUT" });
    expect(await count(ReportEntity)).toBe(0);
    const imported = await api.run(IMPORT, { input: { file, agencyName: "某县司法局", year: 2024 } });
    expect(imported.data.reportImport.userErrors).toEqual([]);
    expect(imported.data.reportImport.report).toMatchObject({ year: 2024, agency: { name: "某县司法局" } });
    const audit = await api.services.db.read(manager => manager.findOneByOrFail(AuditEventEntity, { action: "report.import" }));
    expect(JSON.parse(audit.diff).source.file).toMatchObject({ name: "template_gb2021_kongbai.docx", kind: "docx" });
  });

  it("shows nothing to an anonymous caller", async () => {
    const result = await api.run(PREVIEW, { file: upload(path.join(FILES, "template_gb2021_kongbai.docx")) }, ANONYMOUS);
    expect(result.data?.reportImportPreview ?? null).toBeNull();
    expect(result.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a legacy .doc, broken base64, and both text and file, writing nothing", async () => {
    const doc = { name: "report.doc", contentBase64: Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(512)]).toString("base64") };
    const refused = await api.run(PREVIEW, { file: doc });
    expect(refused.data.reportImportPreview.userErrors[0]).toMatchObject({ code: "UNREADABLE_INPUT" });
    expect(refused.data.reportImportPreview.userErrors[0].message).toMatch(/DOCX/);
    const broken = await api.run(PREVIEW, { file: { name: "x.pdf", contentBase64: "%%%not base64" } });
    expect(broken.data.reportImportPreview.userErrors[0]).toMatchObject({ code: "INVALID_VALUE" });
    const both = await api.run(IMPORT, { input: { text: "x", file: doc } });
    expect(both.data.reportImport.userErrors[0]).toMatchObject({ code: "INVALID_VALUE" });
    expect(await count(ReportEntity)).toBe(0);
  });
});
