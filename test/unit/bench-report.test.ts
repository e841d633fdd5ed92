import { describe, expect, it } from 'vitest';
import type { LoadResult } from '../../src/bench/load.js';
import {
  allPass,
  checkTargets,
  resultsTable,
  targetLines,
  type BenchFigures,
  type UrlResult,
} from '../../src/bench/report.js';
import { percentile, Latencies } from '../../src/bench/stats.js';
import { formatCount, formatMs, formatTable } from '../../src/bench/table.js';

const load = (over: Partial<LoadResult> = {}): LoadResult => ({
  requests: 100_000,
  seconds: 10,
  rps: 10_000,
  p50: 3,
  p95: 6,
  p99: 9,
  max: 20,
  non2xx: 0,
  socketErrors: 0,
  bytes: 1e8,
  ...over,
});

const url = (name: string, byline: Partial<LoadResult>, baselineRps = 8000, isPublic = true): UrlResult => ({
  name,
  url: name === 'front page' ? '/' : `/${name.replace(' ', '-')}/`,
  public: isPublic,
  byline: load(byline),
  baseline: load({ rps: baselineRps }),
});

const figures = (urls: UrlResult[], over: Partial<BenchFigures> = {}): BenchFigures => ({
  posts: 10_000,
  importSeconds: 30,
  startSeconds: 0.8,
  peakRssMb: 120,
  urls,
  ...over,
});

const passing = () => [
  url('front page', {}),
  url('search', { p95: 12 }),
  url('admin list', { p95: 90, rps: 900 }, 8000, false),
  url('admin list, 10 editors', { p95: 30, rps: 900 }, 8000, false),
];

describe('checkTargets', () => {
  it('when every figure is within its target, then every required line passes', () => {
    const checks = checkTargets(figures(passing()));
    expect(allPass(checks)).toBe(true);
    expect(checks.filter((c) => !c.pass).map((c) => c.target)).toEqual([
      'every public page ≥ 2.0× the baseline',
    ]);
  });

  it('when one public page is slower than the baseline, then the ratio target fails and names that page', () => {
    const urls = [...passing(), url('tag page', { rps: 4000 })];
    const check = checkTargets(figures(urls)).find((c) => c.target.includes('≥ 1.0×'))!;
    expect(check.pass).toBe(false);
    expect(check.measured).toBe('worst /tag-page/: 0.50×');
  });

  it('when the admin list is slower than the baseline, then no page target fails (it is not public)', () => {
    expect(allPass(checkTargets(figures(passing())))).toBe(true);
  });

  it.each([
    ['p99', { p99: 25 }, 'every public page p99 < 25 ms'],
    ['errors', { non2xx: 1 }, 'every public page: zero errors'],
    ['socket errors', { socketErrors: 2 }, 'every public page: zero errors'],
  ])('when a public page has too high %s, then "%s" fails', (_what, over, target) => {
    const checks = checkTargets(figures([...passing(), url('feed', over)]));
    expect(checks.find((c) => c.target === target)!.pass).toBe(false);
    expect(allPass(checks)).toBe(false);
  });

  it.each([
    [{ importSeconds: 60 }, 'import of 10,000 posts < 60 s'],
    [{ startSeconds: 1.5 }, 'start on an existing database < 1.5 s'],
    [{ peakRssMb: 200 }, 'peak RSS < 200 MB'],
    [{ peakRssMb: null }, 'peak RSS < 200 MB'],
  ])('when %j, then "%s" fails', (over, target) => {
    const checks = checkTargets(figures(passing(), over));
    expect(checks.find((c) => c.target === target)!.pass).toBe(false);
  });

  it('when pages have errors, then the errors line names each of them', () => {
    const urls = [...passing(), url('feed', { non2xx: 2 }), url('tag page', { socketErrors: 1 })];
    const check = checkTargets(figures(urls)).find((c) => c.target === 'every public page: zero errors')!;
    expect(check).toMatchObject({ pass: false, measured: '/feed/: 2, /tag-page/: 1' });
    expect(checkTargets(figures(passing())).find((c) => c.target === check.target)!.measured).toBe('none');
  });

  it('when search and the admin list are slow at p95, then their targets fail', () => {
    const urls = [
      url('front page', {}),
      url('search', { p95: 20 }),
      url('admin list', { p95: 30 }, 8000, false),
      url('admin list, 10 editors', { p95: 50 }, 8000, false),
    ];
    const failed = checkTargets(figures(urls))
      .filter((c) => !c.pass && !c.stretch)
      .map((c) => c.target);
    expect(failed).toEqual(['search p95 < 20 ms', 'admin list p95 < 50 ms (10 editors at once)']);
  });

  it('when the admin list was not measured with its editors, then its target fails as not measured', () => {
    const urls = [url('front page', {}), url('search', { p95: 12 }), url('admin list', { p95: 30 }, 8000, false)];
    const check = checkTargets(figures(urls)).find((c) => c.target.startsWith('admin list p95'))!;
    expect(check).toMatchObject({ pass: false, measured: 'not measured' });
  });

  it('when the lines are printed, then each starts with PASS or FAIL and the stretch goal is marked', () => {
    const lines = targetLines(checkTargets(figures(passing())));
    expect(lines.every((l) => /^(PASS|FAIL)/.test(l))).toBe(true);
    expect(lines.find((l) => l.includes('2.0×'))).toMatch(/^FAIL \(stretch goal\)/);
  });
});

describe('formatTable', () => {
  it('when given rows, then it pads a Markdown table with numbers right-aligned', () => {
    const table = formatTable(
      [{ title: 'page' }, { title: 'req/s', align: 'right' }],
      [
        ['front page', '12,345'],
        ['post', '9'],
      ],
    );
    expect(table.split('\n')).toEqual([
      '| page       |  req/s |',
      '| ---------- | -----: |',
      '| front page | 12,345 |',
      '| post       |      9 |',
    ]);
  });

  it('when the results are tabled, then each URL is a row with its ratio to the baseline', () => {
    const rows = resultsTable(passing()).split('\n');
    expect(rows).toHaveLength(2 + passing().length);
    expect(rows[2]).toMatch(/^\| front page +\| `\/` .*\| 10,000 \|.*\|\s+8,000 \|\s+1\.25× \|$/);
  });

  it('when numbers are shown, then counts are grouped and milliseconds keep one decimal', () => {
    expect(formatCount(10_723.4)).toBe('10,723');
    expect(formatMs(12.345)).toBe('12.3');
    expect(formatMs(0.456)).toBe('0.46');
    expect(formatMs(Number.NaN)).toBe('–');
  });
});

describe('percentile', () => {
  it('when asked for p50, p95 and p99 of 1..100, then it gives the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([
      percentile(sorted, 50),
      percentile(sorted, 95),
      percentile(sorted, 99),
      percentile(sorted, 100),
    ]).toEqual([50, 95, 99, 100]);
  });

  it('when there are no values, then it is NaN', () => {
    expect(percentile([], 50)).toBeNaN();
  });

  it('when latencies arrive in any order beyond the first buffer, then the summary sorts them all', () => {
    const l = new Latencies();
    for (let i = 100_000; i >= 1; i--) l.add(i / 1000);
    expect(l.count).toBe(100_000);
    expect(l.summary()).toEqual({ p50: 50, p95: 95, p99: 99, max: 100 });
  });
});
