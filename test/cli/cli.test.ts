import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SEED_EXPECTED, SEED_TEXT, SHARED, childDatabaseUrl, dropChildDatabase } from "../support/test-services";

const BIN = path.resolve(__dirname, "../../bin/gongkai.js");
const SAMPLES = path.join(SHARED, "samples");

/** Runs the built CLI (`npm test` builds first) like a user would. */
function gongkai(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempFile(name: string, content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-cli-"));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe("gongkai parse", () => {
  it("gives every cell of the seed's expected file, and nothing else", () => {
    const { code, stdout } = gongkai(["parse", SEED_TEXT, "--json"]);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout);
    const expected = JSON.parse(fs.readFileSync(SEED_EXPECTED, "utf8"));
    expect(Object.keys(parsed)).toEqual(["format", "year", "agency", "cells", "sections", "warnings", "uncertainCells", "source"]);
    expect(parsed.source).toMatchObject({ kind: "text", name: path.basename(SEED_TEXT) });
    expect(parsed).toMatchObject({ format: "gb2019", year: 2020, agency: expected.agency });
    expect(parsed.cells).toEqual(expected.cells);
    expect(Object.keys(parsed.cells)).toHaveLength(198);
  });

  it("exits 2 and names what it could not find for an unrelated text", () => {
    const { code, stderr } = gongkai(["parse", tempFile("poem.txt", "床前明月光，疑是地上霜。举头望明月，低头思故乡。")]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/找不到|not found|cannot/i);
  });

  it("exits 2 for a missing file", () => {
    expect(gongkai(["parse", "/nonexistent/report.txt"]).code).toBe(2);
  });
});

describe("gongkai validate", () => {
  it("exits 0 for the seed", () => {
    const { code, stdout } = gongkai(["validate", SEED_TEXT]);
    expect(stdout).toContain("OK");
    expect(code).toBe(0);
  });

  it("exits 1 and names the rule and the cells when one number is changed", () => {
    const text = fs.readFileSync(SEED_TEXT, "utf8").replace("一、本年新收政府信息公开申请数量\n\t0", "一、本年新收政府信息公开申请数量\n\t3");
    const { code, stdout } = gongkai(["validate", tempFile("changed.txt", text)]);
    expect(code).toBe(1);
    expect(stdout).toContain("apply.identity.col.natural");
    expect(stdout).toContain("apply/apply.new/col.natural=3");
  });

  it("exits 2 for an empty file and for a binary file", () => {
    expect(gongkai(["validate", tempFile("empty.txt", "")]).code).toBe(2);
    expect(gongkai(["validate", tempFile("blob.bin", Buffer.from([0, 1, 2, 255, 0, 7, 0, 0, 9]))]).code).toBe(2);
  });

  const samples = fs.readdirSync(SAMPLES).filter(name => name.endsWith(".txt"));

  it.each(samples)("matches the expected cells and verdict of sample %s", name => {
    const file = path.join(SAMPLES, name);
    const expected = JSON.parse(fs.readFileSync(file.replace(/\.txt$/, ".expected.json"), "utf8"));
    const parsed = JSON.parse(gongkai(["parse", file, "--json"]).stdout);
    expect(parsed.cells).toEqual(expected.cells);
    expect(gongkai(["validate", file]).code).toBe(expected.expected.validate_exit);
  });
});

describe("gongkai import and validate --report", () => {
  const databaseUrl = childDatabaseUrl(fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-db-")));
  const env = { DATABASE_URL: databaseUrl };

  afterAll(() => dropChildDatabase(databaseUrl));

  it("migrates, imports the seed as a draft, and validates the stored report", () => {
    expect(gongkai(["migrate"], env).stdout).toMatch(/Applied|Up to date/);
    const imported = gongkai(["import", SEED_TEXT], env);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("广州市越秀区应急管理局2020年政府信息公开工作年度报告");
    const id = /\(#(\d+)\)/.exec(imported.stdout)![1];
    expect(gongkai(["validate", "--report", id], env).code).toBe(0);
  });

  it("refuses a second import of the same agency and year, exit 1, with the reason", () => {
    const again = gongkai(["import", SEED_TEXT], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already has a report for 2020");
  });

  it("writes nothing for unreadable input", () => {
    expect(gongkai(["import", tempFile("empty.txt", "")], env).code).toBe(2);
    const { stdout } = gongkai(["validate", "--report", "2"], env);
    expect(stdout).toBe("");
  });
});
