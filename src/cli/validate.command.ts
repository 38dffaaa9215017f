import type { Command } from "commander";
import { getFormat } from "../formats";
import { fromGlobalId } from "../schema/node-id";
import { createLoaders } from "../services";
import { hasErrors, validateReport } from "../validation";
import type { Violation } from "../validation";
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

async function validateStored(reportId: string): Promise<Violation[]> {
  const id = /^\d+$/.test(reportId) ? Number(reportId) : fromGlobalId("Report", reportId);
  return withServices(async services => {
    const loaders = createLoaders(services.db);
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
    .action(async (file: string | undefined, options: { report?: string; json?: boolean }) => {
      if (!file === !options.report) {
        throw new CliError("Give either a FILE or --report ID.", EXIT_UNREADABLE);
      }
      let violations: Violation[];
      if (options.report) {
        violations = await validateStored(options.report);
      } else {
        const { parsed } = await parseFile(file!);
        violations = validateReport({ format: getFormat(parsed.format), year: parsed.year ?? 0, cells: parsed.cells, sections: parsed.sections });
      }
      printViolations(violations, Boolean(options.json));
      process.exitCode = hasErrors(violations) ? EXIT_FAILED : EXIT_OK;
    });
}
