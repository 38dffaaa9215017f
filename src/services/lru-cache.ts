/** How a cache bounded by size weighs its values, and how much it may hold. */
export interface Weighing<V> {
  /** An estimate of what a value takes, in bytes (count what it holds on to, not what it shares). */
  weightOf(value: V): number;
  /** What all values may weigh together; the oldest are dropped first until they fit. */
  maxWeight: number;
}

/**
 * A small least-recently-used map: at most `limit` entries and, when `weighing` is given, at most its
 * `maxWeight` (a value heavier than that alone is not kept), the oldest dropped first.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();
  private readonly weights = new Map<K, number>();
  private totalWeight = 0;

  constructor(
    private readonly limit: number,
    private readonly weighing?: Weighing<V>,
  ) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.delete(key);
    const weight = this.weighing?.weightOf(value) ?? 0;
    if (this.weighing && weight > this.weighing.maxWeight) return;
    this.entries.set(key, value);
    if (this.weighing) {
      this.weights.set(key, weight);
      this.totalWeight += weight;
    }
    while (this.entries.size > this.limit || (this.weighing && this.totalWeight > this.weighing.maxWeight)) {
      this.delete(this.entries.keys().next().value as K);
    }
  }

  delete(key: K): void {
    this.entries.delete(key);
    const weight = this.weights.get(key);
    if (weight !== undefined) {
      this.weights.delete(key);
      this.totalWeight -= weight;
    }
  }

  /** Entries kept and their estimated weight (for tests and diagnostics). */
  get size(): { entries: number; weight: number } {
    return { entries: this.entries.size, weight: this.totalWeight };
  }
}
