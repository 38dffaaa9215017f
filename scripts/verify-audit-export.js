#!/usr/bin/env node
// Verifies a Gongkai audit export (JSON Lines from `gongkai audit export`) without Gongkai:
// plain Node.js, no dependencies. Usage: node verify-audit-export.js export.jsonl [expected-head-hash]
// Exit 0 and "OK" when every record hashes correctly and links to the one before; exit 1 naming the first bad record.
"use strict";
const crypto = require("crypto");
const fs = require("fs");

// Canonical JSON: keys sorted at every depth, no white space, values as JSON.stringify writes them.
function canonical(value) {
  if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return "{" + keys.map(k => JSON.stringify(k) + ":" + canonical(value[k])).join(",") + "}";
  }
  return JSON.stringify(value);
}

const [file, expectedHead] = process.argv.slice(2);
const lines = fs.readFileSync(file, "utf8").split("\n").filter(line => line.length > 0);
let previous = null;
for (const [index, line] of lines.entries()) {
  let record;
  try { record = JSON.parse(line); } catch { fail(`line ${index + 1} is not JSON`); }
  const { hash, ...body } = record;
  const computed = crypto.createHash("sha256").update(canonical(body), "utf8").digest("hex");
  if (computed !== hash) fail(`record ${record.seq} (line ${index + 1}) was altered: its hash does not match its content`);
  if (previous && record.seq !== previous.seq + 1) fail(`record ${previous.seq + 1} is missing before record ${record.seq}`);
  if (previous && record.prevHash !== previous.hash) fail(`record ${record.seq} does not link to record ${previous.seq}`);
  if (!previous && record.seq === 1 && record.prevHash !== "0".repeat(64)) fail("record 1 does not start the chain");
  previous = record;
}
if (!previous) fail("the export holds no records");
if (expectedHead && previous.hash !== expectedHead) fail(`the last record's hash ${previous.hash} is not the expected head ${expectedHead}`);
console.log(`OK: ${lines.length} records, ${lines[0] && JSON.parse(lines[0]).seq}..${previous.seq}, head ${previous.hash}`);

function fail(message) {
  console.error(`FAILED: ${message}`);
  process.exit(1);
}
