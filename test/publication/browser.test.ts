/**
 * The published seed report in a real browser: Debian's Chromium driven by
 * playwright-core. Skips (saying so) only where /usr/bin/chromium is missing
 * and CI is not set; in CI a missing browser fails the test.
 */
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import type { Browser, Page } from "playwright-core";
import type { Services } from "../../src/services";
import { openTestServices } from "../support/test-services";
import { createTeam, createValidDraft } from "../support/workflow-fixture";
import { publishSeed, startPublicServer } from "./publication-fixture";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = path.resolve(__dirname, "../artifacts");
const available = fs.existsSync(CHROMIUM);
const run = available || process.env.CI ? describe : describe.skip;
if (!available && !process.env.CI) {
  console.warn(`Skipping the browser test: ${CHROMIUM} is missing (install it with: apt-get update && apt-get install -y chromium).`);
}

const SECTIONS = [
  "一、总体情况",
  "二、主动公开政府信息情况",
  "三、收到和处理政府信息公开申请情况",
  "四、政府信息公开行政复议、行政诉讼情况",
  "五、存在的主要问题及改进情况",
  "六、其他需要报告的事项",
];
const CHANNELS = [
  ["越秀区政府门户网站", "59"],
  ["南方+", "830"],
  ["微博", "204"],
  ["市应急局信息网", "5"],
  ["市级以上媒体", "54"],
];

/** The cell's value, the label of its row and the label of its column header, read from the rendered table. */
function cellWithLabels(page: Page, key: string) {
  // Note: the callback runs in the browser; typed loosely, as the project does not compile against the DOM library.
  return page.locator(`[data-cell="${key}"]`).evaluate((cell: any) => {
    const row = cell.parentElement;
    const head = cell.closest("table").tHead;
    const labels = head.rows[head.rows.length - 1];
    return {
      value: cell.textContent,
      row: row.querySelector("th").textContent,
      column: labels.cells[cell.cellIndex].firstChild.textContent,
    };
  });
}

run("the published report in Chromium", () => {
  let services: Services;
  let server: Awaited<ReturnType<typeof startPublicServer>>;
  let browser: Browser;
  let page: Page;
  const outside: string[] = [];

  beforeAll(async () => {
    services = await openTestServices();
    await createTeam(services, "yuexiu-gov");
    await publishSeed(services, "yuexiu-emergency", "yuexiu-gov", "广州市越秀区应急管理局");
    const drafts = await createTeam(services, "draft-office", "yuexiu-gov");
    await createValidDraft(services, drafts, 2020);
    server = await startPublicServer(services);
    // Note: launch() runs the browser on a new temporary profile (a fresh user data dir), removed on close.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on("request", request => {
      if (!request.url().startsWith(server.base)) outside.push(request.url());
    });
    const response = await page.goto(`${server.base}/reports/yuexiu-emergency/2020`);
    expect(response?.status()).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await services?.db.close();
  });

  it("shows the title and the six sections in order", async () => {
    expect(await page.title()).toBe("广州市越秀区应急管理局2020年政府信息公开工作年度报告");
    expect(await page.locator("h1").textContent()).toBe("广州市越秀区应急管理局2020年政府信息公开工作年度报告");
    expect(await page.locator("article section > h2").allTextContents()).toEqual(SECTIONS);
  });

  it("shows 588 under 行政处罚 / 处理决定数量 and 27.37 under 政府集中采购 / 采购总金额", async () => {
    expect(await cellWithLabels(page, "active.art20_6/active.penalty/col.decisions")).toEqual({ value: "588", row: "行政处罚", column: "处理决定数量" });
    expect(await cellWithLabels(page, "active.art20_9/active.procurement/col.procurement_amount")).toEqual({
      value: "27.37",
      row: "政府集中采购",
      column: "采购总金额",
    });
    expect(await page.locator('[data-cell="active.art20_6/active.penalty/col.decisions"]').isVisible()).toBe(true);
  });

  it("draws the channel chart as an accessible image with the five labels and counts as visible text", async () => {
    const chart = page.locator('svg[role="img"]');
    expect(await chart.locator("title").textContent()).toBe("全年主动公开信息数量分布");
    expect(await chart.locator("desc").textContent()).toContain("南方+ 830 条");
    const bars = chart.locator("g.bar");
    expect(await bars.count()).toBe(5);
    for (const [index, [label, value]] of CHANNELS.entries()) {
      expect(await bars.nth(index).locator("text.label").textContent()).toBe(label);
      expect(await bars.nth(index).locator("text.value").textContent()).toBe(value);
      expect(await bars.nth(index).locator("text.value").isVisible()).toBe(true);
    }
    // The longest bar is 南方+'s.
    const widths = await bars.locator("rect").evaluateAll(rects => rects.map(rect => Number(rect.getAttribute("width"))));
    expect(Math.max(...widths)).toBe(widths[1]);
  });

  it("loads nothing from outside and runs no script", async () => {
    expect(outside).toEqual([]);
    expect(await page.locator("script").count()).toBe(0);
  });

  it("saves a full-page screenshot, a phone-width screenshot without sideways scrolling, and an A4 PDF", async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, "published-report.png"), fullPage: true });
    expect(fs.statSync(path.join(ARTIFACTS, "published-report.png")).size).toBeGreaterThan(50_000);

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${server.base}/reports/yuexiu-emergency/2020`);
    expect(await phone.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: path.join(ARTIFACTS, "published-report-phone.png"), fullPage: true });
    await phone.emulateMedia({ media: "print" });
    const pdf = await phone.pdf({ format: "A4", path: path.join(ARTIFACTS, "published-report.pdf") });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    await phone.close();
  });

  it("answers a draft's URL with 404, like a URL that never existed", async () => {
    const other = await browser.newPage();
    const draft = await other.goto(`${server.base}/reports/draft-office/2020`);
    expect(draft?.status()).toBe(404);
    expect(await other.locator("h1").textContent()).toBe("未找到该年度报告");
    const nothing = await other.goto(`${server.base}/reports/no-such-office/2020`);
    expect(nothing?.status()).toBe(404);
    await other.close();
  });

  it("lists the report in the index, filtered by the supervising office and the year", async () => {
    const index = await browser.newPage();
    await index.goto(`${server.base}/reports?agency=yuexiu-gov&year=2020`);
    expect(await index.locator("table.listing tbody tr").count()).toBe(1);
    expect(await index.locator("table.listing tbody a").textContent()).toBe("广州市越秀区应急管理局2020年政府信息公开工作年度报告");
    await index.close();
  });
});
