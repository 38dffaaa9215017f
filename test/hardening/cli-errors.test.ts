import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const BIN = path.resolve(__dirname, "../../bin/gongkai.js");

/** Runs the built CLI (`npm test` builds first). */
function gongkai(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, ...env }, timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** One line that says what to do: no stack trace, no object dump. */
function expectOneLine(stderr: string, pattern: RegExp) {
  const lines = stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at |Error:/);
}

describe("command-line mistakes get one line and a failing exit code (issue 9, point 4)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-cli-errors-"));
  const database = `sqlite:${path.join(dir, "db.sqlite")}`;

  beforeAll(() => {
    expect(gongkai(["migrate"], { DATABASE_URL: database }).code).toBe(0);
  });

  it("DATABASE_URL without a scheme", () => {
    const result = gongkai(["migrate"], { DATABASE_URL: path.join(dir, "x.sqlite") });
    expect(result.code).not.toBe(0);
    expectOneLine(result.stderr, /DATABASE_URL must start with sqlite: or postgres:\/\//);
  });

  it("token --expires with a lifetime it cannot read", () => {
    const bad = gongkai(["token", "--user", "nobody", "--expires", "1x"], { DATABASE_URL: database });
    expect(bad.code).not.toBe(0);
    expectOneLine(bad.stderr, /--expires must be a duration such as 30m, 8h or 1d/);
  });

  it("a port already in use", async () => {
    const blocker = net.createServer();
    await new Promise<void>(resolve => blocker.listen(0, "0.0.0.0", resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const result = await new Promise<{ code: number | null; stderr: string }>(resolve => {
        const child = spawn(process.execPath, [BIN, "serve", "--port", String(port)], { env: { ...process.env, DATABASE_URL: database } });
        let stderr = "";
        child.stderr.on("data", chunk => (stderr += chunk));
        child.on("exit", code => resolve({ code, stderr }));
      });
      expect(result.code).not.toBe(0);
      expectOneLine(result.stderr, new RegExp(`Port ${port} is already in use.*--port`));
    } finally {
      blocker.close();
    }
  });

  it("a port that is not a number", () => {
    const result = gongkai(["serve", "--port", "http"], { DATABASE_URL: database });
    expect(result.code).not.toBe(0);
    expectOneLine(result.stderr, /"http" is not a port/);
  });

  it.each([
    ["audit", "verify"],
    ["audit", "export"],
    ["audit", "checkpoint"],
    ["user", "list"],
    ["validate", "--report", "1"],
  ])("%s %s refuses a SQLite database file that does not exist, and does not create it", (...args) => {
    const missing = path.join(dir, "mistyped", "path.sqlite");
    const result = gongkai(args, { DATABASE_URL: `sqlite:${missing}` });
    expect(result.code).not.toBe(0);
    expectOneLine(result.stderr, /No database at .*path\.sqlite: check DATABASE_URL/);
    expect(fs.existsSync(missing)).toBe(false);
  });
});
