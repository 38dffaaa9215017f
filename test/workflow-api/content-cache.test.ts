import { getFormat } from "../../src/formats";
import { CONTENTS_KEPT, ContentCache, contentBytes } from "../../src/services/content-cache";
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

  it("keeps fewer large reports: what it holds stays within 48 MB", () => {
    const cache = new ContentCache();
    const large = withNarrative(60_000);
    const each = contentBytes(large);
    expect(each).toBeGreaterThan(120_000);
    for (let id = 1; id <= 1_000; id++) cache.remember(ContentCache.liveKey(id, 1), large);
    const kept = Array.from({ length: 1_000 }, (_v, i) => cache.content(ContentCache.liveKey(i + 1, 1))).filter(Boolean).length;
    expect(kept).toBe(Math.floor((48 * 2 ** 20) / each));
    expect(cache.content(ContentCache.liveKey(1_000, 1))).toBe(large);
  });
});
