/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the
 * same demo data on every machine. Not for anything secret.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = (seed >>> 0) ^ 0x9e3779b9;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return choices[choices.length - 1][0];
  }

  /** A non-negative count around `mean`, heavy-tailed like real application counts. */
  count(mean: number): number {
    if (mean <= 0) return 0;
    const u = Math.max(this.next(), 1e-9);
    // Log-normal with sigma 0.8, scaled so that its mean is `mean`.
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
    return Math.max(0, Math.round(mean * Math.exp(0.8 * z - 0.32)));
  }

  /** Hex digits, for request ids. */
  hex(length: number): string {
    let out = "";
    while (out.length < length)
      out += Math.floor(this.next() * 0x100000000)
        .toString(16)
        .padStart(8, "0");
    return out.slice(0, length);
  }

  /** A new generator derived from this one, so that one part's draws do not shift another's. */
  fork(salt: number): Rng {
    return new Rng(Math.floor(this.next() * 0x7fffffff) ^ Math.imul(salt, 0x2c1b3c6d));
  }
}
