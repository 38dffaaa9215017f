import fs from "node:fs";
import { ReportCellEntity, ReportChannelEntity, ReportEntity, ReportSectionEntity } from "../../src/entities";
import { cellKey, fromStoredValue, toStoredValue } from "../../src/formats";
import type { CellDef } from "../../src/formats";
import type { Services } from "../../src/services";
import { CLI_ACTOR } from "../../src/services";
import { blankContents, formatOf, loadContents } from "../../src/services/report-store";
import type { ReportContent } from "../../src/services/report-store";
import { SEED_TEXT, openTestServices, testEngine } from "../support/test-services";

/**
 * Issue 14 (a), (d): on both engines a report's content comes as one row of JSON the database builds. It must
 * give what the rows hold, read here one table at a time through the entities: every cell (the largest value
 * exactly), the sections, the channels in their authors' order, and a report with nothing stored as blank.
 */
let services: Services;
let seeded: ReportEntity;
let empty: ReportEntity;
/** The largest value input allows (cell-input.ts: below 1,000,000,000, six decimals), stored as 999999999999999. */
const LARGEST = "999999999.999999";
let fee: CellDef;

beforeAll(async () => {
  services = await openTestServices();
  await services.agencies.create(CLI_ACTOR, { code: "loader", name: "载入局" });
  const { report } = await services.imports.importText(CLI_ACTOR, { text: fs.readFileSync(SEED_TEXT, "utf8"), agencyCode: "loader" });
  seeded = report;
  fee = [...formatOf(seeded).cells.values()].find(cell => cell.dtype === "decimal")!;
  await services.db.transaction(async manager => {
    const where = { reportId: seeded.id, tableId: fee.table.id, rowId: fee.row.id, colId: fee.column.id };
    await manager.delete(ReportCellEntity, where);
    await manager.insert(ReportCellEntity, { ...where, value: toStoredValue(fee, LARGEST) });
  });
  empty = await services.db.transaction(manager =>
    manager.save(manager.create(ReportEntity, { agencyId: seeded.agencyId, year: seeded.year + 1, formatId: "gb2021", title: "空报告", state: "draft" })),
  );
}, 60_000);

afterAll(() => services.db.close());

/** The same reports read through TypeORM's entities, a table at a time: what the JSON must give back. */
async function byRows(reports: ReportEntity[]): Promise<Map<number, ReportContent>> {
  const contents = blankContents(reports);
  await services.db.read(async manager => {
    for (const report of reports) {
      const content = contents.get(report.id)!;
      for (const row of await manager.findBy(ReportCellEntity, { reportId: report.id })) {
        const cell = content.format.cells.get(cellKey(row.tableId, row.rowId, row.colId))!;
        content.cells[cell.key] = row.value === null ? null : fromStoredValue(cell, row.value);
      }
      for (const row of await manager.findBy(ReportSectionEntity, { reportId: report.id })) content.sections[row.sectionId] = row.body;
      const channels = await manager.find(ReportChannelEntity, { where: { reportId: report.id }, order: { position: "ASC" } });
      content.channels = channels.map(row => ({ label: row.label, count: Number(row.count) }));
    }
  });
  return contents;
}

describe(`loadContents on ${testEngine}`, () => {
  it("reads every cell, section and channel the rows hold, in the authors' order", async () => {
    const loaded = await services.db.read(manager => loadContents(manager, [seeded, empty]));
    const expected = await byRows([seeded, empty]);
    const content = loaded.get(seeded.id)!;
    expect(content.cells).toEqual(expected.get(seeded.id)!.cells);
    expect(content.sections).toEqual(expected.get(seeded.id)!.sections);
    expect(content.channels).toEqual(expected.get(seeded.id)!.channels);
    expect(loaded.get(empty.id)).toEqual(expected.get(empty.id));
    expect(Object.keys(content.sections).length).toBeGreaterThan(0);
    expect(content.channels).toEqual([
      { label: "越秀区政府门户网站", count: 59 },
      { label: "南方+", count: 830 },
      { label: "微博", count: 204 },
      { label: "市应急局信息网", count: 5 },
      { label: "市级以上媒体", count: 54 },
    ]);
    expect(Object.values(content.cells).filter(value => value !== null).length).toBeGreaterThan(50);
  });

  it("keeps the largest value input allows exactly", async () => {
    const loaded = await services.db.read(manager => loadContents(manager, [seeded]));
    expect(loaded.get(seeded.id)!.cells[fee.key]).toBe(LARGEST);
  });

  it("gives a report with nothing stored every cell blank, no sections and no channels", async () => {
    const loaded = await services.db.read(manager => loadContents(manager, [empty]));
    const content = loaded.get(empty.id)!;
    expect(Object.values(content.cells).every(value => value === null)).toBe(true);
    expect(Object.keys(content.cells).length).toBe(content.format.cellKeys.length);
    expect(content.sections).toEqual({});
    expect(content.channels).toEqual([]);
  });
});
