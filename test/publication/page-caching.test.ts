import { AgencyEntity } from "../../src/entities";
import { PageCache } from "../../src/publication/page-cache";
import { openTestApi } from "../support/test-services";
import type { TestApi } from "../support/test-services";
import { HAPPY_PATH, walk } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";
import { attr, findAll, parseHtml, publishSeed, startPublicServer } from "./publication-fixture";

const PENALTY = "active.art20_6/active.penalty/col.decisions";

let api: TestApi;
let server: Awaited<ReturnType<typeof startPublicServer>>;
let seed: { team: Team; reportId: number };

beforeAll(async () => {
  api = await openTestApi();
  const published = await publishSeed(api.services, "cache-office");
  seed = { team: published.team, reportId: published.report.id };
  server = await startPublicServer(api.services);
});

afterAll(async () => {
  await server.close();
  await api.close();
});

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(server.base + url, { headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe("HTTP caching of the public pages", () => {
  it("serves a revision's CSV as immutable, every page with a strong ETag, and 304 when the client has it", async () => {
    const csv = await get("/reports/cache-office/2020/revisions/1.csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const etag = csv.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    const again = await get("/reports/cache-office/2020/revisions/1.csv", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    expect(again.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");

    for (const url of ["/reports/cache-office/2020", "/reports/cache-office/2020.json", "/reports/cache-office/2020/revisions/1"]) {
      const page = await get(url);
      expect([url, page.status, page.headers.get("cache-control")]).toEqual([url, 200, "public, max-age=60"]);
      const tag = page.headers.get("etag")!;
      expect((await get(url, { "if-none-match": `"other", W/${tag}` })).status).toBe(304);
      expect((await get(url, { "if-none-match": '"other"' })).text).toBe(page.text);
    }
    expect((await get("/reports/cache-office/2020/revisions/7", { "if-none-match": "*" })).status).toBe(404);
  });

  it("never serves a cached page after a correction or a rename changed it", async () => {
    const { team, reportId } = seed;
    const latestBefore = await get("/reports/cache-office/2020");
    const revisionBefore = await get("/reports/cache-office/2020/revisions/1");
    const csvBefore = await get("/reports/cache-office/2020/revisions/1.csv");
    expect(findAll(parseHtml(revisionBefore.text), e => attr(e, "id") === "superseded")).toHaveLength(0);

    await walk(api.services, team, reportId, [["CORRECT", "DRAFTER"]], "数字有误");
    const draft = (await api.services.reports.findById(reportId))!;
    await api.services.reports.setCells(team.DRAFTER, { reportId, cells: [{ key: PENALTY, value: "589" }], expectedVersion: draft.version });
    await walk(api.services, team, reportId, HAPPY_PATH);

    const latestAfter = await get("/reports/cache-office/2020", { "if-none-match": latestBefore.headers.get("etag")! });
    expect(latestAfter.status).toBe(200);
    expect(latestAfter.text).toContain("第 2 版");
    const revisionAfter = await get("/reports/cache-office/2020/revisions/1", { "if-none-match": revisionBefore.headers.get("etag")! });
    expect(revisionAfter.status).toBe(200);
    expect(findAll(parseHtml(revisionAfter.text), e => attr(e, "id") === "superseded")).toHaveLength(1);
    // The revision's own CSV did not change: still the client's copy.
    expect((await get("/reports/cache-office/2020/revisions/1.csv", { "if-none-match": csvBefore.headers.get("etag")! })).status).toBe(304);

    await api.services.db.transaction(manager => manager.update(AgencyEntity, { code: "cache-office" }, { name: "更名后的办公室" }));
    const renamed = await get("/reports/cache-office/2020", { "if-none-match": latestAfter.headers.get("etag")! });
    expect(renamed.status).toBe(200);
    expect(renamed.text).toContain("更名后的办公室");
  });
});

describe("PageCache", () => {
  const page = (stamp: string, size: number) => ({ stamp, etag: '"x"', body: "x".repeat(size), headers: {}, notModified: {} });

  it("holds at most its byte budget, dropping the least recently used first", () => {
    const cache = new PageCache(1000);
    cache.set("a", page("s", 200));
    cache.set("b", page("s", 200));
    expect(cache.get("a", "s")).toBeDefined();
    cache.set("c", page("s", 200));
    expect([cache.get("a", "s") !== undefined, cache.get("b", "s") !== undefined, cache.get("c", "s") !== undefined]).toEqual([true, false, true]);
    expect(cache.heldBytes).toBeLessThanOrEqual(1000);
    cache.set("huge", page("s", 600));
    expect(cache.get("huge", "s")).toBeUndefined();
  });

  it("forgets an entry whose stamp changed", () => {
    const cache = new PageCache(1000);
    cache.set("a", page("v1", 10));
    expect(cache.get("a", "v2")).toBeUndefined();
    expect(cache.get("a", "v1")).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.heldBytes).toBe(0);
  });
});
