/**
 * Round trips through the files agencies hold: random valid reports of both
 * formats printed to PDF from their public page by Chromium (Debian's, via
 * playwright-core, on random paper sizes and scales, so tables break across
 * pages in different places), and written as Word files by the `docx`
 * library with merged cells; each file is read back by content and must give
 * the same cells, year and agency. Skips the PDF part (saying so) only where
 * /usr/bin/chromium is missing and CI is not set.
 */
import fs from "node:fs";
import fc from "fast-check";
import { chromium } from "playwright-core";
import type { Browser } from "playwright-core";
import type { FormatId } from "../../src/formats";
import { parseReport } from "../../src/import";
import { closePdfReader } from "../../src/import/pdf-text";
import { readDocument } from "../../src/import/read-document";
import { reportDocx } from "./shapes/docx-writer";
import { generateReport, publicPage } from "./shapes/generated-report";
import type { GeneratedReport } from "./shapes/generated-report";

const CHROMIUM = "/usr/bin/chromium";
const RUNS = Number(process.env.ROUNDTRIP_FILE_RUNS ?? 8);
const chromiumThere = fs.existsSync(CHROMIUM);
const withChromium = chromiumThere || process.env.CI ? describe : describe.skip;
if (!chromiumThere && !process.env.CI) {
  console.warn(`Skipping the PDF round trip: ${CHROMIUM} is missing (apt-get install -y chromium).`);
}

const runs: Record<string, number> = {};
afterAll(async () => {
  console.log(
    `round trips through files: ${Object.entries(runs)
      .map(([key, count]) => `${key} ${count}`)
      .join(", ")}`,
  );
  await closePdfReader();
});

function differences(report: GeneratedReport, cells: Record<string, string | null>): string[] {
  const keys = new Set([...Object.keys(report.cells), ...Object.keys(cells)]);
  return [...keys].filter(key => report.cells[key] !== cells[key]).map(key => `${key}: wrote ${report.cells[key]}, read ${cells[key]}`);
}

const seeds = fc.integer({ min: 1, max: 2 ** 31 - 1 });

describe.each(["gb2019", "gb2021"] as FormatId[])("file round trip, %s", formatId => {
  it(`reads back every cell from a DOCX written by the docx library (${RUNS * 2} random reports)`, async () => {
    await fc.assert(
      fc.asyncProperty(seeds, async seed => {
        const report = generateReport(seed, formatId);
        const parsed = await readDocument(await reportDocx(report));
        expect(parsed.source.kind).toBe("docx");
        expect(differences(report, parsed.cells)).toEqual([]);
        expect({ year: parsed.year, agency: parsed.agency }).toEqual({ year: report.year, agency: report.agency });
        runs[`${formatId}/docx`] = (runs[`${formatId}/docx`] ?? 0) + 1;
      }),
      { numRuns: RUNS * 2 },
    );
  });

  withChromium("PDF printed by Chromium", () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
      });
    }, 60_000);
    afterAll(() => browser?.close());

    it(`reads back every cell from the public page printed to PDF (${RUNS} random reports)`, async () => {
      const page = await browser.newPage();
      await fc.assert(
        fc.asyncProperty(seeds, fc.constantFrom("A4", "A5", "Letter"), fc.constantFrom(0.8, 1, 1.2), async (seed, paper, scale) => {
          const report = generateReport(seed, formatId);
          await page.setContent(publicPage(report));
          const pdf = await page.pdf({ format: paper, scale, printBackground: false });
          const parsed = await readDocument(pdf);
          expect(parsed.source.kind).toBe("pdf");
          expect(differences(report, parsed.cells)).toEqual([]);
          expect({ year: parsed.year, agency: parsed.agency }).toEqual({ year: report.year, agency: report.agency });
          runs[`${formatId}/pdf`] = (runs[`${formatId}/pdf`] ?? 0) + 1;
        }),
        { numRuns: RUNS },
      );
      await page.close();
    }, 120_000);

    it(`reads back every cell from Chromium's innerText of the page, cells plain or holding paragraphs (${RUNS} random reports)`, async () => {
      const page = await browser.newPage();
      await fc.assert(
        fc.asyncProperty(seeds, fc.boolean(), async (seed, paragraphs) => {
          const report = generateReport(seed, formatId);
          // Word-made pages put every cell's text in <p>; a browser's copy then has blank lines around each TAB.
          const html = paragraphs ? publicPage(report).replace(/(<t[dh]\b[^>]*>)(.*?)(<\/t[dh]>)/g, "$1<p>$2</p>$3") : publicPage(report);
          await page.setContent(html);
          // Note: the callback runs in the browser; typed loosely, as the project does not compile against the DOM library.
          const text = await page.evaluate(() => (globalThis as any).document.body.innerText as string);
          const parsed = parseReport(text);
          expect(differences(report, parsed.cells)).toEqual([]);
          expect({ year: parsed.year, agency: parsed.agency }).toEqual({ year: report.year, agency: report.agency });
          const key = `${formatId}/chromium-innerText${paragraphs ? "-p" : ""}`;
          runs[key] = (runs[key] ?? 0) + 1;
        }),
        { numRuns: RUNS * 2 },
      );
      await page.close();
    }, 120_000);
  });
});
