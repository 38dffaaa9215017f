import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the list is CommonJS: jest.pg.config.js reads it too
const ENGINE_FREE: string[] = require("../support/engine-free");

const ROOT = path.resolve(__dirname, "../..");
/**
 * What opens a database: a suite reaching any of these depends on the engine (the server and the services that
 * store reach src/db/; a pure check of the services layer, such as cell-input, does not).
 */
const ENGINE_BOUND = ["src/db/", "test/support/test-services", "test/live/live-fixture"];

function testFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!fs.statSync(full).isDirectory()) return [full];
  return fs
    .readdirSync(full, { recursive: true, encoding: "utf8" })
    .filter(name => name.endsWith(".test.ts"))
    .map(name => path.join(full, name));
}

function resolve(from: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every file a suite reaches through relative imports (type-only ones included). */
function reached(start: string): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
    for (const imported of importedFiles.filter(i => i.fileName.startsWith("."))) {
      const target = resolve(file, imported.fileName);
      if (target) queue.push(target);
    }
  }
  return seen;
}

describe("suites run once (test/support/engine-free.js)", () => {
  it("lists suites that exist", () => {
    for (const entry of ENGINE_FREE) expect(testFiles(entry).length).toBeGreaterThan(0);
  });

  it("finds a database-bound suite bound (the check can fail)", () => {
    const bound = [...reached(path.join(ROOT, "test/live/overdue.test.ts"))].map(f => path.relative(ROOT, f));
    expect(bound.some(file => ENGINE_BOUND.some(prefix => file.startsWith(prefix)))).toBe(true);
  });

  it("none of them reaches the database", () => {
    const bound = ENGINE_FREE.flatMap(testFiles).flatMap(suite =>
      [...reached(suite)]
        .map(file => path.relative(ROOT, file))
        .filter(file => ENGINE_BOUND.some(prefix => file.startsWith(prefix)))
        .map(file => `${path.relative(ROOT, suite)} → ${file}`),
    );
    expect(bound).toEqual([]);
  });
});
