import * as fs from "fs";
import * as path from "path";
import { getFormat } from "../../src/formats";
import type { FormatId } from "../../src/formats";
import { validateReport } from "../../src/validation";
import type { ReportToCheck, Violation } from "../../src/validation";

/** The shared reference data, read in place: it is never copied into the project. */
export { SHARED } from "../support/shared-dir";
import { SHARED } from "../support/shared-dir";
export const SAMPLES_DIR = path.join(SHARED, "samples");

export interface ExpectedFile {
  format: FormatId;
  year: number;
  cells: Record<string, number | null>;
  expected: {
    failing_rules: string[];
    blank_cells: string[];
    missing_cells: string[];
    validate_exit: 0 | 1;
  };
}

export const FILLED_SECTIONS = {
  "sec.overview": "本年度政府信息公开工作总体情况。",
  "sec.problems": "存在的主要问题及改进情况。",
  "sec.other": "无其他需要报告的事项。",
};

export function readExpected(file: string): ExpectedFile {
  return JSON.parse(fs.readFileSync(file, "utf8")) as ExpectedFile;
}

/** JSON numbers as the decimal text the engine takes; keys missing in the file stay absent. */
export function toCells(cells: Record<string, number | null>): Record<string, string | null> {
  return Object.fromEntries(Object.entries(cells).map(([key, value]) => [key, value === null ? null : String(value)]));
}

export function reportFromExpected(expected: ExpectedFile): ReportToCheck {
  return {
    format: getFormat(expected.format),
    year: expected.year,
    cells: toCells(expected.cells),
    sections: { ...FILLED_SECTIONS },
  };
}

/** The seed (越秀区应急管理局 2020, gb2019): a consistent, complete report. */
export function seedReport(): ReportToCheck {
  return reportFromExpected(readExpected(path.join(SHARED, "seeds/000_03f8448a5fbe2020.expected.json")));
}

/** A report of the format with every cell "0": consistent, complete, a blank slate for one change. */
export function zeroReport(formatId: FormatId, year: number): ReportToCheck {
  const format = getFormat(formatId);
  return {
    format,
    year,
    cells: Object.fromEntries(format.cellKeys.map(key => [key, "0"])),
    sections: { ...FILLED_SECTIONS },
  };
}

/** A copy of the report with some cells changed; `undefined` removes a cell (absent). */
export function withCells(report: ReportToCheck, changes: Record<string, string | null | undefined>): ReportToCheck {
  const cells = { ...report.cells };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) {
      delete cells[key];
    } else {
      cells[key] = value;
    }
  }
  return { ...report, cells };
}

/**
 * validateReport without the narrative checks (text.*, identity.*, …): for tests of
 * the table rules, whose fixtures carry the same placeholder text every year.
 */
export function validateTables(report: ReportToCheck, previous?: ReportToCheck): Violation[] {
  const narrative = new Set(report.format.def.narrative_checks.rules.map(rule => rule.id));
  return validateReport(report, previous).filter(violation => !narrative.has(violation.ruleId));
}
