import type { NextFunction, Request, RequestHandler, Response } from "express";
import { ConfigError, runWithDeadline, runWithTurn } from "../db";
import type { RequestTurn } from "../db";

/** How much work the server takes on at once, and how long anything may wait (README: Overload). */
export interface AdmissionOptions {
  /** Requests worked on at the same time (MAX_CONCURRENT_REQUESTS). */
  maxConcurrent: number;
  /** Requests that may wait for a turn beyond those; more are refused at once (MAX_QUEUED_REQUESTS). */
  maxQueued: number;
  /** How long a request may wait for its turn before it is refused (QUEUE_TIMEOUT_MS). */
  queueTimeoutMs: number;
  /** No request waits longer than this, in the queue or for the database (REQUEST_TIMEOUT_MS). */
  requestTimeoutMs: number;
}

/**
 * Note: few at once on purpose. Work between two turns of the event loop runs for every request in progress, so
 * /healthz (and every request's next step) waits behind all of them; SQLite runs one statement at a time anyway.
 * Several instances, or PostgreSQL with slow queries, may raise it.
 */
export const DEFAULT_ADMISSION: AdmissionOptions = { maxConcurrent: 4, maxQueued: 256, queueTimeoutMs: 3_000, requestTimeoutMs: 10_000 };

export function admissionOptionsFromEnv(env: NodeJS.ProcessEnv): AdmissionOptions {
  const read = (name: string, fallback: number, min: number) => {
    const text = env[name];
    if (text === undefined || text === "") return fallback;
    if (!/^\d{1,9}$/.test(text.trim()) || Number(text) < min) {
      throw new ConfigError(`${name} must be a whole number ≥ ${min} (got "${text}").`);
    }
    return Number(text);
  };
  return {
    maxConcurrent: read("MAX_CONCURRENT_REQUESTS", DEFAULT_ADMISSION.maxConcurrent, 1),
    maxQueued: read("MAX_QUEUED_REQUESTS", DEFAULT_ADMISSION.maxQueued, 0),
    queueTimeoutMs: read("QUEUE_TIMEOUT_MS", DEFAULT_ADMISSION.queueTimeoutMs, 1),
    requestTimeoutMs: read("REQUEST_TIMEOUT_MS", DEFAULT_ADMISSION.requestTimeoutMs, 1),
  };
}

interface Waiting {
  start(): void;
  /** Refuses the request when it has waited its limit; none for a request taking its lent turn back. */
  timer: NodeJS.Timeout | undefined;
}

/**
 * Load shedding in front of everything that does work: at most `maxConcurrent` requests at once, a bounded
 * FIFO queue behind them, and a wait limit. What cannot be served in time is refused early — 503 with
 * Retry-After — rather than left to time out, so the server stays responsive (/healthz is mounted before this
 * and never queues). Each admitted request carries its deadline (arrival + requestTimeoutMs), which the
 * database checks before it starts any work for it.
 *
 * Note: written here rather than taken from a library: p-queue (ESM only from v7) and bottleneck bound the
 * queue but cannot drop a waiting job when its wait limit passes; toobusy-js sheds by event-loop lag, not by
 * how long a request has waited. This is the one piece the server needs, a bounded queue with a deadline.
 */
export function admission(
  options: AdmissionOptions,
  log: (line: string) => void = console.error,
): RequestHandler & { stats: () => { active: number; queued: number; refused: number } } {
  const queueTimeoutMs = Math.min(options.queueTimeoutMs, options.requestTimeoutMs);
  const retryAfter = String(Math.max(1, Math.ceil(queueTimeoutMs / 1000)));
  const turns = new Turns(options.maxConcurrent);
  const tellWhy = rateLimited(TELL_WHY_EVERY_MS, log);
  let refused = 0;

  const refuse = (res: Response, why: string) => {
    refused++;
    sendBusy(res, retryAfter, why);
  };
  const refuseLate = (res: Response) => {
    refuse(res, `no turn within ${queueTimeoutMs} ms`);
    tellWhy(() => `admission: a request waited ${queueTimeoutMs} ms without a turn and was refused (503); the turns are held by ${turns.holders()}`);
  };

  const handler = (req: Request, res: Response, next: NextFunction) => {
    // Note: a client may leave before its request gets here (the fast path reads the chain head before Express).
    // Its response is closed already: nothing would end it, so a turn taken now was never given back (the
    // PostgreSQL (A) stall: four such requests held every turn for good). Nothing is done for it, as for a
    // client that leaves the queue.
    if (res.closed) return;
    const deadline = Date.now() + options.requestTimeoutMs;
    // Note: the path only — a query string may carry what a log should not keep.
    const turn = turns.newTurn(`${req.method} ${req.path}`);
    const start = () => {
      turn.take();
      releaseWhenDone(res, turn.end, deadline);
      runWithDeadline(deadline, () => runWithTurn(turn, () => next()));
    };
    if (turns.free) {
      start();
      return;
    }
    if (turns.queue.length >= options.maxQueued) {
      refuse(res, `${options.maxConcurrent} requests in progress and ${turns.queue.length} waiting`);
      return;
    }
    waitForTurn(turns.queue, res, start, queueTimeoutMs, () => refuseLate(res));
  };
  return Object.assign(handler, { stats: () => ({ active: turns.active, queued: turns.queue.length, refused }) });
}

/**
 * At most one line per this many ms on why requests are refused for waiting too long: under overload every queued
 * request is refused, and one line says as much as a thousand.
 */
const TELL_WHY_EVERY_MS = 10_000;

/** The turns of one admission gate: how many are taken, by which requests, and the FIFO of requests waiting for one. */
class Turns {
  readonly queue: Waiting[] = [];
  /** What holds each turn taken, since when: so a refusal can say whether the holders are slow or stuck. */
  private readonly holding = new Set<{ what: string; since: number }>();

  constructor(private readonly max: number) {}

  get active(): number {
    return this.holding.size;
  }

  get free(): boolean {
    return this.active < this.max;
  }

  /**
   * One request's turn: taken when it starts, given up when its response is done; lent to the next request while
   * it waits for the writer (src/db/request-turn.ts), and taken back ahead of every request not yet started —
   * its change is made, it only has its answer to send — so a lent turn never puts it behind new work.
   */
  newTurn(what: string): RequestTurn & { take: () => void; end: () => void } {
    let holding = false;
    let ended = false;
    const holder = { what, since: 0 };
    const take = () => {
      holding = true;
      holder.since = Date.now();
      this.holding.add(holder);
    };
    const giveUp = () => {
      if (!holding) return;
      holding = false;
      this.holding.delete(holder);
      this.startNext();
    };
    const takeBack = (): Promise<void> => {
      if (holding || ended) return Promise.resolve();
      if (this.free) return Promise.resolve(take());
      return new Promise<void>(resolve => {
        // Note: a request whose response ended meanwhile (its client left, its deadline passed) takes no turn.
        const start = () => (ended ? this.startNext() : take(), resolve());
        this.queue.unshift({ start, timer: undefined });
      });
    };
    return { take, lend: giveUp, takeBack, end: () => ((ended = true), giveUp()) };
  }

  /** The requests holding turns now, with how long each has held it: "GET /graphql for 412 ms, …". */
  holders(): string {
    const now = Date.now();
    const held = [...this.holding].map(holder => `${holder.what} for ${now - holder.since} ms`);
    return held.length ? held.join(", ") : "none (every turn lent to a request waiting for the writer)";
  }

  private startNext(): void {
    const next = this.queue.shift();
    if (next) {
      clearTimeout(next.timer);
      next.start();
    }
  }
}

/** Calls `log` with `line()` at most once per `everyMs`; the line is built only when it is written. */
function rateLimited(everyMs: number, log: (line: string) => void): (line: () => string) => void {
  let last = -Infinity;
  return line => {
    const now = Date.now();
    if (now - last < everyMs) return;
    last = now;
    log(line());
  };
}

/** 503 with Retry-After: the request was refused before any work was done for it. */
function sendBusy(res: Response, retryAfter: string, why: string): void {
  res
    .status(503)
    .set("Retry-After", retryAfter)
    .json({
      errors: [{ message: `The server is busy (${why}); nothing was done. Try again in ${retryAfter} s.`, extensions: { code: "SERVICE_UNAVAILABLE" } }],
    });
}

/**
 * Calls `release` once, when the request's work is done: its response sent, or — when its client left first — once
 * the server ends the response it was still working on, or at the request's deadline, whichever comes first.
 *
 * Note: a client that leaves (a timeout, a closed tab) does not stop the work begun for it; releasing its turn at
 * once let the next request start beside it, so under client timeouts more requests worked at once than the limit,
 * and each took longer — more timeouts. The deadline bounds how long a turn can stay with work that never answers.
 */
function releaseWhenDone(res: Response, release: () => void, deadline: number): void {
  let released = false;
  let timer: NodeJS.Timeout | undefined;
  const done = () => {
    if (released) return;
    released = true;
    clearTimeout(timer);
    release();
  };
  const clientLeft = () => {
    if (released || res.writableEnded) return done();
    timer = setTimeout(done, Math.max(0, deadline - Date.now()));
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.end = ((...args: unknown[]) => {
      done();
      return end(...args);
    }) as Response["end"];
  };
  res.once("finish", done);
  // Note: "close" is emitted once; a response closed already would never emit it again.
  if (res.closed) clientLeft();
  else res.once("close", clientLeft);
}

/** Queues a request until `start` is called for it, or `timeout` refuses it; a client that gave up leaves the queue. */
function waitForTurn(queue: Waiting[], res: Response, start: () => void, timeoutMs: number, timeout: () => void): void {
  const waiting: Waiting = {
    start,
    timer: setTimeout(() => {
      queue.splice(queue.indexOf(waiting), 1);
      timeout();
    }, timeoutMs),
  };
  queue.push(waiting);
  res.once("close", () => {
    const index = queue.indexOf(waiting);
    if (index >= 0) {
      clearTimeout(waiting.timer);
      queue.splice(index, 1);
    }
  });
}
