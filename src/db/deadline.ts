import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The instant by which the current request must have started all its database work. The HTTP layer sets it
 * (REQUEST_TIMEOUT_MS after the request arrived); the Database checks it whenever a transaction or read is about
 * to begin — after any wait in its queue — so no request waits past its limit for the database, and a change
 * that could not begin in time is not made at all.
 */
const deadlines = new AsyncLocalStorage<number>();

export class DeadlineExceededError extends Error {
  constructor() {
    super("The request's time limit passed before its database work could begin; nothing was changed.");
    this.name = "DeadlineExceededError";
  }
}

/**
 * Lets pending I/O (other requests, /healthz) run before continuing. better-sqlite3 is synchronous and a chain
 * of awaits runs as microtasks, so without this one request's whole database work would be one event-loop block.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise(resolve => setImmediate(resolve));
}

/**
 * Turns of the event loop taken one after another. Many resolvers awaiting yieldToEventLoop() at once would all
 * resume in the same turn; each `next()` here resumes only after the previous one's turn, so a page's per-item
 * work (100 reports' tables, validations) is spread over turns with other requests' I/O in between.
 */
export class EventLoopTurns {
  private tail: Promise<void> = Promise.resolve();

  next(): Promise<void> {
    const turn = this.tail.then(yieldToEventLoop);
    this.tail = turn;
    return turn;
  }
}

export function runWithDeadline<T>(deadline: number, work: () => T): T {
  return deadlines.run(deadline, work);
}

/** Throws DeadlineExceededError when the current request's deadline has passed. */
export function assertBeforeDeadline(): void {
  const deadline = deadlines.getStore();
  if (deadline !== undefined && Date.now() > deadline) {
    throw new DeadlineExceededError();
  }
}
