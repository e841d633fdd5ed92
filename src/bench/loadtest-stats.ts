/** The load test's arithmetic: latency percentiles, answers by status, and the memory trend. */
import { Latencies, percentile } from './stats.js';

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Latencies in milliseconds (the bench's recorder), summed up as the load test reports them. */
export class LatencyRecorder {
  private readonly latencies = new Latencies();

  get count(): number {
    return this.latencies.count;
  }

  add(ms: number): void {
    this.latencies.add(ms);
  }

  summary(): LatencySummary {
    return summarizeLatencies(this.latencies.recorded());
  }
}

/** p50, p90, p99 (nearest rank) and max of `values`, in their unit; NaN for none. */
export function summarizeLatencies(values: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
  };
}

/** Answers counted by status code. */
export type StatusCounts = Record<string, number>;

export function countStatus(counts: StatusCounts, status: number): void {
  const key = String(status);
  counts[key] = (counts[key] ?? 0) + 1;
}

/** The answers that are neither 2xx nor 3xx, by status, lowest first. */
export function unexpectedStatuses(counts: StatusCounts): StatusCounts {
  const out: StatusCounts = {};
  for (const key of Object.keys(counts).sort((a, b) => Number(a) - Number(b))) {
    const status = Number(key);
    if (status < 200 || status >= 400) out[key] = counts[key]!;
  }
  return out;
}

export function count5xx(counts: StatusCounts): number {
  return Object.entries(counts).reduce((sum, [k, n]) => (Number(k) >= 500 ? sum + n : sum), 0);
}

export interface RssSample {
  /** Seconds since the traffic started. */
  t: number;
  mb: number;
}

export interface RssTrend {
  /** Length of the windows compared: 10 s, or a sixth of a run shorter than 60 s. */
  windowSeconds: number;
  /** RSS at the end of the first window (the 10 s mark). */
  atFirstMark: number | null;
  /** Highest RSS in the second window and in the last one. */
  secondWindowMb: number | null;
  lastWindowMb: number | null;
  /** lastWindowMb / secondWindowMb − 1; null when either window has no sample. */
  growth: number | null;
}

const maxOf = (samples: RssSample[]) => (samples.length ? Math.max(...samples.map((s) => s.mb)) : null);

/**
 * How the server's memory moved between the second and the last window of the run. The first
 * window is left out: it holds the start-up growth of the caches and the JIT, not a leak.
 */
export function rssTrend(samples: RssSample[], durationSeconds: number): RssTrend {
  const w = Math.min(10, durationSeconds / 6);
  const nearMark = samples.reduce<RssSample | null>(
    (best, s) => (best === null || Math.abs(s.t - w) < Math.abs(best.t - w) ? s : best),
    null,
  );
  const second = maxOf(samples.filter((s) => s.t >= w && s.t < 2 * w));
  const last = maxOf(samples.filter((s) => s.t >= durationSeconds - w));
  return {
    windowSeconds: w,
    atFirstMark: nearMark?.mb ?? null,
    secondWindowMb: second,
    lastWindowMb: last,
    growth: second !== null && last !== null && second > 0 ? last / second - 1 : null,
  };
}
