/** The seed and the samples as the narrative checks see them: expected cells, parsed text, the agency. */
import { getFormat } from "../../src/formats";
import type { FormatId } from "../../src/formats";
import { parseReport } from "../../src/import";
import { printedTitle } from "../../src/validation";
import type { ReportToCheck, ReportIdentity } from "../../src/validation";
import { inferAgencyKind } from "../../src/workflow";
import { SEED, readExpected, readText, sampleNames } from "../import/fixtures";
import { toCells } from "./report-fixtures";

export const REPORT_NAMES = [SEED, ...sampleNames()];

export interface NarrativeFixture {
  name: string;
  report: ReportToCheck;
  identity: ReportIdentity;
  /** The report's text, unchanged. */
  text: string;
}

/** Cells as a careful reader read them (expected.json), text, chart and title from the report itself. */
export function narrativeFixture(name: string, text = readText(name)): NarrativeFixture {
  const expected = readExpected(name);
  const parsed = parseReport(text);
  const report: ReportToCheck = {
    format: getFormat(expected.format as FormatId),
    year: expected.year,
    cells: toCells(expected.cells),
    sections: parsed.sections,
    channels: parsed.extras.channelDistribution,
  };
  const identity: ReportIdentity = {
    title: printedTitle(text),
    agency: { name: expected.agency, kind: inferAgencyKind(expected.agency), level: null },
  };
  return { name, report, identity, text };
}
