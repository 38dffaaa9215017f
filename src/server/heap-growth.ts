import v8 from "node:v8";
import { ConfigError } from "../db";

/**
 * How far V8 lets a serving process's heap grow beyond what survived its last full collection, in percent
 * (HEAP_GROWING_PERCENT; 0 leaves V8's own choice).
 *
 * Note: V8's own choice lets the heap grow to several times what is alive while garbage comes fast: at 100,000
 * reports, one process reading them at 50 clients kept ~110 MB alive and grew its heap to 180–330 MB (RSS 310–450
 * MB, over the 300 MB a worker may take). At 50 % the same load held RSS at 247–252 MB, throughput within the
 * machine's spread (bench/RESULTS.md). It is no limit: a process that needs more memory still gets it — it only
 * collects sooner.
 */
export const DEFAULT_HEAP_GROWING_PERCENT = 50;

export function heapGrowingPercentFromEnv(env: NodeJS.ProcessEnv): number {
  const text = env.HEAP_GROWING_PERCENT;
  if (text === undefined || text.trim() === "") return DEFAULT_HEAP_GROWING_PERCENT;
  if (!/^\d{1,4}$/.test(text.trim()) || Number(text) > 1000) {
    throw new ConfigError(`HEAP_GROWING_PERCENT must be a whole number from 0 to 1000 (got "${text}"); 0 leaves V8's own choice.`);
  }
  return Number(text);
}

/** Sets the serving process's heap growth (once, before it serves). */
export function limitHeapGrowth(percent: number): void {
  // Note: a flag of V8's garbage collector, read at every full collection; Node refuses it in NODE_OPTIONS.
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
