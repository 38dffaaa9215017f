/**
 * The SQLite writer's turn among the workers of one cluster (issue 14 (d), two workers).
 *
 * Why: better-sqlite3 is synchronous, so a worker whose BEGIN IMMEDIATE finds the file locked by the other worker
 * waits inside SQLite's busy handler — its whole event loop stopped, sleeping in steps of up to 100 ms before it
 * looks again, and no request of its clients is read meanwhile. Here a worker asks the primary for the writer's turn
 * over the cluster's channel and waits without blocking (its event loop keeps reading requests, so its next group
 * grows meanwhile); the primary hands the turn out first come, first served, and the next worker starts the moment
 * the holder's COMMIT returns. Measured (bench/RESULTS.md, session 10): with two workers, (d)'s p99 was lower in six
 * alternating pairs of six; its steps per second did not change beyond the machine's spread.
 *
 * Only a scheduling aid: SQLite's own lock still decides. A worker that gets no answer within the wait limit (the
 * primary busy or gone) goes ahead and lets the lock decide, as before; a turn granted after that is given back at
 * once. A worker that dies holding the turn loses it (the primary drops it with the worker).
 */

/** Gives the turn back; calling it again does nothing. */
export type ReleaseTurn = () => void;

export interface WriterTurn {
  /** Resolves when this process may write (or the wait limit passed); call the release once the COMMIT returned. */
  acquire(): Promise<ReleaseTurn>;
}

/** The message a worker and the primary exchange; nothing else on the channel carries this key. */
export interface TurnMessage {
  gongkaiWriterTurn: "acquire" | "release" | "cancel" | "granted";
  id: number;
}

export function isTurnMessage(message: unknown): message is TurnMessage {
  const candidate = message as Partial<TurnMessage> | null;
  return typeof candidate?.gongkaiWriterTurn === "string" && typeof candidate.id === "number";
}

/** The worker's end of a channel: what `process` is in a cluster worker. */
export interface WorkerChannel {
  /** Absent outside a forked process; reports a closed channel to the callback instead of throwing. */
  send?(message: TurnMessage, callback: (error: Error | null) => void): boolean;
  readonly connected?: boolean;
  on(event: "message", listener: (message: unknown) => void): unknown;
}

/** How long a worker waits for the turn before letting SQLite's lock (and its busy timeout) decide instead. */
export const TURN_WAIT_MS = 5_000;

/** The worker side: asks the primary for each turn over `channel`. */
export function channelWriterTurn(channel: WorkerChannel, waitMs = TURN_WAIT_MS): WriterTurn {
  const waiting = new Map<number, () => void>();
  let next = 0;
  // Note: a closed channel (the primary gone) means no turns: the waiter goes ahead and SQLite's lock decides.
  const send = (gongkaiWriterTurn: TurnMessage["gongkaiWriterTurn"], id: number): boolean => {
    if (!channel.send || channel.connected === false) return false;
    channel.send({ gongkaiWriterTurn, id }, error => {
      if (error) waiting.get(id)?.();
    });
    return true;
  };
  channel.on("message", message => {
    if (!isTurnMessage(message) || message.gongkaiWriterTurn !== "granted") return;
    const granted = waiting.get(message.id);
    // A turn granted after the worker stopped waiting for it is given back at once.
    if (granted) granted();
    else send("release", message.id);
  });
  return {
    acquire: () => {
      const id = ++next;
      return new Promise<ReleaseTurn>(resolve => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          send("cancel", id);
          resolve(() => undefined);
        }, waitMs);
        timer.unref();
        waiting.set(id, () => {
          clearTimeout(timer);
          waiting.delete(id);
          let released = false;
          resolve(() => {
            if (released) return;
            released = true;
            send("release", id);
          });
        });
        if (!send("acquire", id)) waiting.get(id)?.();
      });
    },
  };
}

/** Sends a grant to a worker; a closed channel is reported to the callback. */
export type SendTurn<W> = (worker: W, message: TurnMessage, callback: (error: Error | null) => void) => void;

/**
 * The primary side: one turn, handed out first come, first served. `received` is called with each worker's
 * message, `left` when a worker is gone.
 */
export class WriterTurnGrants<W> {
  private readonly queue: Array<{ worker: W; id: number }> = [];
  private holder: { worker: W; id: number } | null = null;

  constructor(private readonly sendTo: SendTurn<W>) {}

  received(worker: W, message: TurnMessage): void {
    const { gongkaiWriterTurn: op, id } = message;
    if (op === "acquire") this.queue.push({ worker, id });
    else if (op === "release" || op === "cancel") this.drop(entry => entry.worker === worker && entry.id === id);
    this.grantNext();
  }

  left(worker: W): void {
    this.drop(entry => entry.worker === worker);
    this.grantNext();
  }

  /** Who holds the turn (tests). */
  get current(): { worker: W; id: number } | null {
    return this.holder;
  }

  private drop(matches: (entry: { worker: W; id: number }) => boolean): void {
    if (this.holder && matches(this.holder)) this.holder = null;
    for (let i = this.queue.length - 1; i >= 0; i--) if (matches(this.queue[i])) this.queue.splice(i, 1);
  }

  private grantNext(): void {
    while (!this.holder && this.queue.length > 0) {
      const entry = this.queue.shift()!;
      this.holder = entry;
      // Note: a grant the worker can no longer receive (its channel closed) passes the turn on.
      this.sendTo(entry.worker, { gongkaiWriterTurn: "granted", id: entry.id }, error => {
        if (error) this.received(entry.worker, { gongkaiWriterTurn: "cancel", id: entry.id });
      });
    }
  }
}
