import fs from "node:fs";
import { ReportEntity } from "../../src/entities";
import { openTestApi, SEED_EXPECTED, SEED_TEXT } from "../support/test-services";
import type { TestApi } from "../support/test-services";

const IMPORT = `mutation($input: ReportImportInput!) {
  reportImport(input: $input) { report { id title year agency { name } format { id } } warnings userErrors { code message } }
}`;
const TABLES = `query($id: ID!) { report(id: $id) { tables { id columns { id } rows { id values } } sections { id body } validation { valid } } }`;

describe("importing a published report over GraphQL", () => {
  let api: TestApi;

  beforeEach(async () => {
    api = await openTestApi();
  });

  afterEach(() => api.close());

  it("stores every cell of the seed exactly as the document prints it", async () => {
    const text = fs.readFileSync(SEED_TEXT, "utf8");
    const imported = await api.run(IMPORT, { input: { text } });
    const report = imported.data.reportImport.report;
    expect(report).toMatchObject({ year: 2020, agency: { name: "广州市越秀区应急管理局" }, format: { id: "gb2019" } });

    const { data } = await api.run(TABLES, { id: report.id });
    const cells: Record<string, number | null> = {};
    for (const table of data.report.tables) {
      for (const row of table.rows) {
        row.values.forEach((value: string | null, index: number) => {
          cells[`${table.id}/${row.id}/${table.columns[index].id}`] = value === null ? null : Number(value);
        });
      }
    }
    expect(cells["active.art20_6/active.penalty/col.decisions"]).toBe(588);
    expect(cells["active.art20_9/active.procurement/col.procurement_amount"]).toBe(27.37);
    expect(cells).toEqual(JSON.parse(fs.readFileSync(SEED_EXPECTED, "utf8")).cells);
    expect(data.report.validation.valid).toBe(true);
    expect(data.report.sections.find((s: { id: string }) => s.id === "sec.other").body).toBe("无其他需要报告的事项。");
  });

  it.each([
    ["an empty text", ""],
    ["an unrelated text", "关于做好冬季安全生产工作的通知。各单位要高度重视。"],
  ])("refuses %s with UNREADABLE_INPUT and writes nothing", async (_case, text) => {
    const imported = await api.run(IMPORT, { input: { text } });
    expect(imported.data.reportImport.userErrors[0].code).toBe("UNREADABLE_INPUT");
    expect(imported.data.reportImport.report).toBeNull();
    expect(await api.services.db.read(manager => manager.count(ReportEntity))).toBe(0);
  });

  it("refuses a binary text (control characters) with INVALID_VALUE and writes nothing", async () => {
    const imported = await api.run(IMPORT, { input: { text: "\u0000\u0001\u0002PK\u0003\u0004\u0000\u0000" } });
    expect(imported.errors?.[0].extensions.code).toBe("INVALID_VALUE");
    expect(await api.services.db.read(manager => manager.count(ReportEntity))).toBe(0);
  });

  it("refuses a duplicate agency/year import and leaves no new agency behind", async () => {
    const text = fs.readFileSync(SEED_TEXT, "utf8");
    await api.run(IMPORT, { input: { text } });
    const again = await api.run(IMPORT, { input: { text } });
    expect(again.data.reportImport.userErrors[0].code).toBe("DUPLICATE");
    const agencies = await api.run(`{ agencies { totalCount nodes { name } } }`);
    expect(agencies.data.agencies.nodes).toHaveLength(1);
    expect(agencies.data.agencies.totalCount).toBe(1);
  });
});
