import fs from "node:fs";
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
