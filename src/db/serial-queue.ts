/**
 * A FIFO mutex for async work.
 *
 * Note: TypeORM 1.1.1's better-sqlite3 driver shares ONE connection between
 * all callers, so two overlapping transactions nest as savepoints and a
 * rollback in one silently discards the other's "committed" writes
 * (typeorm#1884). In SQLite mode every database unit of work runs through this
 * queue, one at a time.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    // Keep the chain alive whatever the outcome; callers see the real result.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
