import fs from "fs";
import { docxToText } from "../../src/import/docx-text";
import { parseReport } from "../../src/import";
it("x", () => {
  const t = docxToText(fs.readFileSync("/work/shared/samples/files/template_gb2021_kongbai.docx"));
  console.log(t);
  const p = parseReport(t);
  console.log(Object.keys(p.cells).length, Object.values(p.cells).filter(v => v !== null).length, p.warnings);
});
