/**
 * 定时发布 and 登记已发布 in the browser: the publisher schedules an approved report a few seconds ahead (on
 * Beijing's clock, whatever the browser's zone), sees 已定时发布 with the time and their name, and sees the report
 * published when the server's scheduler takes it — no reload; a time already past is refused in the dialog; a
 * report changed meanwhile (CONFLICT) is said so in Chinese and reloaded; the leader sees the schedule but may not
 * change it; the publisher cancels another schedule; a past report is
 * imported as published on its original date; and a step's dialog that meets a CONFLICT says so and reloads the
 * report, so the next 确定 is taken. The schedule dialog passes axe-core's WCAG 2.1 AA rules.
 */
import fs from "node:fs";
import { chromium } from "playwright-core";
import type { Browser, Page } from "playwright-core";
import type { TokenConfig } from "../../src/auth/token-config";
import { DEMO_PASSWORD, DEMO_SEED_AGENCY, DEMO_SECOND_AGENCY, demoUserName, ensureDemoPasswords, loadDemoData } from "../../src/demo/load-demo";
import { ReportEntity } from "../../src/entities";
import { startServer } from "../../src/server/server";
import type { RunningServer } from "../../src/server/server";
import type { Services } from "../../src/services";
import { userActor } from "../../src/services/user.service";
import { ROLES } from "../../src/workflow";
import type { Role, WorkflowEventType } from "../../src/workflow";
import { SEED_TEXT, openTestServices } from "../support/test-services";
import { createValidDraft, walk } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";
import { axeViolations, CHROMIUM, CHROMIUM_ARGS, CONSOLE_ADMISSION, CONSOLE_DIST, cspViolations, screenshot, watchCsp } from "./console-fixture";

const TOKENS: TokenConfig = { kind: "hs256", secret: new TextEncoder().encode("console-schedule-secret-32-chars!!!!") };
const available = fs.existsSync(CHROMIUM);
const run = available || process.env.CI ? describe : describe.skip;

const PUBLISHER = demoUserName(DEMO_SEED_AGENCY.code, "PUBLISHER");
const JUSTICE_PUBLISHER = demoUserName(DEMO_SECOND_AGENCY.code, "PUBLISHER");
const APPROVED: Array<[WorkflowEventType, Role]> = [
  ["SUBMIT", "DRAFTER"],
  ["CLEAR_SECRECY", "SECRECY_REVIEWER"],
  ["SIGN_OFF", "LEADER"],
];
const BEIJING = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});
/** A moment as the picker takes it: Beijing's wall clock, "YYYY-MM-DD HH:mm:ss". */
const beijing = (ms: number) => BEIJING.format(new Date(ms));

async function demoTeam(services: Services, agencyCode: string): Promise<Team> {
  const team: Partial<Team> = {};
  for (const role of ROLES) team[role] = userActor((await services.users.findByName(demoUserName(agencyCode, role)))!);
  return team as Team;
}

run("the console: scheduled publication and recording a past report", () => {
  let services: Services;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let base: string;
  let justice: Team;
  let justice2021: ReportEntity;

  beforeAll(async () => {
    if (!fs.existsSync(`${CONSOLE_DIST}/index.html`)) throw new Error("The console is not built: run `npm run build` first.");
    services = await openTestServices();
    await loadDemoData(services);
    await ensureDemoPasswords(services);
    // Two approved reports: the demo agency's 2019 (before its published 2020 report, so no cross-year rule
    // applies) and 司法局's complete 2021 draft of the demo.
    const emergency = await demoTeam(services, DEMO_SEED_AGENCY.code);
    await walk(services, emergency, (await createValidDraft(services, emergency, 2019)).id, APPROVED);
    justice = await demoTeam(services, DEMO_SECOND_AGENCY.code);
    [justice2021] = await services.db.read(manager => manager.find(ReportEntity, { where: { agencyId: justice.DRAFTER.agencyId, year: 2021 } }));
    justice2021 = await walk(services, justice, justice2021.id, APPROVED);
    // The scheduler polls every 200 ms (default 1 s), so a schedule runs within a fraction of a second of its time.
    server = await startServer(services, {
      port: 0,
      host: "127.0.0.1",
      tokens: TOKENS,
      admission: CONSOLE_ADMISSION,
      scheduler: { pollMs: 200, instance: "console-schedule" },
    });
    base = `http://127.0.0.1:${server.port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await freshPage();
  }, 120_000);

  /** A page of its own (own session cookie). The browser runs on UTC: the console must still read and show Beijing time. */
  const freshPage = async () => {
    const fresh = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: "UTC" })).newPage();
    await watchCsp(fresh);
    return fresh;
  };

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await services?.db.close();
  });

  const signIn = async (name: string) => {
    await page.goto(`${base}/console/`);
    await page.getByLabel("用户名").fill(name);
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByRole("heading", { name: "工作台" }).waitFor();
  };
  const signOut = async () => {
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.getByLabel("用户名").waitFor();
  };
  const openReport = async (agency: string, year: number) => {
    await page.getByRole("link", { name: new RegExp(`${agency}${year}年`) }).click();
    await page.getByRole("heading", { level: 1, name: new RegExp(`${year}年`) }).waitFor();
  };
  const stateIs = (label: string, timeout?: number) => page.getByRole("img", { name: `流程状态：${label}` }).waitFor({ timeout });
  const scheduleDialog = () => page.getByRole("dialog", { name: "定时发布" });
  const pickTime = async (text: string) => {
    const picker = scheduleDialog().getByLabel("发布时间（北京时间）");
    await picker.fill(text);
    await picker.press("Enter");
  };
  const settle = async () => {
    // Note: polled with evaluate (the DevTools protocol); waitForFunction evaluates text in the page, which the CSP forbids.
    for (let tries = 0; tries < 50 && (await page.evaluate<boolean>(`document.getAnimations().some(a => a.playState === "running")`)); tries++) {
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  };

  /**
   * axe over the schedule dialog with the picker's calendar closed: the modal focuses the picker, whose calendar then
   * opens on some runs, and antd's open calendar greys other months' days below AA contrast and names its year/month
   * buttons apart from their text — antd's, noted for a restyle, not this dialog's.
   */
  const dialogViolations = async () => {
    await scheduleDialog().locator(".ant-modal-title").click();
    await page.locator(".ant-picker-dropdown").waitFor({ state: "hidden" });
    await settle();
    return axeViolations(page);
  };

  it("schedules an approved report 10 s ahead, shows 已定时发布 with the time, and shows it published at its time", async () => {
    await signIn(PUBLISHER);
    await openReport("越秀区应急管理局", 2019);
    await stateIs("已批准");
    await page.getByRole("button", { name: "定时发布", exact: true }).click();
    await scheduleDialog().getByLabel("发布时间（北京时间）").waitFor();
    expect({ violations: await dialogViolations() }).toEqual({ violations: [] });
    await screenshot(page, "schedule-dialog");

    // A time already past is refused in the dialog, in Chinese, and nothing is sent.
    await pickTime(beijing(Date.now() - 60_000));
    await scheduleDialog().getByRole("button", { name: "确定" }).click();
    await scheduleDialog().getByText("发布时间须晚于当前时间，请重新选择。").waitFor();
    expect({ violations: await dialogViolations() }).toEqual({ violations: [] });

    // Note: 10 s ahead, not less: on a loaded machine picking the time and sending it can take seconds, and a time
    // already past when it arrives is refused.
    const at = beijing(Date.now() + 10_000);
    await pickTime(at);
    await scheduleDialog().getByRole("button", { name: "确定" }).click();
    await scheduleDialog().waitFor({ state: "detached" });
    await page.getByText(`已定时发布：${at}（北京时间），由 ${PUBLISHER} 设定`).waitFor();
    await stateIs("已批准");

    // The server's scheduler publishes it; the page asks again at the time, without a reload.
    await stateIs("已发布", 30_000);
    await page.getByText(/^已定时发布/).waitFor({ state: "detached" });
    await page.getByText(/^首次发布：\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（北京时间）/).waitFor();
    expect(await cspViolations(page)).toEqual([]);
  }, 90_000);

  it("says when the report changed meanwhile, shows another role the schedule without the actions, and lets the publisher cancel it", async () => {
    page = await freshPage();
    await signIn(JUSTICE_PUBLISHER);
    await openReport("越秀区司法局", 2021);
    const at = beijing(Date.now() + 3_600_000);
    await page.getByRole("button", { name: "定时发布", exact: true }).click();
    await pickTime(at);
    // Meanwhile someone else schedules it (the report's version moves on): the dialog says so and reloads the report.
    const other = new Date(Date.now() + 7_200_000);
    await services.schedule.schedule(justice.PUBLISHER, { reportId: justice2021.id, expectedVersion: justice2021.version, at: other });
    await scheduleDialog().getByRole("button", { name: "确定" }).click();
    await scheduleDialog().getByText("报告在此期间已被修改，页面已按最新内容刷新；请核对后再操作。").waitFor();
    await page.getByText(`已定时发布：${beijing(other.getTime())}（北京时间）`, { exact: false }).waitFor();
    // Confirmed again, on the version now shown, it replaces that schedule.
    await scheduleDialog().getByRole("button", { name: "确定" }).click();
    await scheduleDialog().waitFor({ state: "detached" });
    const notice = page.getByText(`已定时发布：${at}（北京时间），由 ${JUSTICE_PUBLISHER} 设定`);
    await notice.waitFor();

    await signOut();
    await signIn(demoUserName(DEMO_SECOND_AGENCY.code, "LEADER"));
    await openReport("越秀区司法局", 2021);
    await notice.waitFor();
    expect(await page.getByRole("button", { name: "定时发布", exact: true }).isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "取消定时发布", exact: true }).isDisabled()).toBe(true);

    await signOut();
    await signIn(JUSTICE_PUBLISHER);
    await openReport("越秀区司法局", 2021);
    await notice.waitFor();
    await page.getByRole("button", { name: "取消定时发布", exact: true }).click();
    await page.getByRole("dialog", { name: "取消定时发布" }).getByRole("button", { name: "确定" }).click();
    await notice.waitFor({ state: "detached" });
    await stateIs("已批准");
    expect(await page.getByRole("button", { name: "取消定时发布", exact: true }).isDisabled()).toBe(true);
  }, 90_000);

  it("imports a past report as published on its original date, with its address", async () => {
    page = await freshPage();
    await signIn(JUSTICE_PUBLISHER);
    await page.getByRole("button", { name: "导入", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "导入已发布的报告" });
    await dialog.getByLabel("报告文本").fill(fs.readFileSync(SEED_TEXT, "utf8"));
    const date = dialog.getByLabel(/^原发布日期/);
    await date.fill("2021-01-29");
    await date.press("Enter");
    const url = dialog.getByLabel(/^原文地址/);
    await url.fill("not a url");
    await dialog.getByText(/原文地址不是有效的网址/).waitFor();
    await url.fill("https://www.yuexiu.gov.cn/zwgk/2020-report.html");
    await dialog.getByRole("button", { name: "预览" }).click();
    await dialog.getByText("读到的内容（尚未写入）").waitFor();
    await settle();
    expect({ violations: await axeViolations(page) }).toEqual({ violations: [] });
    await dialog.getByRole("button", { name: "导入并登记已发布" }).click();
    await page.getByRole("heading", { level: 1, name: /越秀区司法局2020年/ }).waitFor();
    await stateIs("已发布");
    await page.getByText("首次发布：2021-01-29 00:00:00（北京时间），原文：https://www.yuexiu.gov.cn/zwgk/2020-report.html").waitFor();
    expect(await cspViolations(page)).toEqual([]);
  }, 90_000);

  it("says in a step's dialog when the report changed meanwhile, shows it reloaded, and takes the step on the next 确定", async () => {
    page = await freshPage();
    await signIn(JUSTICE_PUBLISHER);
    await openReport("越秀区司法局", 2021);
    await stateIs("已批准");
    const report = (await services.db.read(manager => manager.findOneBy(ReportEntity, { id: justice2021.id })))!;
    await page.getByRole("button", { name: "发布", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "发布" });
    await dialog.getByText(`（版本 ${report.version}）`).waitFor();
    // Someone else schedules it just before the step arrives (the step held at the browser's edge, so it surely
    // carries the version this page read): 确定 is refused as CONFLICT, said in Chinese, and the report reloaded.
    const other = new Date(Date.now() + 7_200_000);
    let held = false;
    await page.route("**/graphql", async route => {
      if (!held && (route.request().postData() ?? "").includes("ReviewPublish")) {
        held = true;
        await services.schedule.schedule(justice.PUBLISHER, { reportId: report.id, expectedVersion: report.version, at: other });
      }
      await route.continue();
    });
    await dialog.getByRole("button", { name: "确定" }).click();
    await dialog.getByText("报告在此期间已被修改，页面已按最新内容刷新；请核对后再操作。").waitFor();
    await page.unroute("**/graphql");
    await dialog.getByText(`（版本 ${report.version + 1}）`).waitFor();
    const scheduled = page.getByText(`已定时发布：${beijing(other.getTime())}（北京时间）`, { exact: false });
    await scheduled.waitFor();
    // Confirmed again, on the version now shown: published by hand, which consumes the schedule.
    await dialog.getByRole("button", { name: "确定" }).click();
    await dialog.waitFor({ state: "detached" });
    await stateIs("已发布");
    await scheduled.waitFor({ state: "detached" });
    expect(await cspViolations(page)).toEqual([]);
  }, 90_000);
});
