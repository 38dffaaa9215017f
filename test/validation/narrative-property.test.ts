import fc from "fast-check";
import { generateContent } from "../../src/demo/generate-content";
import { NARRATIVE_PHRASINGS, narrativeFigures } from "../../src/demo/generate-narrative";
import type { NarrativePhrasing } from "../../src/demo/generate-narrative";
import { Rng } from "../../src/demo/generate-rng";
import { getFormat } from "../../src/formats";
import type { FormatId } from "../../src/formats";
import { validateReport } from "../../src/validation";
import type { ReportToCheck } from "../../src/validation";
import { readStatements } from "../../src/validation/narrative";
import { evaluate } from "../../src/validation/narrative/readings";

/** The statements each phrasing must yield, at least. */
const EXPECTED_STATEMENTS: Record<NarrativePhrasing, string[]> = {
  plain: ["apply.received", "apply.carry_over", "apply.concluded", "apply.carry_forward", "review.total", "litigation.total"],
  received: ["apply.received", "apply.carry_over", "apply.concluded", "apply.carry_forward", "review.total", "litigation.total"],
  accepted: ["apply.received", "apply.carry_over", "apply.concluded", "apply.carry_forward", "review.total", "litigation.total"],
  results: [
    "apply.received",
    "apply.concluded",
    "apply.carry_over",
    "apply.carry_forward",
    "apply.result.open_partial",
    "apply.result.denied",
    "apply.result.unable",
    "apply.result.not_processed",
    "apply.result.other",
    "review.total",
    "litigation.total",
  ],
  review: [
    "apply.received",
    "apply.carry_over",
    "apply.concluded",
    "apply.carry_forward",
    "review.total",
    "litigation.total",
    "review.result.upheld",
    "review.result.corrected",
    "review.result.other",
    "review.result.pending",
  ],
};

const TEXT_RULES = new Set(["text.statement", "text.percentage"]);

/** A report whose tables add up (the demo generator's), its section 一 stating them in one phrasing. */
function renderedReport(seed: number, formatId: FormatId, scale: number, phrasing: NarrativePhrasing): ReportToCheck {
  const format = getFormat(formatId);
  const year = formatId === "gb2019" ? 2020 : 2023;
  const content = generateContent(format, year, { name: "某县某局", scale }, undefined, new Rng(seed), null);
  const overview = `${year}年，本机关扎实推进政府信息公开工作。${narrativeFigures(content.cells, new Rng(seed + 1), phrasing)}`;
  return { format, year, cells: content.cells, sections: { ...content.sections, "sec.overview": overview } };
}

const reports = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 30 }),
  formatId: fc.constantFrom<FormatId>("gb2019", "gb2021"),
  scale: fc.double({ min: 0.05, max: 40, noNaN: true }),
  phrasing: fc.constantFrom(...NARRATIVE_PHRASINGS),
});

describe("narrative sentences rendered from valid tables read back to the same figures", () => {
  it("reads every figure of every phrasing, and each equals its table reading", () => {
    fc.assert(
      fc.property(reports, ({ seed, formatId, scale, phrasing }) => {
        const report = renderedReport(seed, formatId, scale, phrasing);
        const statements = readStatements(report.format, report.sections);

        expect(new Set(statements.map(statement => statement.def.id))).toEqual(new Set(EXPECTED_STATEMENTS[phrasing]));
        for (const statement of statements) {
          const totals = statement.readings.map(refs => evaluate(report, refs)?.total);
          expect(totals).toContain(statement.stated);
        }
        expect(validateReport(report).filter(violation => TEXT_RULES.has(violation.ruleId))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it("finds any one figure changed", () => {
    fc.assert(
      fc.property(reports, fc.nat(), ({ seed, formatId, scale, phrasing }, pick) => {
        const report = renderedReport(seed, formatId, scale, phrasing);
        const text = report.sections["sec.overview"];
        const statements = readStatements(report.format, report.sections);
        const target = statements[pick % statements.length];
        // Note: readStatements reports positions in the text without white space; the rendered text has none.
        const figure = /\d+件/.exec(text.slice(target.start, target.end))!;
        const at = target.start + figure.index;
        const altered = `${text.slice(0, at)}${Number.parseInt(figure[0], 10) + 1_000_003}${text.slice(at + figure[0].length - 1)}`;

        const warnings = validateReport({ ...report, sections: { ...report.sections, "sec.overview": altered } }).filter(violation =>
          TEXT_RULES.has(violation.ruleId),
        );

        expect(warnings.length).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  });
});
