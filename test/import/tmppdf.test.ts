import fs from "fs";
import { readDocument } from "../../src/import/read-document";
import { cellDifferences, readExpected } from "./fixtures";
it.each(["2023_huaian_hongzequ_renmin_zhengfu", "2024_huaian_hongzequ_renmin_zhengfu", "2024_huaian_shi_renmin_zhengfu"])("%s", async name => {
  const t = Date.now();
  const p = await readDocument(fs.readFileSync(`/work/shared/samples/files/${name}.pdf`));
  console.log(Date.now() - t, "ms");
  fs.writeFileSync(`/tmp/${name}.pdf.txt`, p.source.text);
  const d = cellDifferences(p, readExpected(`samples/${name}`));
  console.log(name, p.agency, p.year, d.length, d, p.warnings);
});
