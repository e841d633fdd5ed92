/**
 * Whether a path's time grows like its input: the measured points of one (input, path) pair in,
 * a flag out. Pure, so the rule itself is tested (test/unit/hostile-verdict.test.ts).
 */

export interface Point {
  chars: number;
  /** Fastest of a few calls, in milliseconds; for a failed point, how long it ran before it was stopped. */
  ms: number;
  /** Fastest of the same calls less the collector's pauses during each: what growth is judged on. */
  work?: number;
  /** Why this point has no proper time: over the cap, stopped by the watchdog, the process died, it threw. */
  failure?: 'slow' | 'timeout' | 'crash' | 'throws';
  detail?: string;
}

export type Flag = 'SUPERLINEAR' | 'SLOW' | 'TIMEOUT' | 'CRASH' | 'THROWS';

export interface Verdict {
  flag: Flag | null;
  /** Time at the largest size over time at the smallest. */
  ratio: number | null;
  /** Slope of log(time) over log(size): 1 is linear, 2 quadratic. */
  exponent: number | null;
}

export interface VerdictOptions {
  /** Times grow this much faster than the input before the pair is flagged (2: 8× input, > 16× time). */
  tolerance: number;
  /**
   * The time at the largest size beyond what linear growth from the smallest predicts must be at
   * least this: below it, collector pauses and a busy machine outweigh the growth being measured.
   */
  floorMs: number;
}

export const DEFAULT_VERDICT: VerdictOptions = { tolerance: 2, floorMs: 25 };

const FAILURE_FLAGS = { slow: 'SLOW', timeout: 'TIMEOUT', crash: 'CRASH', throws: 'THROWS' } as const;

/** The time growth is judged on: the path's own work when it was measured apart from collection. */
const workOf = (p: Point) => p.work ?? p.ms;

/** Least-squares slope of log(time) against log(chars). */
export function growthExponent(points: Point[]): number | null {
  const usable = points.filter((p) => workOf(p) > 0);
  if (usable.length < 2) return null;
  const xs = usable.map((p) => Math.log(p.chars));
  const ys = usable.map((p) => Math.log(workOf(p)));
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(xs);
  const my = mean(ys);
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * (ys[i]! - my);
    den += (x - mx) ** 2;
  });
  return den === 0 ? null : num / den;
}

/** The flag for one pair's points, smallest size first. */
export function verdictOf(points: Point[], options: VerdictOptions = DEFAULT_VERDICT): Verdict {
  const failed = points.find((p) => p.failure !== undefined);
  const timed = points.filter((p) => p.failure === undefined);
  const first = timed[0];
  const last = timed[timed.length - 1];
  const ratio =
    first !== undefined && last !== undefined && first !== last && workOf(first) > 0 ? workOf(last) / workOf(first) : null;
  const exponent = growthExponent(timed);
  if (failed?.failure !== undefined) return { flag: FAILURE_FLAGS[failed.failure], ratio, exponent };
  if (ratio === null || last === undefined || first === undefined) return { flag: null, ratio, exponent };
  // Both the end points and the fitted slope must say so: one noisy point does neither alone.
  const sizeRatio = last.chars / first.chars;
  const slopeAllowed = 1 + Math.log(options.tolerance) / Math.log(sizeRatio);
  const grows = ratio > sizeRatio * options.tolerance && (exponent === null || exponent > slopeAllowed);
  const excess = workOf(last) - workOf(first) * sizeRatio;
  const flag = excess >= options.floorMs && grows ? 'SUPERLINEAR' : null;
  return { flag, ratio, exponent };
}

/** Two runs of one job as one: each size its faster time and work; a failure only where both failed. */
export function mergeRuns(a: Point[], b: Point[]): Point[] {
  const sizes = [...new Set([...a, ...b].map((p) => p.chars))].sort((x, y) => x - y);
  const merged: Point[] = [];
  for (const chars of sizes) {
    const runs = [a, b].map((points) => points.find((p) => p.chars === chars));
    const timed = runs.filter((p): p is Point => p !== undefined && p.failure === undefined);
    if (timed.length === 0) {
      // Failed (or not reached) in both: the failure stands, and the sizes beyond it are not judged.
      const failed = runs.find((p) => p !== undefined);
      if (failed !== undefined) merged.push(failed);
      break;
    }
    const best = timed.reduce((x, y) => (y.ms < x.ms ? y : x));
    const work = Math.min(...timed.map((p) => p.work ?? p.ms));
    merged.push({ chars, ms: best.ms, work });
  }
  return merged;
}
