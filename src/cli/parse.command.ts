import path from "node:path";
import type { Command } from "commander";
import { decimalToNumber } from "../formats";
import type { ParsedReport } from "../import";
import { closePdfReader } from "../import/pdf-text";
import { DomainError } from "../services";
import { parseFileOrFail } from "../services/import.service";
import type { ImportedFile } from "../services/import.service";
import { CliError, EXIT_UNREADABLE, readFileBytes } from "./shared";

/** The `parse --json` contract: cells keyed by format ids, numbers or null (blank). */
export function parsedToJson(parsed: ParsedReport, file?: ImportedFile) {
  const cells = Object.fromEntries(Object.entries(parsed.cells).map(([key, value]) => [key, value === null ? null : decimalToNumber(value)]));
  return {
    format: parsed.format,
    year: parsed.year,
    agency: parsed.agency,
    cells,
    sections: parsed.sections,
    warnings: parsed.warnings,
    uncertainCells: parsed.uncertainCells,
    ...(file ? { source: { kind: file.kind, name: file.name, sha256: file.sha256, bytes: file.bytes } } : {}),
  };
}

/**
 * Reads a report file of any accepted kind (PDF, DOCX, HTML, text in UTF-8
 * or GB18030: told by its content), turning unreadable input into exit code
 * 2 with the reader's reason and what to do.
 */
export async function parseFile(
  file: string,
  options: { agency?: string; year?: number } = {},
): Promise<{ parsed: ParsedReport; text: string; file: ImportedFile }> {
  const bytes = readFileBytes(file);
  try {
    return await parseFileOrFail(bytes, { agencyName: options.agency, year: options.year }, path.basename(file));
  } catch (error) {
    if (error instanceof DomainError) {
      throw new CliError(`${file}: ${error.message}`, EXIT_UNREADABLE);
    }
    throw error;
  } finally {
    await closePdfReader();
  }
}

export function registerParse(program: Command): void {
  program
    .command("parse")
    .description("Read a published report (PDF with text, DOCX, saved web page, or text in UTF-8/GB18030) and print what was found; writes nothing.")
    .argument("<file>", "the report file; its kind is told by its content, not its name")
    .option("--json", "print JSON: {format, year, agency, cells, sections, warnings, uncertainCells, source}")
    .action(async (file: string, options: { json?: boolean }) => {
      const { parsed, file: source } = await parseFile(file);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(parsedToJson(parsed, source), null, 2)}\n`);
        return;
      }
      const filled = Object.values(parsed.cells).filter(value => value !== null).length;
      const blank = Object.values(parsed.cells).length - filled;
      console.log(`${parsed.agency || "（未写明机关）"} ${parsed.year ?? "（未写明年度）"} (${parsed.format}), read from ${source.kind}`);
      console.log(`cells: ${filled} filled, ${blank} blank; sections: ${Object.keys(parsed.sections).join(", ")}`);
      if (parsed.uncertainCells.length) {
        console.log(`uncertain cells (check them): ${parsed.uncertainCells.join(", ")}`);
      }
      for (const warning of parsed.warnings) {
        console.log(`warning: ${warning}`);
      }
    });
}
