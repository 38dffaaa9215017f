/** Reads the shared seed and samples in place (they are never copied into the project). */
import * as fs from "fs";
import * as path from "path";
import type { ParsedReport } from "../../src/import";

export { SHARED } from "../support/shared-dir";
import { SHARED } from "../support/shared-dir";
export const SEED = "seeds/000_03f8448a5fbe2020";

export interface Expected {
  agency: string;
  year: number;
  format: string;
  cells: Record<string, number | null>;
  sections?: Record<string, string>;
  extras?: { channel_distribution?: Record<string, number> };
}

export function sampleNames(): string[] {
  return fs
    .readdirSync(path.join(SHARED, "samples"))
    .filter(name => name.endsWith(".txt"))
    .map(name => `samples/${name.replace(/\.txt$/, "")}`)
    .sort();
}

export function readText(name: string): string {
  return fs.readFileSync(path.join(SHARED, `${name}.txt`), "utf8");
}

export function readExpected(name: string): Expected {
  return JSON.parse(fs.readFileSync(path.join(SHARED, `${name}.expected.json`), "utf8")) as Expected;
}

/** Cells that differ: value compared as a number (null = blank), absent keys must stay absent. */
export function cellDifferences(parsed: ParsedReport, expected: Expected): string[] {
  const differences: string[] = [];
  for (const [key, want] of Object.entries(expected.cells)) {
    const got = parsed.cells[key];
    const same = want === null ? got === null : got !== undefined && got !== null && Number(got) === want;
    if (!same) {
      differences.push(`${key}: expected ${want}, got ${got}`);
    }
  }
  for (const key of Object.keys(parsed.cells)) {
    if (!(key in expected.cells)) {
      differences.push(`${key}: expected absent, got ${parsed.cells[key]}`);
    }
  }
  return differences;
}
