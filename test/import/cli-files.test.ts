/**
 * `gongkai parse|validate|import FILE` on the files agencies hold, run as a
 * user runs them (the built CLI, `npm test` builds first): the kind is told
 * by the content, whatever the file is called.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SHARED, childDatabaseUrl, dropChildDatabase } from "../support/test-services";

const BIN = path.resolve(__dirname, "../../bin/gongkai.js");
const FILES = path.join(SHARED, "samples", "files");

function gongkai(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function copyAs(source: string, name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-files-"));
  const file = path.join(dir, name);
  fs.copyFileSync(source, file);
  return file;
}

describe("gongkai on files", () => {
  const databaseUrl = childDatabaseUrl(fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-files-db-")));
  const env = { DATABASE_URL: databaseUrl };
  afterAll(() => dropChildDatabase(databaseUrl));

  it("parses a PDF named .txt as the PDF it is", () => {
    const file = copyAs(path.join(FILES, "2024_huaian_shi_renmin_zhengfu.pdf"), "report.txt");
    const { code, stdout } = gongkai(["parse", file, "--json"]);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout);
    expect(parsed).toMatchObject({ format: "gb2021", year: 2024, agency: "淮安市人民政府", source: { kind: "pdf", name: "report.txt" } });
    expect(Object.keys(parsed.cells)).toHaveLength(200);
    expect(parsed.source.sha256).toMatch(/^fed22baafaab/);
  });

  it("validates the blank DOCX template: readable (not 2) but failing (1), every cell blank", () => {
    const { code, stdout } = gongkai(["validate", path.join(FILES, "template_gb2021_kongbai.docx")]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/required\.cell/);
  });

  it("refuses a legacy .doc with exit 2, says to save it as DOCX or PDF, and writes nothing", () => {
    const doc = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-doc-")), "report.doc");
    fs.writeFileSync(file, doc);
    expect(gongkai(["migrate"], env).code).toBe(0);
    const refused = gongkai(["import", file], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/DOCX/);
    expect(gongkai(["validate", "--report", "1"], env).stderr).toMatch(/No report has id 1/);
  });

  it("imports a PDF as a draft, creating its agency under the readable code chosen, and says so", () => {
    const imported = gongkai(["import", path.join(FILES, "2024_huaian_hongzequ_renmin_zhengfu.pdf"), "--new-agency-code", "hongze-gov"], env);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("淮安市洪泽区人民政府2024年政府信息公开工作年度报告 (gb2021, from pdf)");
    expect(imported.stdout).toContain("Created agency 淮安市洪泽区人民政府 with code hongze-gov (its reports: /reports/hongze-gov/YEAR)");
    const again = gongkai(["import", path.join(FILES, "2023_huaian_hongzequ_renmin_zhengfu.pdf")], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Into agency 淮安市洪泽区人民政府 (code hongze-gov).");
  });

  it("imports a past PDF as published on its original date, recorded by the agency's PUBLISHER (--as), and refuses without one", () => {
    const pdf = path.join(FILES, "2024_huaian_shi_renmin_zhengfu.pdf");
    expect(gongkai(["migrate"], env).code).toBe(0);
    const created = gongkai(
      [
        "import",
        path.join(FILES, "2023_huaian_hongzequ_renmin_zhengfu.pdf"),
        "--agency",
        "淮安市人民政府",
        "--year",
        "2023",
        "--new-agency-code",
        "huaian-gov",
      ],
      env,
    );
    expect(created.code).toBe(0);
    expect(gongkai(["user", "add", "huaian-gov.publisher", "--agency", "huaian-gov", "--roles", "PUBLISHER"], env).code).toBe(0);
    expect(gongkai(["user", "add", "huaian-gov.drafter", "--agency", "huaian-gov", "--roles", "DRAFTER"], env).code).toBe(0);
    const args = ["import", pdf, "--published-at", "2025-01-24", "--source", "https://www.huaian.gov.cn/2024.html"];
    const unnamed = gongkai(args, env);
    expect([unnamed.code, unnamed.stderr]).toEqual([1, expect.stringContaining("--as USER")]);
    const drafter = gongkai([...args, "--as", "huaian-gov.drafter"], env);
    expect(drafter.code).toBe(1);
    expect(drafter.stderr).toMatch(/PUBLISHER or ADMIN/);
    const recorded = gongkai([...args, "--as", "huaian-gov.publisher"], env);
    expect(recorded.stderr).toBe("");
    expect(recorded.code).toBe(0);
    expect(recorded.stdout).toContain("published on 2025-01-23T16:00:00.000Z (recorded by huaian-gov.publisher)");
    expect(recorded.stdout).toContain("Into agency 淮安市人民政府 (code huaian-gov).");
  });
});
