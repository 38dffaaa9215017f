import { AsyncQueue } from "./async-queue";

/**
 * A queue of `fn(item)` for each item of `input` (in order), leaving out nulls. Returning (a subscriber leaving)
 * ends the input at once — an async generator would hold its listener until the next item arrived.
 */
export function filterMap<T, U>(input: AsyncQueue<T>, fn: (item: T) => Promise<U | null>): AsyncQueue<U> {
  const output = new AsyncQueue<U>(() => void input.return());
  void (async () => {
    try {
      for (;;) {
        const next = await input.next();
        if (next.done) return output.end();
        const mapped = await fn(next.value);
        if (mapped !== null) output.push(mapped);
      }
    } catch (error) {
      output.fail(error);
    }
  })();
  return output;
}
