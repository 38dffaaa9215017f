import { openTestApi } from "../support/test-services";
import type { TestApi } from "../support/test-services";

const CREATE_AGENCY = `mutation($input: AgencyCreateInput!) { agencyCreate(input: $input) { agency { id code name } userErrors { code message field } } }`;
const CREATE_REPORT = `mutation($input: ReportCreateInput!) { reportCreate(input: $input) { report { id year title version state format { id } } userErrors { code message field } } }`;
const SET_CELLS = `mutation($input: ReportCellsSetInput!) { reportCellsSet(input: $input) { report { id version } userErrors { code message field } } }`;
const UPDATE_SECTION = `mutation($input: ReportSectionUpdateInput!) { reportSectionUpdate(input: $input) { report { id version } userErrors { code message field } } }`;
const READ_REPORT = `query($id: ID!) { report(id: $id) { version table(id: "apply") { columns { id } rows { id values } } sections { id body } validation { valid errorCount violations { ruleId severity message cells { key value } } } } }`;

describe("editing a report over GraphQL", () => {
  let api: TestApi;
  let agencyId: string;
  let reportId: string;

  beforeEach(async () => {
    api = await openTestApi();
    const agency = await api.run(CREATE_AGENCY, { input: { code: "test-agency", name: "测试局" } });
    agencyId = agency.data.agencyCreate.agency.id;
    const report = await api.run(CREATE_REPORT, { input: { agencyId, year: 2021 } });
    reportId = report.data.reportCreate.report.id;
  });

  afterEach(() => api.close());

  async function readCell(rowId: string, colId: string) {
    const { data } = await api.run(READ_REPORT, { id: reportId });
    const table = data.report.table;
    const column = table.columns.findIndex((c: { id: string }) => c.id === colId);
    return table.rows.find((r: { id: string }) => r.id === rowId).values[column];
  }

  it("creates a report in the format its year calls for, titled after the agency", async () => {
    const old = await api.run(CREATE_REPORT, { input: { agencyId, year: 2020 } });
    expect(old.data.reportCreate.report).toMatchObject({ year: 2020, state: "DRAFT", version: 1, format: { id: "gb2019" } });
    expect(old.data.reportCreate.report.title).toBe("测试局2020年政府信息公开工作年度报告");
  });

  it("keeps blank and 0 apart", async () => {
    await api.run(SET_CELLS, { input: { reportId, cells: [{ key: "apply/apply.new/col.natural", value: "0" }] } });
    expect(await readCell("apply.new", "col.natural")).toBe("0");
    expect(await readCell("apply.new", "col.legal.commercial")).toBeNull();
  });

  it("stores amounts exactly, to six decimal places", async () => {
    const result = await api.run(SET_CELLS, {
      input: { reportId, cells: [{ key: "active.art20_8/active.fee/col.fee_amount", value: "24252.311082" }] },
    });
    expect(result.data.reportCellsSet.userErrors).toEqual([]);
    const { data } = await api.run(`query($id: ID!) { report(id: $id) { table(id: "active.art20_8") { rows { values } } } }`, { id: reportId });
    expect(data.report.table.rows[0].values).toEqual(["24252.311082"]);
  });

  it("bumps the version on every change and refuses a stale expectedVersion with CONFLICT", async () => {
    const first = await api.run(UPDATE_SECTION, { input: { reportId, sectionId: "sec.other", body: "无。", expectedVersion: 1 } });
    expect(first.data.reportSectionUpdate.report.version).toBe(2);
    const stale = await api.run(UPDATE_SECTION, { input: { reportId, sectionId: "sec.other", body: "有。", expectedVersion: 1 } });
    expect(stale.data.reportSectionUpdate.userErrors[0].code).toBe("CONFLICT");
    const { data } = await api.run(READ_REPORT, { id: reportId });
    expect(data.report.sections.find((s: { id: string }) => s.id === "sec.other").body).toBe("无。");
  });

  it("reports the official identity with the numbers and the cells involved", async () => {
    await api.run(SET_CELLS, {
      input: {
        reportId,
        cells: [
          { key: "apply/apply.new/col.natural", value: "3" },
          { key: "apply/apply.carry_over/col.natural", value: "0" },
          { key: "apply/apply.result.total/col.natural", value: "2" },
          { key: "apply/apply.carry_forward/col.natural", value: "0" },
        ],
      },
    });
    const { data } = await api.run(READ_REPORT, { id: reportId });
    const violation = data.report.validation.violations.find((v: { ruleId: string }) => v.ruleId === "apply.identity.col.natural");
    expect(violation.severity).toBe("ERROR");
    expect(violation.message).toContain("新收 3 + 上年结转 0 = 3");
    expect(violation.cells).toContainEqual({ key: "apply/apply.new/col.natural", value: "3" });
    expect(data.report.validation.valid).toBe(false);
  });
});

describe("bad input to a report", () => {
  let api: TestApi;
  let agencyId: string;
  let reportId: string;

  beforeAll(async () => {
    api = await openTestApi();
    const agency = await api.run(CREATE_AGENCY, { input: { code: "bad-input", name: "输入局" } });
    agencyId = agency.data.agencyCreate.agency.id;
    reportId = (await api.run(CREATE_REPORT, { input: { agencyId, year: 2022 } })).data.reportCreate.report.id;
  });

  afterAll(() => api.close());

  async function setOne(key: string, value: string | null) {
    const result = await api.run(SET_CELLS, { input: { reportId, cells: [{ key, value }] } });
    expect(result.errors).toBeUndefined();
    return result.data.reportCellsSet.userErrors;
  }

  it.each([
    ["an unknown cell id", "apply/apply.nonsense/col.natural", "1", "UNKNOWN_CELL", /Unknown cell/],
    ["a row of the other format", "apply/apply.result.other/col.natural", "1", "UNKNOWN_CELL", /belongs to the gb2019 format/],
    ["a column of the other format", "active.art20_1/active.rules/col.made", "1", "UNKNOWN_CELL", /gb2019/],
    ["a negative count", "apply/apply.new/col.natural", "-1", "INVALID_VALUE", /cannot be negative/],
    ["a fraction in a count", "apply/apply.new/col.natural", "1.5", "INVALID_VALUE", /whole number/],
    ["seven decimal places in an amount", "active.art20_8/active.fee/col.fee_amount", "1.1234567", "INVALID_VALUE", /6 decimal places/],
    ["a string where a number goes", "apply/apply.new/col.natural", "three", "INVALID_VALUE", /not a number/],
  ])("refuses %s with a clear error", async (_case, key, value, code, message) => {
    const [error] = await setOne(key, value);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.field).toEqual(expect.arrayContaining(["input", "cells", "0"]));
  });

  it("writes none of a batch when one cell is bad", async () => {
    const result = await api.run(SET_CELLS, {
      input: {
        reportId,
        cells: [
          { key: "apply/apply.new/col.natural", value: "7" },
          { key: "apply/apply.new/col.total", value: "oops" },
        ],
      },
    });
    expect(result.data.reportCellsSet.userErrors).toHaveLength(1);
    const { data } = await api.run(READ_REPORT, { id: reportId });
    expect(data.report.table.rows[0].values[0]).toBeNull();
    expect(data.report.version).toBe(1);
  });

  it("refuses a section over the limit, and a 10 MB text before any work, and keeps the old text", async () => {
    const result = await api.run(UPDATE_SECTION, { input: { reportId, sectionId: "sec.overview", body: "字".repeat(100_001) } });
    expect(result.data.reportSectionUpdate.userErrors[0]).toMatchObject({ code: "TOO_LONG" });
    const huge = await api.run(UPDATE_SECTION, { input: { reportId, sectionId: "sec.overview", body: "字".repeat(10 * 1024 * 1024) } });
    expect(huge.errors?.[0].extensions).toMatchObject({ code: "TOO_LONG", field: ["variables", "input", "body"] });
    const { data } = await api.run(READ_REPORT, { id: reportId });
    expect(data.report.sections[0].body).toBeNull();
  });

  it("refuses a section id that is not a text section", async () => {
    const result = await api.run(UPDATE_SECTION, { input: { reportId, sectionId: "sec.apply", body: "x" } });
    expect(result.data.reportSectionUpdate.userErrors[0].code).toBe("INVALID_INPUT");
  });

  it.each([
    ["before the first format", 2018],
    ["in the future", new Date().getUTCFullYear() + 1],
  ])("refuses a year %s", async (_case, year) => {
    const result = await api.run(CREATE_REPORT, { input: { agencyId, year } });
    expect(result.data.reportCreate.userErrors[0]).toMatchObject({ code: "INVALID_INPUT", field: ["input", "year"] });
  });

  it("refuses a second report for the same agency and year", async () => {
    const result = await api.run(CREATE_REPORT, { input: { agencyId, year: 2022 } });
    expect(result.data.reportCreate.userErrors[0].code).toBe("DUPLICATE");
  });

  it("refuses a duplicate agency code", async () => {
    const result = await api.run(CREATE_AGENCY, { input: { code: "bad-input", name: "另一个局" } });
    expect(result.data.agencyCreate.userErrors[0].code).toBe("DUPLICATE");
  });

  it("answers an id that is not a report's with NOT_FOUND, not a crash", async () => {
    const result = await api.run(SET_CELLS, { input: { reportId: "garbage", cells: [] } });
    expect(result.data.reportCellsSet.userErrors[0].code).toBe("NOT_FOUND");
  });

  it("answers a number sent where a string goes with BAD_USER_INPUT", async () => {
    const result = await api.run(SET_CELLS, { input: { reportId, cells: [{ key: "apply/apply.new/col.natural", value: 5 }] } });
    expect(result.errors?.[0].extensions.code).toBe("BAD_USER_INPUT");
  });
});
