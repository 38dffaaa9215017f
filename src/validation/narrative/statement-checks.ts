import type { ReportToCheck, Violation } from "../violation.types";
import { describeReading, evaluate, readingCells } from "./readings";
import type { ReadingValue } from "./readings";
import { readStatements } from "./statements";
import type { Statement } from "./statements";
import { round2, warning } from "./text";

/**
 * text.statement: each figure the narrative states agrees with the tables,
 * under at least one of its readings (收到 may mean 新收, or 新收 + 上年结转).
 * A statement whose every reading touches an absent cell is left alone.
 * text.percentage: "N 件（P%）" agrees with N over the stated 办结 figure.
 */
export function checkStatements(report: ReportToCheck): Violation[] {
  const statements = readStatements(report.format, report.sections);
  const violations: Violation[] = [];
  for (const statement of statements) {
    const readings = statement.readings.map(refs => evaluate(report, refs)).filter((reading): reading is ReadingValue => reading !== undefined);
    if (readings.length > 0 && !readings.some(reading => reading.total === statement.stated)) {
      violations.push(
        warning(
          report.format,
          "text.statement",
          {
            label: statement.def.label,
            stated: statement.stated,
            unit: statement.def.unit,
            quote: statement.quote,
            cells: readings.map(describeReading).join("，或"),
          },
          readingCells(readings[0]),
        ),
      );
    }
    const percentage = percentageViolation(report, statement, statements);
    if (percentage) violations.push(percentage);
  }
  return violations;
}

function percentageViolation(report: ReportToCheck, statement: Statement, all: Statement[]): Violation | undefined {
  if (statement.percent === undefined || !statement.def.percent_of) return undefined;
  const base = all.find(other => other.def.id === statement.def.percent_of && other.sectionId === statement.sectionId);
  if (!base || base.stated === 0) return undefined;
  const printed = Number(statement.percent);
  const decimals = statement.percent.split(".")[1]?.length ?? 0;
  const computed = (100 * statement.stated) / base.stated;
  // Note: one unit of the last printed digit covers rounding and truncation alike.
  if (Math.abs(printed - computed) <= 10 ** -decimals + 1e-9) return undefined;
  return warning(report.format, "text.percentage", {
    label: statement.def.label,
    stated: statement.stated,
    pct: statement.percent,
    quote: statement.quote,
    base: base.stated,
    computed: round2(computed),
  });
}
