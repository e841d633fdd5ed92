import { describe, expect, it } from 'vitest';
import { growthExponent, mergeRuns, verdictOf, type Point } from '../../tools/hostile/verdict.js';

const KB = 1024;
const points = (times: number[]): Point[] => times.map((ms, i) => ({ chars: 25 * KB * 2 ** i, ms }));

describe('verdictOf', () => {
  it('when time doubles with the input, then it is linear and not flagged', () => {
    const verdict = verdictOf(points([10, 20, 40, 80]));
    expect(verdict.flag).toBeNull();
    expect(verdict.ratio).toBe(8);
    expect(verdict.exponent).toBeCloseTo(1, 5);
  });

  it('when time grows with the square of the input, then it is flagged superlinear', () => {
    const verdict = verdictOf(points([10, 40, 160, 640]));
    expect(verdict.flag).toBe('SUPERLINEAR');
    expect(verdict.exponent).toBeCloseTo(2, 5);
  });

  it('when only the last point is slow, by less than the floor, then noise is not flagged', () => {
    expect(verdictOf(points([0.5, 1, 2, 12])).flag).toBeNull();
  });

  it('when collector pauses make the larger sizes slow, then growth is judged on the work without them', () => {
    const withPauses = points([1, 2, 30, 120]).map((p, i) => ({ ...p, work: [1, 2, 4, 8][i] }));
    expect(verdictOf(withPauses)).toEqual({ flag: null, ratio: 8, exponent: expect.closeTo(1, 5) });
  });

  it('when the work itself grows with the square of the input, then it is flagged whatever the pauses', () => {
    const quadratic = points([10, 40, 160, 640]).map((p) => ({ ...p, work: p.ms * 0.9 }));
    expect(verdictOf(quadratic).flag).toBe('SUPERLINEAR');
  });

  it('when a point failed, then the failure is the flag', () => {
    expect(verdictOf([...points([10, 20]), { chars: 100 * KB, ms: 2100, failure: 'slow' }]).flag).toBe('SLOW');
    expect(verdictOf([{ chars: 25 * KB, ms: 15_000, failure: 'timeout' }]).flag).toBe('TIMEOUT');
    expect(verdictOf([{ chars: 25 * KB, ms: 0, failure: 'crash' }]).flag).toBe('CRASH');
    expect(verdictOf([{ chars: 25 * KB, ms: 0, failure: 'throws', detail: 'RangeError' }]).flag).toBe('THROWS');
  });

  it('when there is one point, then there is no growth to judge', () => {
    expect(verdictOf(points([10]))).toEqual({ flag: null, ratio: null, exponent: null });
    expect(growthExponent(points([10]))).toBeNull();
  });
});

describe('mergeRuns', () => {
  it('when a job is timed twice, then each size keeps its faster time and the lower work', () => {
    const a = points([10, 20, 80, 400]);
    const b = points([12, 19, 40, 90]).map((p) => ({ ...p, work: p.ms - 1 }));
    expect(mergeRuns(a, b).map((p) => [p.ms, p.work])).toEqual([
      [10, 10],
      [19, 18],
      [40, 39],
      [90, 89],
    ]);
    expect(verdictOf(a).flag).toBe('SUPERLINEAR');
    expect(verdictOf(mergeRuns(a, b)).flag).toBeNull();
  });

  it('when a size failed in one run only, then the other run’s time stands; when in both, the failure does', () => {
    const slow: Point = { chars: 200 * KB, ms: 3100, failure: 'slow' };
    expect(mergeRuns([...points([10, 20, 40]), slow], points([10, 20, 40, 80])).at(-1)).toEqual({ chars: 200 * KB, ms: 80, work: 80 });
    expect(mergeRuns([...points([10, 20, 40]), slow], [...points([10, 20, 40]), slow]).at(-1)).toEqual(slow);
  });
});
