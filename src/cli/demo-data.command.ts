import { InvalidArgumentError } from "commander";
import type { Command } from "commander";
import { generateDemoData } from "../demo/generate";
import { CliError, EXIT_FAILED, withServices } from "./shared";

function whole() {
  return (value: string) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0) throw new InvalidArgumentError("must be a whole number.");
    return number;
  };
}

function years(value: string): [number, number] {
  const match = /^(\d{4})(?:-(\d{4}))?$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError("must be A-B, e.g. 2020-2024.");
  return [Number(match[1]), Number(match[2] ?? match[1])];
}

function share(value: string): number {
  const number = Number(value);
  if (!(number >= 0 && number <= 1)) throw new InvalidArgumentError("must be between 0 and 1.");
  return number;
}

export function registerDemoData(program: Command): void {
  const thisYear = new Date().getUTCFullYear();
  program
    .command("demo-data")
    .description(
      "Generate realistic demo data into DATABASE_URL: a province → city → county tree of agencies with one user per role, " +
        "reports of both formats whose tables add up (except --broken-share of them), workflow histories and a valid audit chain.",
    )
    .option("--agencies <n>", "number of agencies", whole(), 50)
    .option("--years <A-B>", "report years", years, [thisYear - 3, thisYear] as [number, number])
    .option("--broken-share <share>", "share of reports whose tables do not add up (they stay drafts)", share, 0.03)
    .option("--audit-records <n>", "pad the audit trail with draft edits to this many records in all", whole())
    .option("--seed <s>", "random seed: the same seed gives the same data", whole(), 1)
    .action(async (options: { agencies: number; years: [number, number]; brokenShare: number; auditRecords?: number; seed: number }) => {
      const summary = await withServices(services =>
        generateDemoData(services, {
          agencies: options.agencies,
          fromYear: options.years[0],
          toYear: options.years[1],
          brokenShare: options.brokenShare,
          auditRecords: options.auditRecords,
          seed: options.seed,
          log: line => console.error(line),
        }),
      ).catch((error: unknown) => {
        if (error instanceof Error && /^(--|Agencies )/.test(error.message)) throw new CliError(error.message, EXIT_FAILED);
        throw error;
      });
      const states = Object.entries(summary.byState)
        .map(([state, count]) => `${state} ${count}`)
        .join(", ");
      const broken = summary.reports.filter(report => report.broken).length;
      console.log(
        `Generated ${summary.agencies} agencies (top: ${summary.topAgencyCode}), ${summary.users} users, ${summary.reports.length} reports ` +
          `(${states}; ${summary.publishedLate} published late; ${broken} that do not add up) in ${summary.seconds.toFixed(1)} s.`,
      );
      console.log(`Audit trail: ${summary.auditTotal} records, head ${summary.head.seq} ${summary.head.hash}.`);
      console.log(`Users are <agency code>.<role>, e.g. npx gongkai token --user ${summary.topAgencyCode}.auditor`);
    });
}
