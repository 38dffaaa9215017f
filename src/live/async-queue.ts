/**
 * A push-to-pull queue: producers `push`, one consumer iterates. `end` finishes the iteration after what is
 * queued; `fail` ends it with an error. `return()` (the consumer leaving) calls `onReturn` so the producer can
 * let go of its resources.
 */
export class AsyncQueue<T> implements AsyncIterableIterator<T> {
  private readonly items: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private failWaiting: ((error: unknown) => void) | null = null;
  private done = false;
  private error: unknown = null;

  constructor(private readonly onReturn: () => void = () => undefined) {}

  push(item: T): void {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.failWaiting = null;
      resolve({ value: item, done: false });
    } else {
      this.items.push(item);
    }
  }

  /** Ended, failed or returned: nothing more will be taken. */
  get closed(): boolean {
    return this.done;
  }

  get size(): number {
    return this.items.length;
  }

  end(): void {
    if (this.done) return;
    this.done = true;
    this.waiting?.({ value: undefined, done: true });
    this.waiting = this.failWaiting = null;
    this.onReturn();
  }

  fail(error: unknown): void {
    if (this.done) return;
    this.error = error;
    this.done = true;
    this.failWaiting?.(error);
    this.waiting = this.failWaiting = null;
    this.onReturn();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.items.length) return Promise.resolve({ value: this.items.shift()!, done: false });
    if (this.error) return Promise.reject(this.error instanceof Error ? this.error : new Error("the stream ended with an error", { cause: this.error }));
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }

  /** Takes up to `max` items already queued, without waiting (a consumer batching what piled up behind the one it got). */
  drain(max: number): T[] {
    return this.items.splice(0, Math.max(0, max));
  }

  return(): Promise<IteratorResult<T>> {
    this.items.length = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
