import type { Command } from "commander";
import { getFormat } from "../formats";
import { fromGlobalId } from "../schema/node-id";
import { CLI_ACTOR, createLoaders } from "../services";
import { ReadScope } from "../services/access";
import { hasErrors, printedTitle, validateReport } from "../validation";
import type { Violation } from "../validation";
import { AGENCY_KINDS, AGENCY_LEVELS, inferAgencyKind } from "../workflow";
import type { AgencyKind, AgencyLevel } from "../workflow";
import { parseFile } from "./parse.command";
import { CliError, EXIT_FAILED, EXIT_OK, EXIT_UNREADABLE, withServices } from "./shared";

function printViolations(violations: Violation[], json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ valid: !hasErrors(violations), violations }, null, 2)}\n`);
    return;
  }
  for (const violation of violations) {
    const cells = violation.cells.map(cell => `${cell.key}=${cell.value ?? "空白"}`).join(", ");
    console.log(`${violation.severity} ${violation.ruleId}: ${violation.message}${cells ? `\n    cells: ${cells}` : ""}`);
  }
  const errors = violations.filter(violation => violation.severity === "ERROR").length;
  console.log(errors ? `${errors} error(s), ${violations.length - errors} warning(s).` : `OK: no errors, ${violations.length} warning(s).`);
}

interface ValidateOptions {
  report?: string;
  json?: boolean;
  agency?: string;
  agencyKind?: string;
  agencyLevel?: string;
}

/** A report file: its cells, text and chart, and who it is by (for the identity and 第五十条 checks). */
async function validateFile(file: string, options: ValidateOptions): Promise<Violation[]> {
  const { parsed, text } = await parseFile(file);
  const name = options.agency?.trim() || parsed.agency;
  const kind = options.agencyKind ?? inferAgencyKind(name);
  const level = options.agencyLevel ?? null;
  if (!AGENCY_KINDS.includes(kind as AgencyKind) || (level !== null && !AGENCY_LEVELS.includes(level as AgencyLevel))) {
    throw new CliError(`--agency-kind must be one of ${AGENCY_KINDS.join(", ")}; --agency-level one of ${AGENCY_LEVELS.join(", ")}.`, EXIT_UNREADABLE);
  }
  const content = {
    format: getFormat(parsed.format),
    year: parsed.year ?? 0,
    cells: parsed.cells,
    sections: parsed.sections,
    channels: parsed.extras.channelDistribution,
  };
  const agency = name ? { name, kind: kind as AgencyKind, level: level as AgencyLevel | null } : undefined;
  return validateReport(content, undefined, { title: printedTitle(text), agency });
}

async function validateStored(reportId: string): Promise<Violation[]> {
  const id = /^\d+$/.test(reportId) ? Number(reportId) : fromGlobalId("Report", reportId);
  return withServices(async services => {
    const loaders = createLoaders(services.db, new ReadScope(work => services.db.read(work), CLI_ACTOR));
    const report = id ? await loaders.report.load(id) : null;
    if (!report) {
      throw new CliError(`No report has id ${reportId}.`, EXIT_UNREADABLE);
    }
    return loaders.validation.load(report.id);
  });
}

export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description("Check a report file, or a stored report, against every rule of its format. Exit 0 when no error, 1 when errors, 2 when unreadable.")
    .argument("[file]", "a report file: PDF with text, DOCX, saved web page, or text")
    .option("--report <id>", "a stored report (its id)")
    .option("--json", "print the violations as JSON")
    .option("--agency <name>", "the agency the report is by (default: as read from the title)")
    .option("--agency-kind <kind>", "GOVERNMENT or DEPARTMENT (default: a name ending in 人民政府 is a government)")
    .option("--agency-level <level>", "NATIONAL, PROVINCIAL, CITY, COUNTY or TOWNSHIP")
    .action(async (file: string | undefined, options: ValidateOptions) => {
      if (!file === !options.report) {
        throw new CliError("Give either a FILE or --report ID.", EXIT_UNREADABLE);
      }
      let violations: Violation[];
      if (options.report) {
        violations = await validateStored(options.report);
      } else {
        violations = await validateFile(file!, options);
      }
      printViolations(violations, Boolean(options.json));
      process.exitCode = hasErrors(violations) ? EXIT_FAILED : EXIT_OK;
    });
}
