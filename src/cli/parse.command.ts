import type { Command } from "commander";
import { decimalToNumber } from "../formats";
import type { ParsedReport } from "../import";
import { DomainError } from "../services";
import { parseOrFail } from "../services/import.service";
import { CliError, EXIT_UNREADABLE, readTextFile } from "./shared";

/** The `parse --json` contract: cells keyed by format ids, numbers or null (blank). */
export function parsedToJson(parsed: ParsedReport) {
  const cells = Object.fromEntries(
    Object.entries(parsed.cells).map(([key, value]) => [key, value === null ? null : decimalToNumber(value)]),
  );
  return {
    format: parsed.format,
    year: parsed.year,
    agency: parsed.agency,
    cells,
    sections: parsed.sections,
    warnings: parsed.warnings,
  };
}

/** Parses a file, turning unreadable input into exit code 2 with the parser's reason. */
export function parseFile(file: string, options: { agency?: string; year?: number } = {}): ParsedReport {
  const text = readTextFile(file);
  try {
    return parseOrFail({ text, agencyName: options.agency, year: options.year });
  } catch (error) {
    if (error instanceof DomainError) {
      throw new CliError(`${file}: ${error.message}`, EXIT_UNREADABLE);
    }
    throw error;
  }
}

export function registerParse(program: Command): void {
  program
    .command("parse")
    .description("Read a published report's text and print what was found; writes nothing.")
    .argument("<file>", "the report as text (Word/PDF/HTML/Markdown export)")
    .option("--json", "print JSON: {format, year, agency, cells, sections, warnings}")
    .action((file: string, options: { json?: boolean }) => {
      const parsed = parseFile(file);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(parsedToJson(parsed), null, 2)}\n`);
        return;
      }
      const filled = Object.values(parsed.cells).filter(value => value !== null).length;
      const blank = Object.values(parsed.cells).length - filled;
      console.log(`${parsed.agency} ${parsed.year} (${parsed.format})`);
      console.log(`cells: ${filled} filled, ${blank} blank; sections: ${Object.keys(parsed.sections).join(", ")}`);
      for (const warning of parsed.warnings) {
        console.log(`warning: ${warning}`);
      }
    });
}

