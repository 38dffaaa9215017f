#!/usr/bin/env node
/**
 * Builds the console (codegen → tsc over console/ → vite build) unless dist/console was already built from the
 * same inputs. CI runs `npm run build` three times (npm ci's prepare, pretest, test:pg); the console's inputs do not
 * change between them, so it is built once. The stamp is a SHA-256 of every input's path and content (not mtimes:
 * a fresh checkout gives every file a new mtime), written into dist/console only after a build succeeds, so a
 * failed or interrupted build never leaves a stamp behind. `--force` (or GONGKAI_CONSOLE_FORCE=1) always builds.
 */
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");

const root = path.resolve(__dirname, "..");
const out = path.join(root, "dist/console");
const stampFile = path.join(out, ".build-stamp");
/** Everything the console's output depends on: its sources and configs, the schema, the locked dependency versions. */
const INPUTS = ["console", "src/schema/schema.graphql", "package-lock.json"];
const SKIP = new Set(["console/src/gql", "console/node_modules"]);

function files(relative) {
  const full = path.join(root, relative);
  if (SKIP.has(relative) || !fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return [relative];
  return fs
    .readdirSync(full)
    .sort()
    .flatMap(name => files(path.posix.join(relative, name)));
}

function inputHash() {
  const hash = crypto.createHash("sha256");
  for (const file of INPUTS.flatMap(files)) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

function run(command, args) {
  execFileSync(command, args, { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
}

const force = process.argv.includes("--force") || process.env.GONGKAI_CONSOLE_FORCE === "1";
const want = inputHash();
const have = fs.existsSync(stampFile) && fs.existsSync(path.join(out, "index.html")) ? fs.readFileSync(stampFile, "utf8").trim() : "";
if (!force && have === want) {
  console.log(`console: dist/console is up to date (inputs ${want.slice(0, 12)}), not rebuilt`);
  process.exit(0);
}
const bin = name => path.join(root, "node_modules/.bin", name);
run(bin("graphql-codegen"), ["--config", "console/codegen.yml", "--errors-only"]);
run(bin("tsc"), ["-p", "console/tsconfig.json"]);
run(bin("vite"), ["build", "--config", "console/vite.config.mts", "--logLevel", "warn"]);
fs.writeFileSync(stampFile, `${want}\n`);
console.log(`console: built into dist/console (inputs ${want.slice(0, 12)})`);
