import { getFormat } from "../../src/formats";
import { CONTENTS_KEPT, CONTENT_BUDGET_BYTES, ContentCache, contentWeight } from "../../src/services/content-cache";
import { LruCache } from "../../src/services/lru-cache";
import type { ReportContent } from "../../src/services/report-store";
import type { Violation } from "../../src/validation";

/** A step carries a report's content forward to the version it made (WorkflowService.step, after its COMMIT). */
describe("ContentCache: content carried forward to a later version", () => {
  function content(): ReportContent {
    const format = getFormat("gb2021");
    return { format, year: 2024, cells: Object.fromEntries(format.cellKeys.map(key => [key, null])), sections: {}, channels: [] };
  }
  const violation: Violation[] = [];

  it("finds the content under the later version and reuses its validation", () => {
    const cache = new ContentCache();
    const own = cache.remember(ContentCache.liveKey(7, 3), content());
    let computed = 0;
    const compute = () => (computed++, violation);
    cache.validation(own, undefined, compute);

    cache.remember(ContentCache.liveKey(7, 4), own);

    expect(cache.content(ContentCache.liveKey(7, 4))).toBe(own);
    expect(cache.validation(cache.content(ContentCache.liveKey(7, 4))!, undefined, compute)).toBe(violation);
    expect(computed).toBe(1);
  });

  it("validates other content (an edit made a new version) anew", () => {
    const cache = new ContentCache();
    const before = cache.remember(ContentCache.liveKey(7, 3), content());
    const after = cache.remember(ContentCache.liveKey(7, 4), content());
    let computed = 0;
    cache.validation(before, undefined, () => (computed++, violation));
    cache.validation(after, undefined, () => (computed++, violation));

    expect(computed).toBe(2);
  });
});

/** The content cache is bounded by count and by estimated size (issue 14: RSS under 300 MB per worker). */
describe("ContentCache: bounded by count and by size", () => {
  const withNarrative = (chars: number): ReportContent => {
    const format = getFormat("gb2021");
    return { format, year: 2024, cells: Object.fromEntries(format.cellKeys.map(key => [key, "1"])), sections: { s1: "公".repeat(chars) }, channels: [] };
  };

  it("keeps CONTENTS_KEPT small reports, the most recently used", () => {
    const cache = new ContentCache();
    const small = withNarrative(100);
    for (let id = 1; id <= CONTENTS_KEPT + 10; id++) cache.remember(ContentCache.liveKey(id, 1), small);
    expect(cache.content(ContentCache.liveKey(10, 1))).toBeUndefined();
    expect(cache.content(ContentCache.liveKey(11, 1))).toBe(small);
    expect(cache.content(ContentCache.liveKey(CONTENTS_KEPT + 10, 1))).toBe(small);
  });
});

describe("LruCache bounded by weight", () => {
  const weighing = { weightOf: (value: string) => value.length, maxWeight: 10 };

  it("drops the least recently used entries until what is kept weighs no more than its budget", () => {
    const cache = new LruCache<string, string>(100, weighing);
    cache.set("a", "xxxx");
    cache.set("b", "xxxx");
    cache.get("a");
    cache.set("c", "xxxx");

    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe("xxxx");
    expect(cache.get("c")).toBe("xxxx");
    expect(cache.size).toEqual({ entries: 2, weight: 8 });
  });

  it("keeps no value heavier than the whole budget, and counts a replaced value once", () => {
    const cache = new LruCache<string, string>(100, weighing);
    cache.set("a", "xx");
    cache.set("a", "xxx");
    cache.set("huge", "x".repeat(11));

    expect(cache.get("huge")).toBeUndefined();
    expect(cache.size).toEqual({ entries: 1, weight: 3 });
  });

  it("still holds at most its number of entries", () => {
    const cache = new LruCache<string, string>(2, weighing);
    for (const key of ["a", "b", "c"]) cache.set(key, "x");

    expect(cache.get("a")).toBeUndefined();
    expect(cache.size).toEqual({ entries: 2, weight: 2 });
  });
});

describe("ContentCache: contents bounded by their estimated size", () => {
  it("keeps contents while their estimate fits the budget, dropping the oldest first", () => {
    const cache = new ContentCache();
    const format = getFormat("gb2021");
    // Note: long narrative texts, so that fewer than the 1,000 entries fill the budget.
    const big = (): ReportContent => ({ format, year: 2024, cells: {}, sections: { s1: "文".repeat(4 * 1024 * 1024) }, channels: [] });
    const first = cache.remember(ContentCache.liveKey(1, 1), big());
    expect(contentWeight(first)).toBeGreaterThan(8 * 1024 * 1024);
    for (let id = 2; id <= 8; id++) cache.remember(ContentCache.liveKey(id, 1), big());

    expect(cache.content(ContentCache.liveKey(1, 1))).toBeUndefined();
    expect(cache.content(ContentCache.liveKey(8, 1))).toBeDefined();
    expect(cache.contentSize.weight).toBeLessThanOrEqual(CONTENT_BUDGET_BYTES);
  });
});
