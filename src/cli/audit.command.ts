import fs from "node:fs";
import { InvalidArgumentError } from "commander";
import type { Command } from "commander";
import { AuditKeyError, checkpointAuditChain, describeVerification, exportAudit, generateAuditKey, loadSigner, loadVerifier, verifyAuditChain } from "../audit";
import type { ChainPoint, VerifyResult } from "../audit";
import { CliError, EXIT_FAILED, withServices } from "./shared";

function report(result: VerifyResult, expectHead?: ChainPoint): void {
  const [first, ...rest] = describeVerification(result);
  (result.ok ? console.log : console.error)(first);
  if (result.ok && expectHead) rest.unshift(`Record ${expectHead.seq} has the expected head hash ${expectHead.hash}.`);
  rest.forEach(line => console.log(line));
  if (!result.ok) process.exitCode = EXIT_FAILED;
}

const seq = (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`not a record number: ${value}`);
  return number;
};

const head = (value: string): ChainPoint => {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError(`--expect-head takes <seq>:<hash> (a record number and its 64-digit hex hash), got ${value}`);
  return { seq: Number(match[1]), hash: match[2] };
};

/** Key files are configuration: a missing or wrong one is a one-line error, exit 1. */
function keys<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof AuditKeyError) throw new CliError(error.message, EXIT_FAILED);
    throw error;
  }
}

export function registerAudit(program: Command): void {
  const audit = program.command("audit").description("The tamper-evident audit trail.");
  audit
    .command("verify")
    .description("Walk the hash chain; say what was checked and what was trusted; exit 0 when intact, 1 naming the first broken record.")
    .option("--full", "walk from record 1 even when a trusted signed checkpoint exists")
    .option(
      "--public-key <file>",
      "Ed25519 public key checkpoints must be signed with (default GONGKAI_AUDIT_PUBLIC_KEY, else the public half of GONGKAI_AUDIT_KEY)",
    )
    .option("--expect-head <seq:hash>", "a head you published earlier: record <seq> must still have <hash>", head)
    .action(async (options: { full?: boolean; publicKey?: string; expectHead?: ChainPoint }) => {
      const verifier = keys(() => loadVerifier(options.publicKey));
      const result = await withServices(services => verifyAuditChain(services.db, { full: options.full, verifier, expectHead: options.expectHead }));
      report(result, options.expectHead);
    });
  audit
    .command("checkpoint")
    .description("Verify the chain, then sign its head with the audit key so later verifies may start there.")
    .option("--key <file>", "Ed25519 private key (default GONGKAI_AUDIT_KEY); keep it outside the database")
    .action(async (options: { key?: string }) => {
      const signer = keys(() => loadSigner(options.key));
      if (!signer) {
        throw new CliError(
          "No audit key: pass --key FILE or set GONGKAI_AUDIT_KEY (create one with gongkai audit keygen --out FILE). An unsigned checkpoint would vouch for nothing.",
          EXIT_FAILED,
        );
      }
      const result = await withServices(services => checkpointAuditChain(services.db, signer));
      report(result);
      if (result.ok && result.headSeq > 0) {
        console.log(`Signed checkpoint at record ${result.headSeq} with audit key ${signer.keyId}. Publish the head: ${result.headSeq}:${result.headHash}`);
      }
    });
  audit
    .command("keygen")
    .description("Create an Ed25519 key pair for signing checkpoints: FILE (private, 0600) and FILE.pub.")
    .requiredOption("--out <file>", "where to write the private key; keep it off the database server")
    .action((options: { out: string }) => {
      const { keyId, publicFile } = keys(() => generateAuditKey(options.out));
      console.log(`Audit key ${keyId}: private key ${options.out}, public key ${publicFile}.`);
      console.log(`Sign checkpoints with GONGKAI_AUDIT_KEY=${options.out}; verify with GONGKAI_AUDIT_PUBLIC_KEY=${publicFile}.`);
    });
  audit
    .command("export")
    .description("Write records as JSON Lines, verifiable without Gongkai (scripts/verify-audit-export.js).")
    .option("--from <seq>", "first record", seq)
    .option("--to <seq>", "last record", seq)
    .option("--out <file>", "write to a file instead of standard output")
    .action(async (options: { from?: number; to?: number; out?: string }) => {
      const out = options.out ? fs.openSync(options.out, "w") : 1;
      const count = await withServices(services => exportAudit(services.db, { from: options.from, to: options.to }, line => fs.writeSync(out, line)));
      if (options.out) {
        fs.closeSync(out);
        console.error(`Exported ${count} records to ${options.out}.`);
      }
    });
}
