import type { LoadResult } from './load.js';
import { formatCount, formatMs, formatRatio, formatTable } from './table.js';
import { ADMIN_EDITORS, ADMIN_TARGET_URL } from './targets.js';

export interface UrlResult {
  name: string;
  /** Path and query. */
  url: string;
  /** Public pages count toward the page targets; the admin list does not. */
  public: boolean;
  byline: LoadResult;
  baseline: LoadResult | null;
  /** Byline's peak RSS so far, read after this URL was measured: shows which page made it grow. */
  bylinePeakRssMb?: number | null;
}

export interface BenchFigures {
  posts: number;
  importSeconds: number;
  startSeconds: number;
  peakRssMb: number | null;
  urls: UrlResult[];
}

export interface TargetCheck {
  target: string;
  /** What was measured, in words (the worst page for page targets). */
  measured: string;
  pass: boolean;
  /** The stretch goal: shown, not required. */
  stretch?: boolean;
}

export const errorsOf = (r: LoadResult) => r.non2xx + r.socketErrors;
export const ratioOf = (u: UrlResult) =>
  u.baseline && u.baseline.rps > 0 ? u.byline.rps / u.baseline.rps : null;

function worst<T>(items: T[], score: (t: T) => number): T | undefined {
  return items.reduce<T | undefined>((w, t) => (w === undefined || score(t) > score(w) ? t : w), undefined);
}

function pageTarget(
  pages: UrlResult[],
  target: string,
  score: (u: UrlResult) => number,
  ok: (v: number) => boolean,
  show: (v: number) => string,
): TargetCheck {
  const w = worst(pages, score);
  if (!w) return { target, measured: 'no page measured', pass: false };
  return { target, measured: `worst ${w.url}: ${show(score(w))}`, pass: pages.every((u) => ok(score(u))) };
}

function errorsTarget(pages: UrlResult[]): TargetCheck {
  const target = 'every public page: zero errors';
  const failing = pages.filter((u) => errorsOf(u.byline) > 0);
  if (pages.length === 0) return { target, measured: 'no page measured', pass: false };
  const measured = failing.map((u) => `${u.url}: ${errorsOf(u.byline)}`).join(', ') || 'none';
  return { target, measured, pass: failing.length === 0 };
}

/** The targets at 10,000 posts, checked against one run's figures. */
export function checkTargets(f: BenchFigures): TargetCheck[] {
  const pages = f.urls.filter((u) => u.public);
  const ratio = (u: UrlResult) => -(ratioOf(u) ?? 0);
  const find = (name: string) => f.urls.find((u) => u.name === name);
  const p95 = (name: string, limit: number, target = `${name} p95 < ${limit} ms`): TargetCheck => {
    const u = find(name);
    return u
      ? { target, measured: `${formatMs(u.byline.p95)} ms`, pass: u.byline.p95 < limit }
      : { target, measured: 'not measured', pass: false };
  };
  const checks: TargetCheck[] = [
    pageTarget(
      pages,
      'every public page ≥ 1.0× the baseline',
      ratio,
      (v) => -v >= 1,
      (v) => formatRatio(-v),
    ),
    pageTarget(
      pages,
      'every public page ≥ 2.0× the baseline',
      ratio,
      (v) => -v >= 2,
      (v) => formatRatio(-v),
    ),
    pageTarget(
      pages,
      'every public page p99 < 25 ms',
      (u) => u.byline.p99,
      (v) => v < 25,
      (v) => `${formatMs(v)} ms`,
    ),
    errorsTarget(pages),
    {
      target: `import of ${formatCount(f.posts)} posts < 60 s`,
      measured: `${f.importSeconds.toFixed(1)} s`,
      pass: f.importSeconds < 60,
    },
    {
      target: 'start on an existing database < 1.5 s',
      measured: `${f.startSeconds.toFixed(2)} s`,
      pass: f.startSeconds < 1.5,
    },
    {
      target: 'peak RSS < 200 MB',
      measured: f.peakRssMb === null ? 'not measured (no /proc)' : `${f.peakRssMb.toFixed(0)} MB`,
      pass: f.peakRssMb !== null && f.peakRssMb < 200,
    },
    p95('search', 20),
    p95(ADMIN_TARGET_URL, 50, `admin list p95 < 50 ms (${ADMIN_EDITORS} editors at once)`),
  ];
  checks[1]!.stretch = true;
  return checks;
}

export function resultsTable(urls: UrlResult[]): string {
  const columns = [
    { title: 'page' },
    { title: 'URL' },
    { title: 'req/s', align: 'right' as const },
    { title: 'p50 ms', align: 'right' as const },
    { title: 'p95 ms', align: 'right' as const },
    { title: 'p99 ms', align: 'right' as const },
    { title: 'errors', align: 'right' as const },
    { title: 'baseline req/s', align: 'right' as const },
    { title: '× baseline', align: 'right' as const },
  ];
  const rows = urls.map((u) => [
    u.name,
    `\`${u.url}\``,
    formatCount(u.byline.rps),
    formatMs(u.byline.p50),
    formatMs(u.byline.p95),
    formatMs(u.byline.p99),
    String(errorsOf(u.byline)),
    u.baseline ? formatCount(u.baseline.rps) : '–',
    formatRatio(ratioOf(u)),
  ]);
  return formatTable(columns, rows);
}

export function targetLines(checks: TargetCheck[]): string[] {
  return checks.map(
    (c) => `${c.pass ? 'PASS' : 'FAIL'}${c.stretch ? ' (stretch goal)' : ''}  ${c.target}: ${c.measured}`,
  );
}

/** Every required target met (the stretch goal is not required). */
export const allPass = (checks: TargetCheck[]) => checks.every((c) => c.pass || c.stretch);
