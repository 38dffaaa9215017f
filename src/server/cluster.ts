import cluster from "node:cluster";
import type { Worker } from "node:cluster";
import { WriterTurnGrants, channelWriterTurn, isTurnMessage } from "../db/writer-turn";
import type { WriterTurn } from "../db/writer-turn";

/** True in a process forked by `superviseWorkers` (it serves; the primary only supervises). */
export function isClusterWorker(): boolean {
  return cluster.isWorker;
}

/** In a cluster worker, the SQLite writer's turn the primary hands out (src/db/writer-turn.ts); null elsewhere. */
export function clusterWriterTurn(): WriterTurn | null {
  return cluster.isWorker ? channelWriterTurn(process) : null;
}

/** Closes a worker's channel to the primary (which otherwise keeps the worker's process alive). */
export function leaveCluster(): void {
  cluster.worker?.disconnect();
}

/** The worker's number (1, 2, …; a replacement gets the next one), 0 outside a cluster. */
export function workerNumber(): number {
  return cluster.worker?.id ?? 0;
}

/**
 * Forks `count` workers that run the same command and share its port (the primary accepts connections and hands
 * them out in turn); the first starts alone, the others once it listens. A worker that dies after the cluster started is replaced; one that dies before every worker
 * was listening (a port in use, a bad setting) ends the whole command with its exit code, rather than looping.
 * SIGINT/SIGTERM stop every worker gracefully, then the primary.
 */
export function superviseWorkers(count: number, onReady: (port: number) => void): void {
  const alive = new Set<Worker>();
  let started = false;
  let stopping = false;
  const listening = new Set<number>();
  const fork = () => alive.add(cluster.fork());
  const turns = new WriterTurnGrants<Worker>((worker, message, callback) => worker.send(message, undefined, undefined, callback));
  cluster.on("message", (worker, message) => {
    if (isTurnMessage(message)) turns.received(worker, message);
  });
  cluster.on("listening", (worker, address) => {
    console.log(`worker ${worker.id} (pid ${worker.process.pid}) listening`);
    listening.add(worker.id);
    // Note: the first worker alone finds out whether the port can be used; the others start once it listens.
    if (listening.size === 1 && !started) for (let i = 1; i < count; i++) fork();
    if (!started && listening.size >= count) {
      started = true;
      onReady(address.port);
    }
  });
  cluster.on("exit", (worker, code, signal) => {
    alive.delete(worker);
    turns.left(worker);
    if (stopping) {
      if (alive.size === 0) process.exit(0);
      return;
    }
    if (!started) {
      stopping = true;
      for (const other of alive) other.process.kill("SIGTERM");
      process.exitCode = code || 1;
      if (alive.size === 0) process.exit(process.exitCode);
      return;
    }
    console.error(`worker ${worker.id} (pid ${worker.process.pid}) ended (${signal ?? `exit code ${code}`}); starting a replacement`);
    fork();
  });
  const stop = () => {
    stopping = true;
    if (alive.size === 0) process.exit(0);
    for (const worker of alive) worker.process.kill("SIGTERM");
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  fork();
}
