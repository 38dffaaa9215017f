import fs from "node:fs";
import type { Command } from "commander";
import { checkpointAuditChain, exportAudit, verifyAuditChain } from "../audit";
import type { VerifyResult } from "../audit";
import { EXIT_FAILED, withServices } from "./shared";

function report(result: VerifyResult): void {
  if (result.ok) {
    const resumed = result.resumedFrom ? ` (resumed from checkpoint at record ${result.resumedFrom}, ${result.checked} checked)` : "";
    console.log(`OK: ${result.total} audit records, head ${result.headSeq} ${result.headHash}${resumed}`);
    return;
  }
  console.error(`BROKEN${result.brokenAt ? ` at record ${result.brokenAt}` : ""}: ${result.problem}`);
  process.exitCode = EXIT_FAILED;
}

const seq = (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`not a record number: ${value}`);
  return number;
};

export function registerAudit(program: Command): void {
  const audit = program.command("audit").description("The tamper-evident audit trail.");
  audit
    .command("verify")
    .description("Walk the hash chain; exit 0 when intact, 1 naming the first broken record.")
    .option("--full", "walk from record 1 instead of from the latest checkpoint")
    .action(async (options: { full?: boolean }) => {
      report(await withServices(services => verifyAuditChain(services.db, { full: options.full })));
    });
  audit
    .command("checkpoint")
    .description("Verify the whole chain and record its head, so later verifies resume from there.")
    .action(async () => {
      report(await withServices(services => checkpointAuditChain(services.db)));
    });
  audit
    .command("export")
    .description("Write records as JSON Lines, verifiable without Gongkai (scripts/verify-audit-export.js).")
    .option("--from <seq>", "first record", seq)
    .option("--to <seq>", "last record", seq)
    .option("--out <file>", "write to a file instead of standard output")
    .action(async (options: { from?: number; to?: number; out?: string }) => {
      const out = options.out ? fs.openSync(options.out, "w") : 1;
      const count = await withServices(services =>
        exportAudit(services.db, { from: options.from, to: options.to }, line => fs.writeSync(out, line)),
      );
      if (options.out) {
        fs.closeSync(out);
        console.error(`Exported ${count} records to ${options.out}.`);
      }
    });
}
