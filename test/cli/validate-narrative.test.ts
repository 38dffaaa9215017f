import { spawnSync } from "node:child_process";
import path from "node:path";
import { SHARED } from "../support/test-services";

const BIN = path.resolve(__dirname, "../../bin/gongkai.js");

/** Runs the built CLI (`npm test` builds first) like a user would. */
function gongkai(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("gongkai validate: the careful reviewer's warnings", () => {
  it("reports 上海市科委's 转下一年度 1 件 as a WARNING, keeping the sample's exit code", () => {
    const { code, stdout } = gongkai(["validate", path.join(SHARED, "samples/2024_shanghai_shi_kewei.txt"), "--json"]);
    const result = JSON.parse(stdout);

    expect(code).toBe(1);
    const warnings = result.violations.filter((v: { ruleId: string }) => v.ruleId === "text.statement");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ severity: "WARNING", cells: [{ key: "apply/apply.carry_forward/col.total", value: null }] });
  });

  it("names 沐阳县 in the title and the signature of 沭阳县人民政府's report, and asks a government for 第五十条 contents", () => {
    const { code, stdout } = gongkai(["validate", path.join(SHARED, "samples/2025_suqian_shuyangxian_renmin_zhengfu.txt")]);

    expect(code).toBe(0);
    expect(stdout).toContain("WARNING identity.agency_name: 标题中的机关名称“沐阳县人民政府”与本机关“沭阳县人民政府”相差 1 个字");
    expect(stdout).toContain("WARNING identity.agency_name: 落款中的机关名称“沐阳县人民政府”");
    expect(stdout).toContain("WARNING content.article50:");
  });

  it("takes the agency's kind from --agency-kind: a department's report is not asked for 第五十条（四）", () => {
    const file = path.join(SHARED, "samples/2025_suqian_shuyangxian_renmin_zhengfu.txt");
    expect(gongkai(["validate", file, "--agency-kind", "DEPARTMENT"]).stdout).not.toContain("content.article50");
    const wrong = gongkai(["validate", file, "--agency-kind", "MINISTRY"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("--agency-kind must be one of GOVERNMENT, DEPARTMENT");
  });
});
