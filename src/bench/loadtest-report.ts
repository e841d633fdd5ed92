/** The load test's figures, its targets, and how both are printed. Pure functions. */
import type { LatencySummary, RssTrend, StatusCounts } from './loadtest-stats.js';

export interface LoadtestFigures {
  /** Seconds from the first request to the last answer. */
  seconds: number;
  connections: number;
  requests: number;
  rps: number;
  latency: { all: LatencySummary; public: LatencySummary; admin: LatencySummary };
  /** Public latencies by kind of page. */
  byPage: Record<string, LatencySummary>;
  /** Socket errors and timeouts: requests that got no answer at all. */
  errors: { total: number; timeouts: number; byMessage: Record<string, number> };
  statuses: StatusCounts;
  /** Answers that are neither 2xx nor 3xx, by status. */
  unexpected: StatusCounts;
  status5xx: number;
  actions: { reads: number; saves: number; publishes: number; created: number; refusedSaves: number };
  rss: { startMb: number | null; atFirstMarkMb: number | null; endMb: number | null; trend: RssTrend };
  /** Share of one core used during the run by the load generator and by the server. */
  cpu: { generator: number; server: number | null };
}

export interface LoadtestCheck {
  target: string;
  measured: string;
  pass: boolean;
}

export const RSS_GROWTH_LIMIT = 0.1;

const mb = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(0)} MB`);
const ms = (v: number) => (Number.isNaN(v) ? 'n/a' : v < 10 ? v.toFixed(2) : v.toFixed(1));
const pct = (v: number) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%`;
const count = (n: number) => Math.round(n).toLocaleString('en-US');

const describeCounts = (counts: StatusCounts) =>
  Object.entries(counts)
    .map(([k, n]) => `${k}: ${count(n)}`)
    .join(', ') || 'none';

/** The targets of the load test, each with what was measured and whether it is met. */
export function loadtestChecks(f: LoadtestFigures): LoadtestCheck[] {
  const { trend } = f.rss;
  const w = trend.windowSeconds.toFixed(trend.windowSeconds < 10 ? 1 : 0);
  return [
    {
      target: 'zero errors (socket errors, timeouts)',
      measured:
        f.errors.total === 0 ? 'none' : `${count(f.errors.total)} (${describeCounts(f.errors.byMessage)})`,
      pass: f.errors.total === 0,
    },
    {
      target: 'zero 5xx answers',
      measured: f.status5xx === 0 ? 'none' : count(f.status5xx),
      pass: f.status5xx === 0,
    },
    {
      target: `RSS growth < ${RSS_GROWTH_LIMIT * 100}% from the second ${w} s to the last ${w} s`,
      measured:
        trend.growth === null
          ? 'not measured'
          : `${pct(trend.growth)} (${mb(trend.secondWindowMb)} → ${mb(trend.lastWindowMb)})`,
      pass: trend.growth !== null && trend.growth < RSS_GROWTH_LIMIT,
    },
  ];
}

export const allPass = (checks: LoadtestCheck[]) => checks.every((c) => c.pass);

/** The printed report: throughput, latency, answers, memory, then PASS/FAIL per target. */
export function reportLines(f: LoadtestFigures, checks: LoadtestCheck[]): string[] {
  const lat = (name: string, l: LatencySummary, indent = '  ') =>
    `${indent}${name.padEnd(10)} p50 ${ms(l.p50)} ms · p90 ${ms(l.p90)} ms · p99 ${ms(l.p99)} ms · max ${ms(l.max)} ms (${count(l.count)} requests)`;
  const mark = f.rss.trend.windowSeconds;
  return [
    `Requests: ${count(f.requests)} in ${f.seconds.toFixed(1)} s at ${f.connections} connections: ${count(f.rps)} req/s`,
    `Actions: ${count(f.actions.reads)} reads, ${count(f.actions.saves)} saves (${count(f.actions.publishes)} publishing, ${count(f.actions.created)} new posts, ${count(f.actions.refusedSaves)} refused)`,
    'Latency:',
    lat('all', f.latency.all),
    lat('public', f.latency.public),
    lat('admin', f.latency.admin),
    'Public pages:',
    ...Object.entries(f.byPage).map(([name, l]) => lat(name, l, '    ')),
    `Errors (socket errors, timeouts): ${f.errors.total === 0 ? 'none' : `${count(f.errors.total)} — ${describeCounts(f.errors.byMessage)}`}`,
    `Answers other than 2xx/3xx: ${describeCounts(f.unexpected)} · 5xx: ${count(f.status5xx)}`,
    `CPU (share of one core): server ${f.cpu.server === null ? 'n/a' : `${Math.round(f.cpu.server * 100)}%`}, load generator ${Math.round(f.cpu.generator * 100)}%`,
    `Server RSS: ${mb(f.rss.startMb)} at start, ${mb(f.rss.atFirstMarkMb)} at ${mark.toFixed(mark < 10 ? 1 : 0)} s, ${mb(f.rss.endMb)} at the end`,
    '',
    ...checks.map((c) => `${c.pass ? 'PASS' : 'FAIL'}  ${c.target}: ${c.measured}`),
  ];
}
