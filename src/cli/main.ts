import "reflect-metadata";
import { Command, CommanderError } from "commander";
import { ConfigError, Database, databaseConfigFromUrl } from "../db";
import { printGongkaiSchema } from "../server/build-schema";
import { registerAudit } from "./audit.command";
import { registerDemoData } from "./demo-data.command";
import { registerImport } from "./import.command";
import { registerParse } from "./parse.command";
import { registerServe } from "./serve.command";
import { CliError, assertDatabaseExists } from "./shared";
import { registerToken, registerUser } from "./user.command";
import { registerValidate } from "./validate.command";

function buildProgram(): Command {
  const program = new Command("gongkai")
    .description("Gongkai (公开): author, check, approve, publish and audit annual government information disclosure reports.")
    .showHelpAfterError()
    .hook("preAction", (_program, command) => assertDatabaseExists(command));
  registerServe(program);
  program
    .command("migrate")
    .description("Apply pending database migrations (DATABASE_URL, default data/gongkai.sqlite).")
    .action(async () => {
      const db = await Database.open(databaseConfigFromUrl(process.env.DATABASE_URL), { migrate: false });
      const applied = await db.migrate();
      await db.close();
      console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Up to date.");
    });
  registerImport(program);
  registerParse(program);
  registerValidate(program);
  registerUser(program);
  registerToken(program);
  registerAudit(program);
  registerDemoData(program);
  program
    .command("schema")
    .description("Print the GraphQL schema (SDL).")
    .action(() => {
      process.stdout.write(printGongkaiSchema());
    });
  return program;
}

buildProgram()
  .exitOverride()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
    } else if (error instanceof CliError) {
      console.error(error.message);
      process.exitCode = error.exitCode;
    } else if (error instanceof ConfigError) {
      // A setting the operator can fix: one line saying what to do, no stack trace.
      console.error(error.message);
      process.exitCode = 1;
    } else {
      console.error(error);
      process.exitCode = 1;
    }
  });
