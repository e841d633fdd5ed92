/** The figures of a run and the JSON record they are kept in. */
import fs from 'node:fs';
import path from 'node:path';
import type { LoadtestFigures } from './loadtest-report.js';
import { count5xx, rssTrend, unexpectedStatuses } from './loadtest-stats.js';
import type { TrafficResult } from './loadtest-traffic.js';

/** The figures of a run, from what the traffic recorded. */
export function figuresOf(
  t: TrafficResult,
  connections: number,
  duration: number,
  startMb: number | null,
): LoadtestFigures {
  const trend = rssTrend(t.rss, duration);
  const requests = t.latency.all.count;
  return {
    seconds: t.seconds,
    connections,
    requests,
    rps: requests / t.seconds,
    latency: {
      all: t.latency.all.summary(),
      public: t.latency.public.summary(),
      admin: t.latency.admin.summary(),
    },
    byPage: Object.fromEntries([...t.byPage].map(([page, l]) => [page, l.summary()])),
    errors: t.errors,
    statuses: t.statuses,
    unexpected: unexpectedStatuses(t.statuses),
    status5xx: count5xx(t.statuses),
    actions: t.actions,
    rss: { startMb, atFirstMarkMb: trend.atFirstMark, endMb: t.rss.at(-1)?.mb ?? null, trend },
    cpu: t.cpu,
  };
}

/**
 * Writes the record as JSON to `file`; beside the default file, also a dated copy
 * (bench/results/20*.json, which is not committed).
 */
export function writeResults(file: string, record: { date: string } & Record<string, unknown>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const json = `${JSON.stringify(record, null, 2)}\n`;
  fs.writeFileSync(file, json);
  if (path.basename(file) === 'loadtest-latest.json') {
    fs.writeFileSync(
      path.join(path.dirname(file), `${record.date.replace(/[:.]/g, '-')}-loadtest.json`),
      json,
    );
  }
  console.log(`Figures written to ${path.relative(process.cwd(), file) || file}`);
}
