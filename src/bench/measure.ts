import { recordPage, type RecordedPage } from './baseline.js';
import { request } from './http-client.js';
import { runAutocannon, type LoadOptions, type LoadResult } from './load.js';
import type { UrlResult } from './report.js';
import { formatCount, formatMs } from './table.js';
import type { BenchUrl } from './targets.js';
import { peakRssMb, waitIdle } from './proc-stats.js';
import { runWrk } from './wrk.js';

/** What a browser sends that changes the answer: compressed bodies, the session cookie on /admin. */
export function headersFor(u: BenchUrl, cookie: string): Record<string, string> {
  const headers: Record<string, string> = { 'accept-encoding': 'gzip, br' };
  if (!u.public) headers.cookie = cookie;
  return headers;
}

/** Each page as Byline answers it (every one must be a 200), for the baseline to replay. */
export async function recordPages(base: string, urls: BenchUrl[], cookie: string): Promise<RecordedPage[]> {
  const pages: RecordedPage[] = [];
  for (const u of urls) {
    const res = await request(new URL(u.url, base).href, { headers: headersFor(u, cookie) });
    if (res.status !== 200)
      throw new Error(`${u.url} answered ${res.status}, not 200: the bench would measure an error page`);
    pages.push(recordPage(u.url, res));
  }
  return pages;
}

export interface MeasureOptions {
  tool: { name: 'autocannon' } | { name: 'wrk'; path: string };
  connections: number;
  duration: number;
  warmup: number;
}

function load(opts: MeasureOptions, l: LoadOptions): Promise<LoadResult> {
  return opts.tool.name === 'wrk' ? runWrk(opts.tool.path, l) : runAutocannon(l);
}

/** Warm-up, measurement, then a wait until the server has drained what was still queued. */
async function measureOne(
  opts: MeasureOptions,
  server: Server,
  u: BenchUrl,
  headers: Record<string, string>,
): Promise<LoadResult> {
  const base = { url: new URL(u.url, server.base).href, connections: u.connections ?? opts.connections, headers };
  if (opts.warmup > 0) await load(opts, { ...base, seconds: opts.warmup });
  const result = await load(opts, { ...base, seconds: opts.duration });
  await waitIdle(server.pid);
  return result;
}

export interface Server {
  base: string;
  pid: number | undefined;
}

const brief = (r: LoadResult) =>
  `${formatCount(r.rps).padStart(7)} req/s  p99 ${formatMs(r.p99).padStart(6)} ms`;

/** Byline, then the baseline, URL by URL, so both see the machine in the same state. */
export async function measureAll(
  opts: MeasureOptions,
  servers: { byline: Server; baseline: Server },
  urls: BenchUrl[],
  cookie: string,
): Promise<UrlResult[]> {
  const results: UrlResult[] = [];
  for (const u of urls) {
    const headers = headersFor(u, cookie);
    const byline = await measureOne(opts, servers.byline, u, headers);
    const baseline = await measureOne(opts, servers.baseline, u, headers);
    results.push({
      name: u.name,
      url: u.url,
      public: u.public,
      byline,
      baseline,
      bylinePeakRssMb: peakRssMb(servers.byline.pid),
    });
    const rss = results.at(-1)?.bylinePeakRssMb;
    const rssText = rss ? `   Byline peak RSS ${rss.toFixed(0)} MB` : '';
    console.log(`  ${u.name.padEnd(22)} Byline ${brief(byline)}   baseline ${brief(baseline)}${rssText}`);
  }
  return results;
}
