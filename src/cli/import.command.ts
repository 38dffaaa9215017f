import type { Command } from "commander";
import { toGlobalId } from "../schema/node-id";
import { CLI_ACTOR, DomainError, UserErrorCode } from "../services";
import { CliError, EXIT_FAILED, EXIT_UNREADABLE, readTextFile, withServices } from "./shared";

export function registerImport(program: Command): void {
  program
    .command("import")
    .description("Import a published report's text into the database as a draft (all of it, or nothing).")
    .argument("<file>", "the report as text")
    .option("--agency <name>", "the agency's name, overriding the one in the text")
    .option("--agency-code <code>", "import into this existing agency")
    .option("--year <year>", "the year, overriding the one in the text", value => Number(value))
    .action(async (file: string, options: { agency?: string; agencyCode?: string; year?: number }) => {
      const text = readTextFile(file);
      await withServices(async services => {
        try {
          const { report, parsed } = await services.imports.importText(CLI_ACTOR, {
            text,
            agencyName: options.agency,
            agencyCode: options.agencyCode,
            year: options.year,
          });
          console.log(`Imported ${report.title} (${parsed.format}) as report ${toGlobalId("Report", report.id)} (#${report.id}).`);
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
