/** The value below which `p` percent of `sorted` lies (nearest rank); NaN for no values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Latencies in milliseconds, collected as they come without growing a JS array per value. */
export class Latencies {
  private values = new Float64Array(1 << 16);
  count = 0;

  add(ms: number): void {
    if (this.count === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.count++] = ms;
  }

  /** The values added so far, in the order they came (a view, not a copy). */
  recorded(): Float64Array {
    return this.values.subarray(0, this.count);
  }

  /** p50, p95, p99 and max, in milliseconds. */
  summary(): { p50: number; p95: number; p99: number; max: number } {
    const sorted = this.values.slice(0, this.count).sort();
    return {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    };
  }
}
