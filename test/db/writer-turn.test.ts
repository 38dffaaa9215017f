import { EventEmitter } from "node:events";
import { WriterTurnGrants, channelWriterTurn, isTurnMessage } from "../../src/db/writer-turn";
import type { ReleaseTurn, TurnMessage, WriterTurn } from "../../src/db/writer-turn";

/**
 * Issue 14 (d), two workers on one SQLite file: the primary hands the writer's turn to one worker at a time, first
 * come first served, over the cluster's channel. Here the channel is in memory (messages cross it asynchronously,
 * as they do between processes); test/server/workers.test.ts runs the real cluster.
 */
class FakeWorker extends EventEmitter {
  connected = true;
  readonly sent: TurnMessage[] = [];

  constructor(
    readonly name: string,
    private readonly grants: WriterTurnGrants<FakeWorker>,
  ) {
    super();
  }

  /** The worker's `process.send`: to the primary. */
  send(message: TurnMessage, callback: (error: Error | null) => void): boolean {
    this.sent.push(message);
    setImmediate(() => {
      this.grants.received(this, message);
      callback(null);
    });
    return true;
  }

  /** What the primary sends it. */
  deliver(message: TurnMessage, callback: (error: Error | null) => void): void {
    if (!this.connected) {
      setImmediate(() => callback(new Error("channel closed")));
      return;
    }
    setImmediate(() => {
      this.emit("message", message);
      callback(null);
    });
  }
}

function cluster(names: string[], waitMs?: number): { grants: WriterTurnGrants<FakeWorker>; workers: FakeWorker[]; turns: WriterTurn[] } {
  const grants = new WriterTurnGrants<FakeWorker>((worker, message, callback) => worker.deliver(message, callback));
  const workers = names.map(name => new FakeWorker(name, grants));
  return { grants, workers, turns: workers.map(worker => channelWriterTurn(worker, waitMs)) };
}

/** A few turns of the event loop: long enough for what should NOT happen to show. */
const settle = () => new Promise(resolve => setTimeout(resolve, 20));

/**
 * Waits until `done()` holds, for what SHOULD happen: messages cross the fake channel in a few turns of the event
 * loop, but on a loaded machine (the whole suite in parallel) 20 ms was not always enough (CI: b1 not yet granted).
 */
async function until(done: () => boolean, ms = 5000): Promise<void> {
  for (const start = Date.now(); !done() && Date.now() - start < ms;) await new Promise(resolve => setTimeout(resolve, 5));
}

/** Acquires a turn and records when it came, in `order`. */
function take(turn: WriterTurn, name: string, order: string[]): Promise<ReleaseTurn> {
  return turn.acquire().then(release => {
    order.push(name);
    return release;
  });
}

describe("the SQLite writer's turn among cluster workers", () => {
  it("is held by one worker at a time and handed on first come, first served", async () => {
    const { grants, workers, turns } = cluster(["a", "b"]);
    const order: string[] = [];
    const a1 = take(turns[0], "a1", order);
    await until(() => order.length === 1);
    const b1 = take(turns[1], "b1", order);
    await settle();
    const a2 = take(turns[0], "a2", order);
    await settle();
    expect(order).toEqual(["a1"]);
    expect(grants.current?.worker).toBe(workers[0]);

    (await a1)();
    await until(() => order.length === 2);
    expect(order).toEqual(["a1", "b1"]);
    expect(grants.current?.worker).toBe(workers[1]);

    const releaseB = await b1;
    releaseB();
    releaseB(); // a second call gives back nothing more
    await until(() => order.length === 3);
    expect(order).toEqual(["a1", "b1", "a2"]);
    (await a2)();
    await until(() => grants.current === null);
    await settle();
    expect(grants.current).toBeNull();
    expect(workers[1].sent.filter(m => m.gongkaiWriterTurn === "release")).toHaveLength(1);
  });

  it("passes the turn on when its holder's worker is gone", async () => {
    const { grants, workers, turns } = cluster(["a", "b"]);
    const order: string[] = [];
    await take(turns[0], "a", order);
    const b = take(turns[1], "b", order);
    await settle();
    expect(order).toEqual(["a"]);
    grants.left(workers[0]);
    await b;
    expect(order).toEqual(["a", "b"]);
    expect(grants.current?.worker).toBe(workers[1]);
  });

  it("skips a waiting worker whose channel closed before its grant arrived", async () => {
    const { grants, workers, turns } = cluster(["a", "b", "c"]);
    const order: string[] = [];
    const a = await take(turns[0], "a", order);
    void take(turns[1], "b", order);
    const c = take(turns[2], "c", order);
    await settle();
    workers[1].connected = false;
    a();
    await c;
    expect(order).toEqual(["a", "c"]);
    expect(grants.current?.worker).toBe(workers[2]);
  });

  it("goes ahead after the wait limit (SQLite's lock decides) and gives back a turn granted later", async () => {
    const { grants, workers, turns } = cluster(["a", "b"], 50);
    const order: string[] = [];
    const holdA = await take(turns[0], "a", order);
    const releaseB = await take(turns[1], "b", order);
    expect(workers[1].sent.map(m => m.gongkaiWriterTurn)).toEqual(["acquire", "cancel"]);
    releaseB(); // the turn never came: nothing to give back
    holdA();
    await until(() => grants.current === null);
    await settle();
    expect(grants.current).toBeNull();
    expect(workers[1].sent.map(m => m.gongkaiWriterTurn)).toEqual(["acquire", "cancel"]);
  });

  it("returns a grant that arrives after the worker stopped waiting", async () => {
    const grants = new WriterTurnGrants<FakeWorker>((worker, message, callback) => worker.deliver(message, callback));
    const worker = new FakeWorker("late", grants);
    // The primary is slow: the acquire reaches it only after the worker's 30 ms wait.
    const slow = {
      on: worker.on.bind(worker),
      send: (message: TurnMessage, callback: (error: Error | null) => void) => {
        setTimeout(() => worker.send(message, callback), message.gongkaiWriterTurn === "acquire" ? 60 : 0);
        return true;
      },
    };
    const turn = channelWriterTurn(slow, 30);
    await turn.acquire();
    await until(() => worker.sent.length === 3);
    await settle();
    expect(worker.sent.map(m => m.gongkaiWriterTurn)).toEqual(["cancel", "acquire", "release"]);
    expect(grants.current).toBeNull();
  });

  it("goes ahead at once without a channel (not a forked process)", async () => {
    const release = await channelWriterTurn({ on: () => undefined }).acquire();
    expect(() => release()).not.toThrow();
  });

  it("recognises only its own messages on the shared channel", () => {
    expect(isTurnMessage({ gongkaiWriterTurn: "acquire", id: 1 })).toBe(true);
    expect(isTurnMessage({ cmd: "NODE_CLUSTER", act: "online" })).toBe(false);
    expect(isTurnMessage(null)).toBe(false);
    expect(isTurnMessage({ gongkaiWriterTurn: "acquire", id: "1" })).toBe(false);
  });
});
