import type { Command } from "commander";
import { parseDuration } from "../auth/duration";
import { tokenConfigFromEnv } from "../auth/token-config";
import { TokenIssueError, issueToken } from "../auth/tokens";
import { databaseConfigFromUrl } from "../db";
import { CLI_ACTOR, DomainError } from "../services";
import { roleList } from "../services/user.service";
import { CliError, EXIT_FAILED, withServices } from "./shared";

export function registerUser(program: Command): void {
  const user = program.command("user").description("Manage users (the CLI is a trusted local operator).");
  user
    .command("add")
    .description("Add a user with roles in one agency.")
    .argument("<name>", "login name")
    .requiredOption("--agency <code>", "the agency's code")
    .requiredOption("--roles <roles>", "comma-separated: DRAFTER,SECRECY_REVIEWER,LEADER,PUBLISHER,AUDITOR,ADMIN")
    .action(async (name: string, options: { agency: string; roles: string }) => {
      await withServices(async services => {
        try {
          const created = await services.users.create(CLI_ACTOR, {
            name,
            agencyCode: options.agency,
            roles: options.roles.split(",").map(role => role.trim().toUpperCase()),
          });
          console.log(`Added ${created.name} (${options.agency}: ${created.roles}).`);
        } catch (error) {
          if (error instanceof DomainError) throw new CliError(error.message, EXIT_FAILED);
          throw error;
        }
      });
    });
  registerPasswd(user);
  user
    .command("list")
    .description("List users: name, agency code, roles.")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }) => {
      const rows = await withServices(services => services.users.list());
      const list = rows.map(({ user: u, agencyCode }) => ({ name: u.name, agency: agencyCode, roles: roleList(u), active: u.active }));
      if (options.json) {
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      for (const row of list) {
        console.log(`${row.name}\t${row.agency}\t${row.roles.join(",")}${row.active ? "" : "\t(deactivated)"}`);
      }
    });
}

/** One line from standard input (a terminal or a pipe), without its line ending. */
async function readPasswordLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (Buffer.concat(chunks).includes(10)) break;
  }
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0];
}

function registerPasswd(user: Command): void {
  user
    .command("passwd")
    .description("Set a user's password, read as one line from standard input.")
    .argument("<name>", "login name")
    .option("--temporary", "force the user to choose a new password at the next sign-in")
    .action(async (name: string, options: { temporary?: boolean }) => {
      if (process.stdin.isTTY) process.stderr.write(`New password for ${name}: `);
      const password = await readPasswordLine();
      await withServices(async services => {
        try {
          await services.signIn.setPassword(CLI_ACTOR, name, password, options.temporary ?? false);
          console.log(`Password set for ${name}${options.temporary ? " (temporary: must be changed at the next sign-in)" : ""}.`);
        } catch (error) {
          if (error instanceof DomainError) throw new CliError(error.message, EXIT_FAILED);
          throw error;
        }
      });
    });
}

export function registerToken(program: Command): void {
  program
    .command("token")
    .description("Print a signed development token for a user (HS256, with JWT_SECRET or the local secret).")
    .requiredOption("--user <name>", "the user's name")
    .option("--expires <duration>", "lifetime, e.g. 8h, 30m", "8h")
    .action(async (options: { user: string; expires: string }) => {
      if (parseDuration(options.expires) === null) {
        throw new CliError(`--expires must be a duration such as 30m, 8h or 1d (got "${options.expires}").`, EXIT_FAILED);
      }
      const config = databaseConfigFromUrl(process.env.DATABASE_URL);
      const found = await withServices(async services => {
        const entity = await services.users.findByName(options.user);
        const agency = entity ? await services.agencies.findById(entity.agencyId) : null;
        return entity && agency ? { entity, agency } : null;
      });
      if (!found || !found.entity.active) {
        throw new CliError(`No active user is named "${options.user}"; see \`gongkai user list\`.`, EXIT_FAILED);
      }
      const token = await issueToken(
        tokenConfigFromEnv(process.env, config),
        { sub: String(found.entity.id), name: found.entity.name, agency: found.agency.code, roles: roleList(found.entity) },
        options.expires,
      ).catch(error => {
        throw error instanceof TokenIssueError ? new CliError(error.message, EXIT_FAILED) : error;
      });
      process.stdout.write(`${token}\n`);
    });
}
