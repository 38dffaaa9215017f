import { getFormat } from "../../src/formats";
import { parseReport } from "../../src/import";
import { cellDifferences, readExpected, readText, sampleNames } from "./fixtures";

/** Files that cannot reach 100% would list a floor here; all seven reach it. */
const MATCH_FLOOR: Record<string, number> = {};

describe.each(sampleNames())("parseReport on %s", name => {
  const expected = readExpected(name);
  const parsed = parseReport(readText(name));
  const total = Object.keys(expected.cells).length;
  const differences = cellDifferences(parsed, expected);

  it("reads agency, year and format", () => {
    expect({ agency: parsed.agency, year: parsed.year, format: parsed.format }).toEqual({
      agency: expected.agency,
      year: expected.year,
      format: expected.format,
    });
  });

  it(`matches the expected cells (${total - differences.length}/${total})`, () => {
    const floor = MATCH_FLOOR[name];
    if (floor === undefined) {
      expect(differences).toEqual([]);
    } else {
      expect(total - differences.length).toBeGreaterThanOrEqual(floor);
    }
  });

  it("leaves out only cells it could not find, each named in a warning", () => {
    const absent = getFormat(parsed.format).cellKeys.filter(key => !(key in parsed.cells));
    for (const key of absent) {
      expect(parsed.warnings.some(warning => warning.includes(key))).toBe(true);
    }
  });

  it("has non-empty text for 总体情况, 存在的主要问题 and 其他需要报告的事项", () => {
    for (const id of ["sec.overview", "sec.problems", "sec.other"]) {
      expect(parsed.sections[id]?.length ?? 0).toBeGreaterThan(0);
    }
  });
});
