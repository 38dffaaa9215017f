import { spawn, spawnSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { stopChild } from "../support/child-process";
import { testEngine } from "../support/test-services";
import { extractExamples, matches, steps } from "./readme-examples";
import type { Example } from "./readme-examples";

/**
 * Every example in README.md runs as written against a fresh `npm start` (issue 9, point 8).
 *
 * What runs: every fenced block tagged `sh`/`bash`/`shell` or `graphql`/`gql`, in README order, against one
 * server — so an example may rely on what an earlier one did (the README reads top to bottom). Other blocks
 * (`js`, `json`, untagged) are not run.
 *
 * The server: a fresh temporary folder as the working directory (so `data/gongkai.sqlite` is a new database,
 * with its own `data/jwt-secret`), holding links to the project's bin/, dist/, scripts/, src/ and node_modules/
 * (with `gongkai` in node_modules/.bin, so `npx gongkai` runs the built CLI), and `node dist/cli/main.js serve
 * --demo` started there as `npm start` does after building (`npm test` builds first) on a free port:
 * `localhost:4000` in an example is replaced by that port, and PORT is set for the shell.
 *
 * Conventions in the README (HTML comments, invisible on GitHub), on the line(s) just above the opening fence:
 *   <!-- readme-test: skip — why -->   not run (say why: it needs another server, takes minutes, starts the server…)
 *   <!-- readme-test: as USER -->      a GraphQL example is sent with USER's token (`gongkai token --user USER`);
 *                                      without it, anonymously
 * and inside a block, after the command(s) it describes:
 *   # → TEXT                           the output (stdout and stderr; for GraphQL, the JSON response) must contain
 *                                      TEXT, where … stands for anything and runs of white space compare equal;
 *                                      several `# →` lines in a row must each match
 *   # → TEXT (exit N)                  …and the last command must exit with N (otherwise 0);
 *   # → TEXT (fails)                   …and the last command must exit with a status other than 0
 *
 * A shell example runs in one bash (variables carry from step to step within the block, not across blocks);
 * every command of a step without an `(exit N)` must succeed. A GraphQL example must answer without `errors`,
 * with every `userErrors` list empty and no top-level field null. A failure names the README line.
 *
 * Runs on the default engine only (SQLite, as `npm start` does); under `npm run test:pg` it is skipped.
 */
const ROOT = path.resolve(__dirname, "../..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const EXAMPLES = extractExamples(README).filter(example => example.kind !== "other");

async function freePort(): Promise<number> {
  return new Promise(resolve => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A folder that looks like a freshly installed checkout, without its data/ folder. */
function freshCheckout(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-readme-"));
  for (const entry of ["bin", "dist", "scripts", "src"]) fs.symlinkSync(path.join(ROOT, entry), path.join(dir, entry));
  const modules = path.join(dir, "node_modules");
  fs.mkdirSync(path.join(modules, ".bin"), { recursive: true });
  for (const entry of fs.readdirSync(path.join(ROOT, "node_modules"))) {
    if (entry !== ".bin") fs.symlinkSync(path.join(ROOT, "node_modules", entry), path.join(modules, entry));
  }
  for (const entry of fs.readdirSync(path.join(ROOT, "node_modules", ".bin"))) {
    fs.symlinkSync(fs.realpathSync(path.join(ROOT, "node_modules", ".bin", entry)), path.join(modules, ".bin", entry));
  }
  fs.symlinkSync(path.join(ROOT, "bin", "gongkai.js"), path.join(modules, ".bin", "gongkai"));
  return dir;
}

const where = (example: Example) => `README.md:${example.line}`;

/** One POST on a connection of its own, as curl sends it (no kept-alive socket the server may be closing meanwhile). */
function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "POST", headers, agent: false }, response => {
      const chunks: Buffer[] = [];
      response.on("data", chunk => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
    });
    request.on("error", reject);
    request.end(body);
  });
}

(testEngine === "sqlite" ? describe : describe.skip)("README examples, run as written on a fresh npm start", () => {
  let dir: string;
  let port: number;
  let server: ChildProcess;
  let env: NodeJS.ProcessEnv;
  const serverLog: string[] = [];

  beforeAll(async () => {
    dir = freshCheckout();
    port = await freePort();
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- picked out so that the README runs without them
    const { DATABASE_URL, JWT_SECRET, JWT_PUBLIC_KEY, JWT_JWKS_URL, GONGKAI_AUDIT_KEY, GONGKAI_AUDIT_PUBLIC_KEY, ...rest } = process.env;
    env = { ...rest, PORT: String(port) };
    server = spawn(process.execPath, ["dist/cli/main.js", "serve", "--demo"], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    await new Promise<void>((resolve, reject) => {
      server.stdout!.on("data", chunk => (serverLog.push(String(chunk)), String(chunk).includes("ready at") && resolve()));
      server.stderr!.on("data", chunk => serverLog.push(String(chunk)));
      server.once("exit", code => reject(new Error(`the server exited with ${code}: ${serverLog.join("")}`)));
    });
  }, 60_000);

  afterAll(async () => {
    if (server) await stopChild(server);
  });

  const local = (text: string) => text.replace(/localhost:4000\b/g, `localhost:${port}`);

  it("finds the examples, and says why each skipped one is skipped", () => {
    expect(EXAMPLES.filter(example => !example.skip).length).toBeGreaterThan(8);
    for (const example of EXAMPLES) if (example.skip) expect(`${where(example)} ${example.skip}`).not.toMatch(/no reason given/);
  });

  for (const example of EXAMPLES) {
    const title = `${where(example)} (${example.lang}${example.as ? `, as ${example.as}` : ""}): ${example.text.split("\n")[0].slice(0, 70)}`;
    if (example.skip) {
      it.skip(`${title} — skipped: ${example.skip}`, () => undefined);
    } else if (example.kind === "sh") {
      it(title, () => runShell(example), 300_000);
    } else {
      it(title, () => runGraphql(example), 60_000);
    }
  }

  function runShell(example: Example): void {
    const parts = steps(example.text);
    const script = ["exec 2>&1", "trap 'echo \"<<<readme-err $LINENO $?>>>\"' ERR"];
    parts.forEach((step, i) => script.push(local(step.code), `echo "<<<readme-step ${i} $?>>>"`));
    const result = spawnSync("bash", ["-c", script.join("\n")], { cwd: dir, env, encoding: "utf8", timeout: 280_000 });
    const output = `${result.stdout}${result.stderr}`;
    const segments = output.split(/<<<readme-step \d+ \d+>>>/);
    const statuses = [...output.matchAll(/<<<readme-step (\d+) (\d+)>>>/g)].map(match => Number(match[2]));
    const scriptLines = script.join("\n").split("\n");
    parts.forEach((step, i) => {
      const segment = segments[i] ?? "";
      const context = `${where(example)}, step ${i + 1}:\n${step.code}\n--- output ---\n${segment}`;
      if (statuses[i] === undefined) throw new Error(`${context}\n--- the block stopped before this step ended (${result.error ?? `status ${result.status}`})`);
      if (step.exit === 0) {
        const failed = [...segment.matchAll(/<<<readme-err (\d+) (\d+)>>>/g)].map(m => `line "${scriptLines[Number(m[1]) - 1]}" exited ${m[2]}`);
        if (failed.length) throw new Error(`${context}\n--- a command failed: ${failed.join("; ")}`);
      } else if (step.exit === -1 ? statuses[i] === 0 : statuses[i] !== step.exit) {
        throw new Error(`${context}\n--- expected exit ${step.exit === -1 ? "other than 0" : step.exit}, got ${statuses[i]}`);
      }
      for (const expected of step.expect) {
        if (!matches(segment.replace(/<<<readme-err \d+ \d+>>>/g, ""), expected)) throw new Error(`${context}\n--- expected to contain: ${expected}`);
      }
    });
  }

  async function runGraphql(example: Example): Promise<void> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (example.as) {
      const token = spawnSync(process.execPath, ["bin/gongkai.js", "token", "--user", example.as], { cwd: dir, env, encoding: "utf8" });
      if (token.status !== 0) throw new Error(`${where(example)}: no token for ${example.as}: ${token.stderr}`);
      headers.authorization = `Bearer ${token.stdout.trim()}`;
    }
    const response = await post(`http://localhost:${port}/graphql`, headers, JSON.stringify({ query: example.text }));
    const text = response.text;
    const context = `${where(example)}${example.as ? ` as ${example.as}` : " anonymously"}:\n${example.text}\n--- response (HTTP ${response.status}) ---\n${text}`;
    const body = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: unknown[] };
    if (body.errors?.length || !body.data) throw new Error(`${context}\n--- expected no errors`);
    const nulls = Object.entries(body.data)
      .filter(([, value]) => value === null)
      .map(([key]) => key);
    if (nulls.length) throw new Error(`${context}\n--- expected data, got null for ${nulls.join(", ")}`);
    if (/"userErrors":\[[^\]]/.test(text)) throw new Error(`${context}\n--- expected every userErrors list to be empty`);
    for (const step of steps(example.text)) {
      for (const expected of step.expect) if (!matches(text, expected)) throw new Error(`${context}\n--- expected to contain: ${expected}`);
    }
  }
});
