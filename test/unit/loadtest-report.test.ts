import { describe, expect, it } from 'vitest';
import {
  allPass,
  loadtestChecks,
  reportLines,
  type LoadtestFigures,
} from '../../src/bench/loadtest-report.js';

const latency = { count: 10, p50: 1.5, p90: 3, p99: 12.3, max: 40 };

function figures(over: Partial<LoadtestFigures> = {}, growth: number | null = 0.02): LoadtestFigures {
  return {
    seconds: 60,
    connections: 64,
    requests: 600_000,
    rps: 10_000,
    latency: { all: latency, public: latency, admin: latency },
    byPage: { post: latency },
    errors: { total: 0, timeouts: 0, byMessage: {} },
    statuses: { '200': 590_000, '303': 10_000 },
    unexpected: {},
    status5xx: 0,
    actions: { reads: 570_000, saves: 30_000, publishes: 14_000, created: 64, refusedSaves: 0 },
    rss: {
      startMb: 90,
      atFirstMarkMb: 120,
      endMb: 123,
      trend: {
        windowSeconds: 10,
        atFirstMark: 120,
        secondWindowMb: 120,
        lastWindowMb: growth === null ? null : 120 * (1 + growth),
        growth,
      },
    },
    cpu: { generator: 0.4, server: 0.95 },
    ...over,
  };
}

describe('loadtestChecks', () => {
  it('when there are no errors, no 5xx and memory grew 2%, then every target passes', () => {
    const checks = loadtestChecks(figures());
    expect(checks.map((c) => c.pass)).toEqual([true, true, true]);
    expect(allPass(checks)).toBe(true);
  });

  it('when a socket error happened, then the errors target fails and names it', () => {
    const checks = loadtestChecks(
      figures({ errors: { total: 2, timeouts: 1, byMessage: { ECONNRESET: 1, timeout: 1 } } }),
    );
    expect(checks[0]).toMatchObject({ pass: false, measured: '2 (ECONNRESET: 1, timeout: 1)' });
    expect(allPass(checks)).toBe(false);
  });

  it('when one answer was a 500, then the 5xx target fails', () => {
    expect(loadtestChecks(figures({ status5xx: 1 }))[1]).toMatchObject({ pass: false, measured: '1' });
  });

  it('when memory grew 10% or more, or could not be read, then the RSS target fails', () => {
    expect(loadtestChecks(figures({}, 0.1))[2]).toMatchObject({
      pass: false,
      measured: '+10.0% (120 MB → 132 MB)',
    });
    expect(loadtestChecks(figures({}, null))[2]).toMatchObject({ pass: false, measured: 'not measured' });
  });
});

describe('reportLines', () => {
  it('when printed, then it gives throughput, percentiles, answers by status, RSS at the three moments and a verdict per target', () => {
    const f = figures({ unexpected: { '404': 3 }, statuses: { '200': 10, '404': 3 } });
    const text = reportLines(f, loadtestChecks(f)).join('\n');
    expect(text).toContain('600,000 in 60.0 s at 64 connections: 10,000 req/s');
    expect(text).toContain('p50 1.50 ms · p90 3.00 ms · p99 12.3 ms · max 40.0 ms');
    expect(text).toContain('Answers other than 2xx/3xx: 404: 3 · 5xx: 0');
    expect(text).toContain('Server RSS: 90 MB at start, 120 MB at 10 s, 123 MB at the end');
    expect(text).toContain('CPU (share of one core): server 95%, load generator 40%');
    expect(text).toMatch(/^PASS {2}zero errors/m);
    expect(text).toMatch(/^PASS {2}RSS growth < 10% from the second 10 s to the last 10 s: \+2\.0%/m);
  });
});
