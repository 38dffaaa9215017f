/**
 * Two people at once, each in their own browser context (own session cookie):
 * two sessions of the drafter edit the same draft — the stale one gets the
 * CONFLICT dialog with what the other changed, and re-applies or reloads;
 * edits typed fast and left by navigating away are saved all the same; and the
 * secrecy reviewer's inbox badge goes up, live over the `inbox` subscription
 * (graphql-ws, authenticated by the session cookie), when the drafter submits —
 * and still goes up when the live socket connects only after the submission.
 */
import fs from "node:fs";
import { chromium } from "playwright-core";
import type { Browser, Page } from "playwright-core";
import { Like } from "typeorm";
import type { TokenConfig } from "../../src/auth/token-config";
import { DEMO_PASSWORD, ensureDemoPasswords, loadDemoData } from "../../src/demo/load-demo";
import { ReportEntity } from "../../src/entities";
import { notificationsOf } from "../../src/live/notifications";
import { startServer } from "../../src/server/server";
import type { RunningServer } from "../../src/server/server";
import type { Services } from "../../src/services";
import { userActor } from "../../src/services/user.service";
import { openTestServices } from "../support/test-services";
import { axeViolations, CHROMIUM, CHROMIUM_ARGS, CONSOLE_ADMISSION, CONSOLE_DIST, cspViolations, screenshot, watchCsp } from "./console-fixture";

const TOKENS: TokenConfig = { kind: "hs256", secret: new TextEncoder().encode("console-two-people-secret-32-chars!!") };
const available = fs.existsSync(CHROMIUM);
const run = available || process.env.CI ? describe : describe.skip;

const X = "apply/apply.new/col.natural";
const Y = "apply/apply.result.open/col.natural";

run("the console, two people at once", () => {
  let services: Services;
  let server: RunningServer;
  let browser: Browser;
  let base: string;
  let first: Page;
  let second: Page;
  let reviewer: Page;
  const original = { x: "", y: "" };

  beforeAll(async () => {
    if (!fs.existsSync(`${CONSOLE_DIST}/index.html`)) throw new Error("The console is not built: run `npm run build` first.");
    services = await openTestServices();
    await loadDemoData(services);
    await ensureDemoPasswords(services);
    server = await startServer(services, { port: 0, host: "127.0.0.1", tokens: TOKENS, admission: CONSOLE_ADMISSION });
    base = `http://127.0.0.1:${server.port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const open = async () => {
      const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
      await watchCsp(page);
      return page;
    };
    [first, second, reviewer] = [await open(), await open(), await open()];
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await services?.db.close();
  });

  const signIn = async (page: Page, name: string) => {
    await page.goto(`${base}/console/`);
    await page.getByLabel("用户名").fill(name);
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByRole("heading", { name: "工作台" }).waitFor();
  };
  const openReport = async (page: Page) => {
    await page.getByRole("link", { name: /越秀区应急管理局2020年/ }).click();
    await page.locator(`[data-cell="${X}"]`).waitFor();
  };
  const cell = (page: Page, key: string) => page.locator(`[data-cell="${key}"]`);
  const saved = (page: Page) => page.getByRole("status").filter({ hasText: "已保存" }).waitFor();
  const conflictDialog = (page: Page) => page.getByRole("dialog", { name: "保存冲突：报告已被他人修改" });
  const check = async (page: Page, screen: string) => {
    expect({ screen, violations: await axeViolations(page) }).toEqual({ screen, violations: [] });
    expect({ screen, csp: await cspViolations(page) }).toEqual({ screen, csp: [] });
    await screenshot(page, screen);
  };
  /** Waits until the cell shows the value (the form follows the cache as saves and reads come back). */
  const valueIs = async (page: Page, key: string, value: string) => {
    // Note: polled with evaluate (the DevTools protocol); waitForFunction evaluates text in the page, which the CSP forbids.
    for (let tries = 0; tries < 100 && (await cell(page, key).inputValue()) !== value; tries++) await new Promise(resolve => setTimeout(resolve, 100));
    expect({ key, value: await cell(page, key).inputValue() }).toEqual({ key, value });
  };
  /** Types a value as a person does, with no blur: only the debounced save can send it. */
  const typeInto = async (page: Page, key: string, value: string) => {
    await cell(page, key).focus();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type(value);
  };

  it("shows the stale session what the other changed, and re-applies its own edit on top", async () => {
    await signIn(first, "yuexiu-emergency.drafter");
    await openReport(first);
    await first.getByRole("button", { name: "更正", exact: true }).click();
    const dialog = first.getByRole("dialog", { name: "更正" });
    await dialog.getByLabel("原因").fill("核对申请情况");
    await dialog.getByRole("button", { name: "确定" }).click();
    await first.getByRole("img", { name: "流程状态：草稿" }).waitFor();
    original.x = await cell(first, X).inputValue();
    original.y = await cell(first, Y).inputValue();

    await signIn(second, "yuexiu-emergency.drafter");
    await openReport(second);
    await cell(second, X).waitFor();

    // The first session saves a change (debounced, no blur); the second, still at the old version, then saves another.
    await typeInto(first, X, String(Number(original.x) + 1));
    await saved(first);
    await typeInto(second, Y, String(Number(original.y) + 1));
    const conflict = conflictDialog(second);
    await conflict.getByText("对方修改的内容").waitFor();
    await conflict.getByRole("cell", { name: /自然人 · 一、本年新收/ }).waitFor();
    await conflict.getByRole("cell", { name: String(Number(original.x) + 1), exact: true }).waitFor();
    await conflict.getByText(/我未保存的修改/).waitFor();
    await conflict
      .getByRole("listitem")
      .filter({ hasText: new RegExp(`予以公开：${Number(original.y) + 1}$`) })
      .waitFor();
    await check(second, "form-conflict");

    await conflict.getByRole("button", { name: "重新应用我的修改" }).click();
    await conflict.waitFor({ state: "detached" });
    await saved(second);
    expect({ x: await cell(second, X).inputValue(), y: await cell(second, Y).inputValue() }).toEqual({
      x: String(Number(original.x) + 1),
      y: String(Number(original.y) + 1),
    });
  }, 120_000);

  it("lets the other session reload instead, losing nothing it had saved", async () => {
    // The first session is stale now: its next change conflicts; it reloads and sees both saved changes.
    await typeInto(first, X, original.x);
    const conflict = conflictDialog(first);
    await conflict.getByRole("cell", { name: /自然人 · .*予以公开/ }).waitFor();
    await conflict.getByRole("button", { name: "重新加载" }).click();
    await conflict.waitFor({ state: "detached" });
    await valueIs(first, Y, String(Number(original.y) + 1));
    expect(await cell(first, X).inputValue()).toBe(String(Number(original.x) + 1));
  }, 60_000);

  it("saves a value typed fast and left at once by navigating away, and a section without leaving it", async () => {
    await typeInto(first, X, original.x);
    await typeInto(first, Y, original.y);
    await first.goBack();
    await first.getByRole("heading", { name: "工作台" }).waitFor();
    await openReport(first);
    await valueIs(first, Y, original.y);
    expect(await cell(first, X).inputValue()).toBe(original.x);

    const overview = first.getByRole("textbox", { name: /^一、总体情况/ });
    await overview.focus();
    await first.keyboard.press("ControlOrMeta+End");
    await first.keyboard.type("（已核对）");
    await saved(first);
    await first.reload();
    await first.getByRole("textbox", { name: /^一、总体情况/ }).waitFor();
    expect(await first.getByRole("textbox", { name: /^一、总体情况/ }).inputValue()).toMatch(/（已核对）$/);
  }, 60_000);

  it("raises the reviewer's inbox badge live when the drafter submits, without a reload", async () => {
    await signIn(reviewer, "yuexiu-emergency.secrecy-reviewer");
    const bell = reviewer.getByRole("button", { name: /^通知：\d+ 条未读$/ });
    await bell.waitFor();
    const before = Number(/(\d+)/.exec((await bell.getAttribute("aria-label")) ?? "")?.[1]);
    const navigations: string[] = [];
    reviewer.on("framenavigated", frame => navigations.push(frame.url()));

    await first.getByText("全部规则通过。").waitFor();
    await first.getByRole("button", { name: "提交保密审查", exact: true }).click();
    await first.getByRole("dialog", { name: "提交保密审查" }).getByRole("button", { name: "确定" }).click();
    await first.getByRole("img", { name: "流程状态：保密审查" }).waitFor();

    await reviewer.getByRole("button", { name: `通知：${before + 1} 条未读` }).waitFor();
    expect(navigations).toEqual([]);
    await reviewer.getByRole("button", { name: `通知：${before + 1} 条未读` }).click();
    const list = reviewer.getByRole("dialog", { name: "通知" });
    await list
      .getByText(/待您处理：通过保密审查/)
      .first()
      .waitFor();
    await check(reviewer, "inbox-notifications");
    await list.getByRole("button", { name: "全部标为已读" }).click();
    await reviewer.getByRole("button", { name: "通知：0 条未读" }).waitFor();
  }, 60_000);

  // An entry pushed before the live socket was acknowledged (or while it was down) is never replayed: the bell reads
  // the notifications again when the socket connects. Here the socket is a stand-in that acknowledges only after
  // the drafter has submitted and never pushes anything, so only that read can raise the badge.
  it("reads the notifications again when its live socket connects, so an entry pushed before then still shows", async () => {
    const late = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    let acknowledge: () => void = () => undefined;
    const submitted = new Promise<void>(resolve => (acknowledge = resolve));
    await late.routeWebSocket(/\/graphql$/, ws => {
      ws.onMessage(message => {
        if (JSON.parse(String(message)).type === "connection_init") void submitted.then(() => ws.send(JSON.stringify({ type: "connection_ack" })));
      });
    });
    await signIn(late, "yuexiu-emergency.secrecy-reviewer");
    await late.getByRole("button", { name: "通知：0 条未读" }).waitFor();

    const drafter = userActor((await services.users.findByName("yuexiu-emergency.drafter"))!);
    const report = await services.db.read(manager =>
      manager.findOneByOrFail(ReportEntity, { title: Like("%越秀区应急管理局2020年%"), state: "secrecyReview" }),
    );
    const withdrawn = await services.workflow.step(drafter, "WITHDRAW", { reportId: report.id, expectedVersion: report.version });
    await services.workflow.step(drafter, "SUBMIT", { reportId: report.id, expectedVersion: withdrawn.version });
    // The notification row is written from the audit stream, in its own transaction: wait until it is there.
    const reviewerId = (await services.users.findByName("yuexiu-emergency.secrecy-reviewer"))!.id;
    for (let tries = 0; tries < 100 && (await notificationsOf(services.db, reviewerId, 1, null)).unreadCount === 0; tries++) {
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    await late.waitForTimeout(500);
    expect(await late.getByRole("button", { name: "通知：0 条未读" }).count()).toBe(1);

    acknowledge();
    await late.getByRole("button", { name: "通知：1 条未读" }).waitFor();
    await late.context().close();
  }, 60_000);
});
