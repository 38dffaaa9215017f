import type { Command } from "commander";
import { toGlobalId } from "../schema/node-id";
import { CLI_ACTOR, DomainError, UserErrorCode } from "../services";
import { parseFile } from "./parse.command";
import { CliError, EXIT_FAILED, EXIT_UNREADABLE, withServices } from "./shared";

export function registerImport(program: Command): void {
  program
    .command("import")
    .description("Import a published report (PDF with text, DOCX, saved web page, or text) into the database as a draft (all of it, or nothing).")
    .argument("<file>", "the report file; its kind is told by its content, not its name")
    .option("--agency <name>", "the agency's name, overriding the one in the text")
    .option("--agency-code <code>", "import into this existing agency")
    .option("--year <year>", "the year, overriding the one in the text", value => Number(value))
    .action(async (file: string, options: { agency?: string; agencyCode?: string; year?: number }) => {
      // The file is read (and refused with exit 2) before the database is opened: nothing is written for unreadable input.
      const { parsed, text, file: source } = await parseFile(file, { agency: options.agency, year: options.year });
      await withServices(async services => {
        try {
          const { report } = await services.imports.importParsedInput(CLI_ACTOR, {
            text,
            file: source,
            agencyName: options.agency,
            agencyCode: options.agencyCode,
            year: options.year,
          }, parsed);
          console.log(`Imported ${report.title} (${parsed.format}, from ${source.kind}) as report ${toGlobalId("Report", report.id)} (#${report.id}).`);
          parsed.warnings.forEach(warning => console.log(`warning: ${warning}`));
        } catch (error) {
          if (error instanceof DomainError) {
            const unreadable = error.code === UserErrorCode.UNREADABLE_INPUT || error.code === UserErrorCode.TOO_LONG;
            throw new CliError(`${file}: ${error.message}`, unreadable ? EXIT_UNREADABLE : EXIT_FAILED);
          }
          throw error;
        }
      });
    });
}
