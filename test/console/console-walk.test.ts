/**
 * The whole process in the browser, through the console only: the drafter
 * signs in, breaks a rule on 一、本年新收 自然人, sees it on the cell, fixes it
 * and submits; the secrecy reviewer sends it back with a reason; the drafter
 * sees the reason, changes the figures (taking the sums the rules offer) and
 * submits again; the reviewer clears it, the leader signs it off (seeing the
 * hash), the publisher publishes; the public page shows the new number. Every
 * screen passes axe-core's WCAG 2.1 AA rules and raises no CSP violation.
 */
import fs from "node:fs";
import { chromium } from "playwright-core";
import type { Browser, Page } from "playwright-core";
import type { TokenConfig } from "../../src/auth/token-config";
import { DEMO_PASSWORD, ensureDemoPasswords, loadDemoData } from "../../src/demo/load-demo";
import { startServer } from "../../src/server/server";
import type { RunningServer } from "../../src/server/server";
import type { Services } from "../../src/services";
import { SEED_TEXT, openTestServices } from "../support/test-services";
import { axeViolations, CHROMIUM, CHROMIUM_ARGS, CONSOLE_ADMISSION, CONSOLE_DIST, cspViolations, gzippedBytes, screenshot, watchCsp } from "./console-fixture";

const TOKENS: TokenConfig = { kind: "hs256", secret: new TextEncoder().encode("console-walk-secret-of-32-characters") };
const available = fs.existsSync(CHROMIUM);
const run = available || process.env.CI ? describe : describe.skip;
if (!available && !process.env.CI) console.warn(`Skipping the console walk: ${CHROMIUM} is missing.`);

const NEW_NATURAL = "apply/apply.new/col.natural";
const NEW_TOTAL = "apply/apply.new/col.total";
const OPEN_NATURAL = "apply/apply.result.open/col.natural";
const REASON = "第三部分数字与台账不符，请核对后重新提交";

run("the console, from draft to published", () => {
  let services: Services;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let base: string;
  const figures: string[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(`${CONSOLE_DIST}/index.html`)) throw new Error("The console is not built: run `npm run build` first.");
    services = await openTestServices();
    await loadDemoData(services);
    await ensureDemoPasswords(services);
    server = await startServer(services, { port: 0, host: "127.0.0.1", tokens: TOKENS, admission: CONSOLE_ADMISSION });
    base = `http://127.0.0.1:${server.port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await watchCsp(page);
    page.on("request", request => {
      if (!request.url().startsWith(base) && !request.url().startsWith("data:")) throw new Error(`request to another host: ${request.url()}`);
    });
  }, 60_000);

  afterAll(async () => {
    console.log(figures.join("\n"));
    await browser?.close();
    await server?.close();
    await services?.db.close();
  });

  /** Accessibility and CSP on the screen as it is now, and its screenshot. */
  const check = async (screen: string) => {
    // Colours mid-transition (a button being enabled, a dialog fading in) are not what the user reads: let them settle.
    // Note: polled with evaluate (the DevTools protocol); waitForFunction evaluates text in the page, which the CSP forbids.
    for (let tries = 0; tries < 50 && (await page.evaluate<boolean>(`document.getAnimations().some(a => a.playState === "running")`)); tries++) {
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    expect({ screen, violations: await axeViolations(page) }).toEqual({ screen, violations: [] });
    expect({ screen, csp: await cspViolations(page) }).toEqual({ screen, csp: [] });
    await screenshot(page, screen);
  };

  /** Signs in with the keyboard only: type, Tab, type, Enter. */
  const signIn = async (name: string) => {
    await page.goto(`${base}/console/`);
    await page.getByLabel("用户名").waitFor();
    await page.keyboard.type(name);
    await page.keyboard.press("Tab");
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "工作台" }).waitFor();
  };
  const signOut = async () => {
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.getByLabel("用户名").waitFor();
  };
  const openReport = async () => {
    await page.getByRole("link", { name: /越秀区应急管理局2020年/ }).click();
    await page.locator(`[data-cell="${NEW_NATURAL}"]`).waitFor();
  };
  const cell = (key: string) => page.locator(`[data-cell="${key}"]`);
  const saved = () => page.getByRole("status").filter({ hasText: "已保存" }).waitFor();
  const stateIs = (label: string) => page.getByRole("img", { name: `流程状态：${label}` }).waitFor();
  const act = async (action: string, reason?: string) => {
    await page.getByRole("button", { name: action, exact: true }).click();
    const dialog = page.getByRole("dialog", { name: action });
    await dialog.waitFor();
    if (reason !== undefined) await dialog.getByLabel("原因").fill(reason);
    await dialog.getByRole("button", { name: "确定" }).click();
  };

  it("signs the drafter in from the 登录 page, with the first screen's JavaScript under 500 KB gzipped", async () => {
    const scripts: string[] = [];
    page.on("response", response => {
      if (response.url().endsWith(".js")) scripts.push(response.url());
    });
    await page.goto(`${base}/console/`);
    await page.getByRole("button", { name: "登录" }).waitFor();
    await page.waitForLoadState("networkidle");
    const bytes = gzippedBytes([...new Set(scripts)]);
    figures.push(`first screen (登录) JavaScript: ${(bytes / 1024).toFixed(1)} KB gzipped in ${new Set(scripts).size} files`);
    expect(bytes).toBeLessThanOrEqual(500 * 1024);
    await check("login");
    await signIn("yuexiu-emergency.drafter");
    await check("inbox");
  }, 60_000);

  it("reopens the published demo report with 更正, refusing an empty reason", async () => {
    await openReport();
    await stateIs("已发布");
    await page.getByRole("button", { name: "更正", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "更正" });
    await dialog.getByRole("button", { name: "确定" }).click();
    await dialog.getByText(/原因/).first().waitFor();
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByLabel("原因").fill("更正第二十条和申请情况的数据");
    await dialog.getByRole("button", { name: "确定" }).click();
    await stateIs("草稿");
    await check("form-correction");
  }, 60_000);

  it("shows a broken rule on its cell and in the side list, and clears it when fixed", async () => {
    const started = Date.now();
    await page.goto(`${base}/console/`);
    await page.getByRole("heading", { name: "工作台" }).waitFor();
    await openReport();
    await cell(NEW_NATURAL).click();
    figures.push(`full gb2019 form rendered and editable: ${Date.now() - started} ms after the click`);
    const original = await cell(NEW_NATURAL).inputValue();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type(String(Number(original) + 3));
    await page.keyboard.press("Tab");
    await page.locator(`[data-cell="${NEW_NATURAL}"][aria-invalid="true"]`).waitFor();
    await saved();
    const describedBy = (await cell(NEW_NATURAL).getAttribute("aria-describedby")) ?? "";
    const described = await page.locator(`[id="${describedBy}"]`).textContent();
    expect(described).toContain("自然人列");
    expect(await cell(NEW_NATURAL).getAttribute("title")).toContain("自然人列");
    const side = page.getByRole("complementary", { name: "校验结果" });
    await side.getByText(/自然人列：新收/).waitFor();
    await side
      .getByRole("button", { name: /转到：自然人 · 一、本年新收/ })
      .first()
      .click();
    expect(await page.evaluate<string | null>(`document.activeElement?.getAttribute("data-cell")`)).toBe(NEW_NATURAL);
    await check("form-rule-failing");
    await cell(NEW_NATURAL).fill(original);
    await cell(NEW_NATURAL).blur();
    await page.locator(`[data-cell="${NEW_NATURAL}"]:not([aria-invalid])`).waitFor();
    await saved();
    await side.getByText("全部规则通过。").waitFor();
    await act("提交保密审查");
    await stateIs("保密审查");
    await signOut();
  }, 60_000);

  it("lets the secrecy reviewer send it back with a reason, refusing an empty one", async () => {
    await signIn("yuexiu-emergency.secrecy-reviewer");
    await openReport();
    expect(await cell(NEW_NATURAL).getAttribute("readonly")).not.toBeNull();
    await page.getByRole("button", { name: "发布", exact: true }).waitFor();
    expect(await page.getByRole("button", { name: "发布", exact: true }).isDisabled()).toBe(true);
    await check("review-desk");
    await page.getByRole("button", { name: "退回修改" }).click();
    const dialog = page.getByRole("dialog", { name: "退回修改" });
    await dialog.getByRole("button", { name: "确定" }).click();
    await dialog.getByText("请填写原因").waitFor();
    await dialog.getByLabel("原因").fill(REASON);
    await dialog.getByRole("button", { name: "确定" }).click();
    await stateIs("草稿");
    await signOut();
  }, 60_000);

  it("shows the drafter the reason; the drafter changes the figures, taking the sums offered, and submits again", async () => {
    await signIn("yuexiu-emergency.drafter");
    await openReport();
    await page.getByText(REASON).waitFor();
    const before = await cell(NEW_TOTAL).inputValue();
    for (const key of [NEW_NATURAL, OPEN_NATURAL]) {
      const value = await cell(key).inputValue();
      await cell(key).fill(String(Number(value) + 1));
    }
    await cell(OPEN_NATURAL).blur();
    await saved();
    for (let round = 0; round < 6; round++) {
      const offer = page.getByRole("button", { name: /^填入合计/ });
      if ((await offer.count()) === 0) break;
      await offer.first().click();
      await page
        .getByRole("status")
        .filter({ hasText: "保存中" })
        .waitFor({ state: "detached" })
        .catch(() => undefined);
      await saved();
    }
    await page.getByText("全部规则通过。").waitFor();
    expect(await cell(NEW_TOTAL).inputValue()).toBe(String(Number(before) + 1));
    await check("form-after-reject");
    await act("提交保密审查");
    await stateIs("保密审查");
    await signOut();
  }, 90_000);

  it("walks through secrecy review, sign-off (showing the hash) and publication with the named buttons", async () => {
    await signIn("yuexiu-emergency.secrecy-reviewer");
    await openReport();
    await page.getByText(/与上一修订相比：\d+ 个单元格/).waitFor();
    await act("通过保密审查");
    await stateIs("领导签发");
    await signOut();

    await signIn("yuexiu-emergency.leader");
    await openReport();
    await page.getByRole("button", { name: "领导签发" }).click();
    const dialog = page.getByRole("dialog", { name: "领导签发" });
    await dialog.getByText(/^[0-9a-f]{64}$/).waitFor();
    await check("sign-off");
    await dialog.getByRole("button", { name: "确定" }).click();
    await stateIs("已批准");
    await signOut();

    await signIn("yuexiu-emergency.publisher");
    await openReport();
    await act("发布");
    await stateIs("已发布");
    await check("published");
    await signOut();
  }, 90_000);

  it("shows the new number on the public page", async () => {
    await page.goto(`${base}/reports/yuexiu-emergency/2020`);
    const natural = await page.locator(`[data-cell="${NEW_NATURAL}"]`).textContent();
    const total = await page.locator(`[data-cell="${NEW_TOTAL}"]`).textContent();
    expect({ natural: natural?.trim(), total: total?.trim() }).toEqual({ natural: "1", total: expect.stringMatching(/^\d+$/) });
  });

  it("gives the supervising office's auditor statistics and the audit history with a verified chain", async () => {
    await signIn("yuexiu-gov.auditor");
    await page.getByRole("heading", { name: "统计" }).waitFor();
    await check("inbox-supervisor");
    await page.getByRole("link", { name: "审计" }).click();
    await page.getByRole("heading", { name: "审计" }).waitFor();
    await page.getByRole("button", { name: "验证审计链" }).click();
    await page.getByText(/审计链完整/).waitFor();
    await check("history");
    await signOut();
  }, 60_000);

  it("lets an ADMIN list the agency's users and reset one's password (the console names the user by userId)", async () => {
    await signIn("yuexiu-emergency.admin");
    await page.getByRole("link", { name: "用户" }).click();
    await page.getByRole("cell", { name: "yuexiu-emergency.drafter" }).waitFor();
    await check("users");
    // Note: the AUDITOR of this agency is the one user the walk never signs in as, so a temporary password harms nothing.
    const row = page.getByRole("row", { name: /yuexiu-emergency\.auditor/ });
    await row.getByRole("button", { name: "重置密码" }).click();
    const dialog = page.getByRole("dialog", { name: "重置 yuexiu-emergency.auditor 的密码" });
    await dialog.getByLabel("临时密码").fill("a-temporary-password-1");
    await dialog.getByRole("button", { name: "确定" }).click();
    await page.getByText("已为 yuexiu-emergency.auditor 设置临时密码，其下次登录时须修改。").waitFor();
    await signOut();
  }, 60_000);

  it("imports a report with 导入: what was read and the warnings first, the draft only after 确定导入", async () => {
    await signIn("yuexiu-justice.drafter");
    await page.getByRole("button", { name: "导入" }).click();
    const dialog = page.getByRole("dialog", { name: "导入已发布的报告" });
    await dialog.getByLabel("报告文本").fill(fs.readFileSync(SEED_TEXT, "utf8"));
    await dialog.getByRole("button", { name: "预览" }).click();
    await dialog.getByText("读到的内容（尚未写入）").waitFor();
    await dialog.getByText("198（空白").waitFor();
    expect(await page.getByRole("link", { name: /司法局2020年/ }).count()).toBe(0);
    await check("import-preview");
    await dialog.getByRole("button", { name: "确定导入" }).click();
    await page.locator(`[data-cell="${NEW_NATURAL}"]`).waitFor();
    await signOut();
  }, 60_000);
});
