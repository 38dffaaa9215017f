/**
 * The whole process with the keyboard only — Tab, Shift+Tab, Enter, Space,
 * Control+A and typing; no mouse click, no locator.click/fill. The drafter
 * reopens the published demo report (更正 with a reason), breaks a rule on
 * 一、本年新收 自然人, reaches the rule in the side list and jumps back to the
 * cell with Enter, fixes it and submits; the secrecy reviewer sends it back
 * with 原因; the drafter sees the reason and submits again; the reviewer
 * clears it, the leader signs it off and the publisher publishes.
 */
import fs from "node:fs";
import { chromium } from "playwright-core";
import type { Browser, Page } from "playwright-core";
import type { TokenConfig } from "../../src/auth/token-config";
import { DEMO_PASSWORD, ensureDemoPasswords, loadDemoData } from "../../src/demo/load-demo";
import { startServer } from "../../src/server/server";
import type { RunningServer } from "../../src/server/server";
import type { Services } from "../../src/services";
import { openTestServices } from "../support/test-services";
import { CHROMIUM, CHROMIUM_ARGS, CONSOLE_ADMISSION, CONSOLE_DIST, focused, tabTo } from "./console-fixture";
import type { Focused } from "./console-fixture";

const TOKENS: TokenConfig = { kind: "hs256", secret: new TextEncoder().encode("console-keyboard-secret-of-32-chars!") };
const available = fs.existsSync(CHROMIUM);
const run = available || process.env.CI ? describe : describe.skip;

const NEW_NATURAL = "apply/apply.new/col.natural";
const REASON = "请核对第三部分的数字后重新提交";

run("the console with the keyboard only", () => {
  let services: Services;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    if (!fs.existsSync(`${CONSOLE_DIST}/index.html`)) throw new Error("The console is not built: run `npm run build` first.");
    services = await openTestServices();
    await loadDemoData(services);
    await ensureDemoPasswords(services);
    server = await startServer(services, { port: 0, host: "127.0.0.1", tokens: TOKENS, admission: CONSOLE_ADMISSION });
    base = `http://127.0.0.1:${server.port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await services?.db.close();
  });

  const named = (name: string | RegExp) => (element: Focused) => (typeof name === "string" ? element.name === name : name.test(element.name));
  const press = (key: string) => page.keyboard.press(key);
  const stateIs = (label: string) => page.getByRole("img", { name: `流程状态：${label}` }).waitFor();

  const signIn = async (name: string) => {
    await page.goto(`${base}/console/`);
    await page.getByLabel("用户名").waitFor();
    await page.keyboard.type(name);
    await press("Tab");
    await page.keyboard.type(DEMO_PASSWORD);
    await press("Enter");
    await page.getByRole("heading", { name: "工作台" }).waitFor();
  };
  const signOut = async () => {
    await tabTo(page, "退出登录", named("退出登录"), { back: true, max: 1500 });
    await press("Enter");
    await page.getByLabel("用户名").waitFor();
  };
  const openReport = async () => {
    await tabTo(page, "the report's link", named(/越秀区应急管理局2020年/));
    await press("Enter");
    await page.locator(`[data-cell="${NEW_NATURAL}"]`).waitFor();
  };
  /** An action button, reached with Shift+Tab from wherever the focus is (the bar is above the form), then the dialog. */
  const act = async (action: string, reason?: string) => {
    await page.getByRole("button", { name: action, exact: true }).and(page.locator(":enabled")).waitFor();
    await tabTo(page, action, element => element.tag === "BUTTON" && element.name === action && !element.inDialog, { back: true, max: 800 });
    await press("Enter");
    await page.getByRole("dialog", { name: action }).waitFor();
    if (reason !== undefined) {
      await tabTo(page, "原因 in the dialog", element => element.inDialog && element.name === "原因");
      await page.keyboard.type(reason);
    }
    await tabTo(page, "确定 in the dialog", element => element.inDialog && element.name === "确定");
    await press("Enter");
    await page.getByRole("dialog", { name: action }).waitFor({ state: "detached" });
  };

  it("walks from draft to published without the mouse", async () => {
    await signIn("yuexiu-emergency.drafter");
    await openReport();
    await stateIs("已发布");
    await act("更正", "更正申请情况的数据");
    await stateIs("草稿");

    // Into the grid with Tab, a wrong figure typed over the old one, then Tab away: the rule fails on the cell.
    const cell = await tabTo(page, "the 自然人 cell of 一、本年新收", element => element.cell === NEW_NATURAL, { max: 800 });
    expect(cell.name).toContain("自然人");
    const original = await page.locator(`[data-cell="${NEW_NATURAL}"]`).inputValue();
    await press("ControlOrMeta+a");
    await page.keyboard.type(String(Number(original) + 3));
    await press("Tab");
    await page.locator(`[data-cell="${NEW_NATURAL}"][aria-invalid="true"]`).waitFor();
    await page.getByRole("status").filter({ hasText: "已保存" }).waitFor();

    // The side list's 转到 button, reached with Tab; Enter moves the focus back onto the cell.
    await tabTo(page, "转到 in the side list", named(/^转到：自然人 · 一、本年新收/), { max: 1200 });
    await press("Enter");
    expect((await focused(page)).cell).toBe(NEW_NATURAL);
    await press("ControlOrMeta+a");
    await page.keyboard.type(original);
    await press("Tab");
    await page.locator(`[data-cell="${NEW_NATURAL}"]:not([aria-invalid])`).waitFor();
    await page.getByText("全部规则通过。").waitFor();
    await act("提交保密审查");
    await stateIs("保密审查");
    await signOut();

    await signIn("yuexiu-emergency.secrecy-reviewer");
    await openReport();
    await act("退回修改", REASON);
    await stateIs("草稿");
    await signOut();

    await signIn("yuexiu-emergency.drafter");
    await openReport();
    await page.getByText(REASON).waitFor();
    await act("提交保密审查");
    await stateIs("保密审查");
    await signOut();

    await signIn("yuexiu-emergency.secrecy-reviewer");
    await openReport();
    await act("通过保密审查");
    await stateIs("领导签发");
    await signOut();

    await signIn("yuexiu-emergency.leader");
    await openReport();
    await act("领导签发");
    await stateIs("已批准");
    await signOut();

    await signIn("yuexiu-emergency.publisher");
    await openReport();
    await act("发布");
    await stateIs("已发布");
  }, 240_000);
});
