import fs from "node:fs";
import { placeholders } from "../../src/db";
import { ReportCellEntity, ReportEntity } from "../../src/entities";
import { toStoredValue } from "../../src/formats";
import type { CellDef } from "../../src/formats";
import type { Services } from "../../src/services";
import { CLI_ACTOR } from "../../src/services";
import { blankContents, contentStatement, formatOf, loadContents, readContentRows } from "../../src/services/report-store";
import type { ContentRow, ReportContent } from "../../src/services/report-store";
import { SEED_TEXT, openTestServices, testEngine } from "../support/test-services";

/**
 * Issue 14 (a): on PostgreSQL a report's content comes as one row of JSON the server builds, on SQLite as a row
 * per cell, section and channel. Both must give what the rows hold: every cell (the largest value exactly), the
 * sections, the channels in their authors' order, and a report with nothing stored as blank.
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

/** The same reports read with the per-row statement and read the way SQLite's path reads it. */
async function byRows(reports: ReportEntity[]): Promise<Map<number, ReportContent>> {
  const contents = blankContents(reports);
  const ids = reports.map(report => report.id);
  const rows = await services.db.read(manager =>
    manager.query<ContentRow[]>(
      contentStatement(ids.length, (count, first) => placeholders(manager, count, first)),
      [...ids, ...ids, ...ids],
    ),
  );
  readContentRows(rows, contents);
  return contents;
}

describe(`loadContents on ${testEngine}`, () => {
  it("reads every cell, section and channel the rows hold, in the authors' order", async () => {
    const loaded = await services.db.read(manager => loadContents(manager, [seeded, empty]));
    const expected = await byRows([seeded, empty]);
    const content = loaded.get(seeded.id)!;
    expect(content.cells).toEqual(expected.get(seeded.id)!.cells);
    expect(content.sections).toEqual(expected.get(seeded.id)!.sections);
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
