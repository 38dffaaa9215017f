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
    .option("--new-agency-code <code>", "when the agency named in the file (or --agency) does not exist yet: create it with this code, its public URL /reports/CODE/YEAR")
    .option("--year <year>", "the year, overriding the one in the text", value => Number(value))
    .action(async (file: string, options: { agency?: string; agencyCode?: string; newAgencyCode?: string; year?: number }) => {
      // The file is read (and refused with exit 2) before the database is opened: nothing is written for unreadable input.
      const { parsed, text, file: source } = await parseFile(file, { agency: options.agency, year: options.year });
      await withServices(async services => {
        try {
          const input = { text, file: source, agencyName: options.agency, agencyCode: options.agencyCode, newAgencyCode: options.newAgencyCode, year: options.year };
          const { report, agency } = await services.imports.importParsedInput(CLI_ACTOR, input, parsed);
          console.log(`Imported ${report.title} (${parsed.format}, from ${source.kind}) as report ${toGlobalId("Report", report.id)} (#${report.id}).`);
          if (agency) {
            console.log(
              agency.created
                ? `Created agency ${agency.name} with code ${agency.code} (its reports: /reports/${agency.code}/YEAR); choose a readable code with --new-agency-code.`
                : `Into agency ${agency.name} (code ${agency.code}).`,
            );
          }
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
