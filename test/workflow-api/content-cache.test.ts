import { getFormat } from "../../src/formats";
import { ContentCache } from "../../src/services/content-cache";
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
