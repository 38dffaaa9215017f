import type { Command } from "commander";
import { toGlobalId } from "../schema/node-id";
import { CLI_ACTOR, DomainError, UserErrorCode } from "../services";
import type { Actor, Services } from "../services";
import { userActor } from "../services/user.service";
import { parseFile } from "./parse.command";
import { CliError, EXIT_FAILED, EXIT_UNREADABLE, withServices } from "./shared";

interface ImportOptions {
  agency?: string;
  agencyCode?: string;
  newAgencyCode?: string;
  year?: number;
  publishedAt?: string;
  source?: string;
  as?: string;
}

export function registerImport(program: Command): void {
  program
    .command("import")
    .description("Import a published report (PDF with text, DOCX, saved web page, or text) into the database as a draft (all of it, or nothing).")
    .argument("<file>", "the report file; its kind is told by its content, not its name")
    .option("--agency <name>", "the agency's name, overriding the one in the text")
    .option("--agency-code <code>", "import into this existing agency")
    .option(
      "--new-agency-code <code>",
      "when the agency named in the file (or --agency) does not exist yet: create it with this code, its public URL /reports/CODE/YEAR",
    )
    .option("--year <year>", "the year, overriding the one in the text", value => Number(value))
    .option("--published-at <date>", "the report was already published on this date (YYYY-MM-DD, Beijing): record it as published then, not as a draft")
    .option("--source <url>", "with --published-at: the page it was published on (the file's name and SHA-256 are recorded too)")
    .option("--as <user>", "with --published-at: the PUBLISHER or ADMIN of the agency who records the publication (a publication is attested by a person)")
    .action(async (file: string, options: ImportOptions) => {
      // The file is read (and refused with exit 2) before the database is opened: nothing is written for unreadable input.
      const { parsed, text, file: source } = await parseFile(file, { agency: options.agency, year: options.year });
      if (options.publishedAt && !options.as) {
        throw new CliError(`${file}: give --as USER, the PUBLISHER or ADMIN of the agency who records the publication.`, EXIT_FAILED);
      }
      await withServices(async services => {
        try {
          const actor = await actorFor(services, options.as);
          const publication = options.publishedAt ? { publishedAt: options.publishedAt, sourceUrl: options.source } : null;
          const input = {
            text,
            file: source,
            agencyName: options.agency,
            agencyCode: options.agencyCode,
            newAgencyCode: options.newAgencyCode,
            year: options.year,
            publication,
          };
          const { report, agency } = await services.imports.importParsedInput(actor, input, parsed);
          const as = publication ? `published on ${report.publishedAt!.toISOString()} (recorded by ${options.as})` : "a draft";
          console.log(`Imported ${report.title} (${parsed.format}, from ${source.kind}) as report ${toGlobalId("Report", report.id)} (#${report.id}), ${as}.`);
          if (agency) {
            console.log(
              agency.created
                ? `Created agency ${agency.name} with code ${agency.code} (its reports: /reports/${agency.code}/YEAR); choose another code with --new-agency-code.`
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

async function actorFor(services: Services, name: string | undefined): Promise<Actor> {
  if (!name) return CLI_ACTOR;
  const user = await services.users.findByName(name);
  if (!user || !user.active) {
    throw new CliError(`No active user is named "${name}"; list them with gongkai user list.`, EXIT_FAILED);
  }
  return userActor(user);
}
