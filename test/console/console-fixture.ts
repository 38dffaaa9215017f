import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import type { Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/**
 * The browser walks test the console, not load shedding: on a loaded 2-core CI machine (two jest workers and
 * Chromium) a screen's burst of requests could wait past the default 3 s for a turn and be refused 503 mid-walk.
 * The limits themselves are tested in test/hardening/overload.test.ts.
 */
export const CONSOLE_ADMISSION = { maxConcurrent: 4, maxQueued: 256, queueTimeoutMs: 25_000, requestTimeoutMs: 30_000 };
export const CONSOLE_DIST = path.resolve(__dirname, "../../dist/console");
const AXE = require.resolve("axe-core/axe.min.js");
/** Screenshots go to docs/console/ with CONSOLE_SCREENSHOTS=1 (to commit them), else to test/artifacts/console/. */
const SHOTS = process.env.CONSOLE_SCREENSHOTS ? path.resolve(__dirname, "../../docs/console") : path.resolve(__dirname, "../artifacts/console");

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

interface AxeResult {
  violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[]; failureSummary?: string }> }>;
}

/** axe-core's WCAG 2.1 A and AA rules on the page as it is now; returns the violations, described. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Note: browser-side code is passed as text; the project does not compile against the DOM library.
  if (!(await page.evaluate<boolean>(`"axe" in window`))) {
    // Note: evaluated through the DevTools protocol, which the page's CSP (script-src 'self') does not govern.
    await page.evaluate(fs.readFileSync(AXE, "utf8"));
  }
  const result = await page.evaluate<AxeResult>(`axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })`);
  return result.violations.map(
    v =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map(n => `${n.target.join(" ")} ${n.failureSummary ?? ""}`)
        .join(", ")}`,
  );
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** Records Content-Security-Policy violations in the page, so the test can fail on any. */
export async function watchCsp(page: Page): Promise<void> {
  await page.addInitScript(`
    window.cspViolations = [];
    document.addEventListener("securitypolicyviolation", event =>
      window.cspViolations.push(event.violatedDirective + " " + event.sourceFile + ":" + event.lineNumber + " " + event.sample));
  `);
}

/**
 * The violations seen so far, less two known and harmless ones: antd's
 * rc-component helpers write two <style> elements that take no nonce — the
 * scrollbar measurement (blocked, it falls back to the default width) and the
 * scroll lock while a dialog is open (blocked, the page behind the dialog can
 * still scroll). Anything else fails the test.
 */
export async function cspViolations(page: Page): Promise<string[]> {
  const seen = await page.evaluate<string[]>(`window.cspViolations ?? []`);
  return seen.filter(line => !/^style-src-elem \S+ (#rc-scrollbar-measure-|html body \{\s*overflow-y: hidden)/.test(line));
}

/** Gzipped bytes of the given console assets, as they are served. */
export function gzippedBytes(urls: string[]): number {
  return urls.reduce((sum, url) => {
    const file = path.join(CONSOLE_DIST, new URL(url).pathname.replace(/^\/console\//, ""));
    return sum + zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
  }, 0);
}

/** What has the keyboard focus, described as a keyboard user's screen reader would name it. */
export interface Focused {
  tag: string;
  name: string;
  cell: string | null;
  inDialog: boolean;
}

export async function focused(page: Page): Promise<Focused> {
  return page.evaluate<Focused>(`(() => {
    const e = document.activeElement;
    const label = e?.getAttribute("aria-label") ?? (e?.labels?.[0]?.textContent ?? "");
    return {
      tag: e?.tagName ?? "",
      name: (label || e?.textContent || "").trim().slice(0, 120),
      cell: e?.getAttribute("data-cell") ?? null,
      inDialog: Boolean(e?.closest("[role=dialog]")),
    };
  })()`);
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches — the only way
 * a keyboard user gets anywhere; fails if it is never reached, which is what
 * a focus trap or an unreachable control would cause.
 */
export async function tabTo(page: Page, what: string, match: (element: Focused) => boolean, options: { back?: boolean; max?: number } = {}): Promise<Focused> {
  const seen: string[] = [];
  for (let presses = 0; presses <= (options.max ?? 400); presses++) {
    const element = await focused(page);
    if (match(element)) return element;
    if (seen.length < 12) seen.push(`${element.tag}:${element.cell ?? element.name.slice(0, 20)}`);
    await page.keyboard.press(options.back ? "Shift+Tab" : "Tab");
  }
  throw new Error(`${what} is not reachable with ${options.back ? "Shift+Tab" : "Tab"}; focus went ${seen.join(" → ")} …`);
}
