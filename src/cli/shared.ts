import fs from "node:fs";
import type { Command } from "commander";
import { Database, databaseConfigFromUrl } from "../db";
import { createServices } from "../services";
import type { Services } from "../services";

/** Exit codes shared by the commands: 0 ok, 1 the content fails checks or a change was refused, 2 unreadable input. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_UNREADABLE = 2;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Reads a file's bytes; a missing or unreadable file is exit 2 with the reason. */
export function readFileBytes(file: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new CliError(`Cannot read ${file}: ${reason}.`, EXIT_UNREADABLE);
  }
}

/** Opens the database named by DATABASE_URL (default data/gongkai.sqlite), migrated. */
export async function withServices<T>(work: (services: Services) => Promise<T>): Promise<T> {
  const db = await Database.open(databaseConfigFromUrl(process.env.DATABASE_URL));
  try {
    return await work(createServices(db));
  } finally {
    await db.close();
  }
}

/** Commands that only read (or, like a checkpoint, only vouch for what exists): they never create a database. */
const NEED_EXISTING_DATABASE = new Set(["audit verify", "audit export", "audit checkpoint", "user list", "token"]);

/**
 * Refuses, before any work, a read-only command on a SQLite file that does not exist: opening it would create
 * an empty database and answer about nothing ("OK: 0 audit records") — most likely DATABASE_URL is mistyped.
 */
export function assertDatabaseExists(command: Command): void {
  const name = [command.parent?.parent ? command.parent.name() : null, command.name()].filter(Boolean).join(" ");
  const readsDatabase = NEED_EXISTING_DATABASE.has(name) || (name === "validate" && command.opts().report !== undefined);
  const config = databaseConfigFromUrl(process.env.DATABASE_URL);
  if (readsDatabase && config.engine === "sqlite" && config.file !== ":memory:" && !fs.existsSync(config.file)) {
    throw new CliError(
      `No database at ${config.file}: check DATABASE_URL (\`gongkai ${name}\` reads an existing database and does not create one).`,
      EXIT_FAILED,
    );
  }
}
