import { describe, expect, it } from 'vitest';
import {
  count5xx,
  countStatus,
  LatencyRecorder,
  rssTrend,
  summarizeLatencies,
  unexpectedStatuses,
  type StatusCounts,
} from '../../src/bench/loadtest-stats.js';

describe('summarizeLatencies', () => {
  it('when given 1..100 ms, then p50, p90, p99 and max are the nearest ranks', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarizeLatencies(values)).toEqual({ count: 100, p50: 50, p90: 90, p99: 99, max: 100 });
  });

  it('when given nothing, then every figure is NaN and the count 0', () => {
    const s = summarizeLatencies([]);
    expect(s.count).toBe(0);
    expect([s.p50, s.p90, s.p99, s.max].every(Number.isNaN)).toBe(true);
  });

  it('when the recorder grows past its first buffer, then no value is lost', () => {
    const recorder = new LatencyRecorder();
    for (let i = 1; i <= 70_000; i++) recorder.add(i);
    expect(recorder.summary()).toMatchObject({ count: 70_000, p50: 35_000, max: 70_000 });
  });
});

describe('status counts', () => {
  const counts: StatusCounts = {};
  for (const status of [200, 200, 304, 301, 404, 503, 500, 500, 101]) countStatus(counts, status);

  it('when answers are counted, then 2xx and 3xx are not unexpected and the rest are, by status', () => {
    expect(unexpectedStatuses(counts)).toEqual({ '101': 1, '404': 1, '500': 2, '503': 1 });
  });

  it('when answers are counted, then 5xx sums every status from 500 up', () => {
    expect(count5xx(counts)).toBe(3);
  });
});

describe('rssTrend', () => {
  const samples = (mb: (t: number) => number, seconds: number) =>
    Array.from({ length: seconds * 2 + 1 }, (_, k) => ({ t: k / 2, mb: mb(k / 2) }));

  it('when memory is flat after the first 10 s of a 60 s run, then the growth is 0', () => {
    const trend = rssTrend(
      samples((t) => (t < 10 ? 100 + t * 5 : 150), 60),
      60,
    );
    expect(trend).toMatchObject({
      windowSeconds: 10,
      atFirstMark: 150,
      secondWindowMb: 150,
      lastWindowMb: 150,
      growth: 0,
    });
  });

  it('when memory climbs steadily, then the growth compares the highest of the second and the last 10 s', () => {
    const trend = rssTrend(
      samples((t) => 100 + t, 60),
      60,
    );
    expect(trend.secondWindowMb).toBe(119.5);
    expect(trend.lastWindowMb).toBe(160);
    expect(trend.growth).toBeCloseTo(160 / 119.5 - 1, 6);
  });

  it('when the run is shorter than 60 s, then the windows are a sixth of it', () => {
    expect(
      rssTrend(
        samples(() => 80, 3),
        3,
      ),
    ).toMatchObject({ windowSeconds: 0.5, growth: 0 });
  });

  it('when there are no samples (no /proc), then nothing is measured', () => {
    expect(rssTrend([], 60)).toMatchObject({ atFirstMark: null, growth: null });
  });
});
