import fs from "node:fs";
import { AuditEventEntity, ReportEntity } from "../../src/entities";
import { ANONYMOUS } from "../../src/services";
import { openTestApi, SEED_TEXT } from "../support/test-services";
import type { TestApi } from "../support/test-services";

const PREVIEW = `query($input: ReportImportInput!) {
  reportImportPreview(input: $input) { agencyName year formatId cellCount blankCount sections { sectionId characters } channelCount warnings userErrors { code message } }
}`;

describe("previewing an import (导入 shows what was read before anything is written)", () => {
  let api: TestApi;

  beforeEach(async () => {
    api = await openTestApi();
  });

  afterEach(() => api.close());

  const counts = () =>
    api.services.db.read(async manager => ({ reports: await manager.count(ReportEntity), audit: await manager.count(AuditEventEntity) }));

  it("reads the seed's agency, year, format, cells and sections, and writes nothing", async () => {
    const before = await counts();
    const { data } = await api.run(PREVIEW, { input: { text: fs.readFileSync(SEED_TEXT, "utf8") } });
    expect(data.reportImportPreview).toMatchObject({ agencyName: "广州市越秀区应急管理局", year: 2020, formatId: "gb2019", cellCount: 198, userErrors: [] });
    expect(data.reportImportPreview.sections.map((section: { sectionId: string }) => section.sectionId)).toContain("sec.overview");
    expect(await counts()).toEqual(before);
  });

  it("says why an unrelated text cannot be imported", async () => {
    const { data } = await api.run(PREVIEW, { input: { text: "床前明月光，疑是地上霜。" } });
    expect(data.reportImportPreview.userErrors[0].code).toBe("UNREADABLE_INPUT");
  });

  it("is for signed-in users only", async () => {
    const { errors } = await api.run(PREVIEW, { input: { text: "x" } }, ANONYMOUS);
    expect(errors?.[0].extensions.code).toBe("UNAUTHENTICATED");
  });
});
