/**
 * A small least-recently-used map: at most `limit` entries and, when `weigh` is given, at most `maxWeight` in
 * total (e.g. estimated bytes) — the oldest dropped first.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();
  private readonly weights = new Map<K, number>();
  private total = 0;

  constructor(
    private readonly limit: number,
    private readonly weigh?: (value: V) => number,
    private readonly maxWeight = Infinity,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The summed weight of what is held (0 without `weigh`). */
  get weight(): number {
    return this.total;
  }

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
    this.entries.set(key, value);
    if (this.weigh) {
      const weight = this.weigh(value);
      this.weights.set(key, weight);
      this.total += weight;
    }
    while (this.entries.size > 1 && (this.entries.size > this.limit || this.total > this.maxWeight)) {
      this.delete(this.entries.keys().next().value as K);
    }
  }

  delete(key: K): void {
    this.entries.delete(key);
    const weight = this.weights.get(key);
    if (weight !== undefined) {
      this.total -= weight;
      this.weights.delete(key);
    }
  }
}
