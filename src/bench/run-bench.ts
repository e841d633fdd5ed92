import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signIn } from './http-client.js';
import { measureAll, recordPages, type MeasureOptions } from './measure.js';
import type { BenchOptions } from './options.js';
import { removeLater, stopChild, type Started } from './processes.js';
import { allPass, checkTargets, resultsTable, targetLines } from './report.js';
import { writeResults } from './results-file.js';
import { benchEnv, importSite, makeSite, peakRssOf, startBaseline, startByline } from './site.js';
import { machineBusy } from './proc-stats.js';
import { findOnPath } from './wrk.js';

function chooseTool(opts: BenchOptions): MeasureOptions['tool'] {
  const wrk = opts.tool === 'autocannon' ? null : findOnPath('wrk');
  if (opts.tool === 'wrk' && !wrk) throw new Error('--tool wrk: wrk is not on PATH');
  return wrk ? { name: 'wrk', path: wrk } : { name: 'autocannon' };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The whole bench: make the blog, import it, start Byline and the baseline, measure, report. Returns true when every target is met. */
export async function runBench(opts: BenchOptions): Promise<boolean> {
  const tool = chooseTool(opts);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-bench-'));
  if (!opts.keep) removeLater(tmp);
  const servers: Started[] = [];
  try {
    const now = new Date();
    const busyAtStart = await machineBusy();
    console.log(
      `Bench: ${opts.posts} posts, ${opts.connections} connections, ${opts.warmup} s warm-up + ${opts.duration} s per URL, ${tool.name}; data in ${tmp}`,
    );
    if (busyAtStart !== null && busyAtStart > 0.1) {
      console.log(
        `Note: ${Math.round(busyAtStart * 100)}% of the CPU is busy before the bench starts; the figures will be noisy.`,
      );
    }
    const { urls, facts } = await makeSite(path.join(tmp, 'site'), opts.posts, now);
    console.log(
      `Wrote a Hugo site: ${facts.posts} posts (${facts.drafts} drafts, ${facts.future} future, ${facts.withCode} with code), ${facts.tags} tags, ${(facts.markdownBytes / 1e6).toFixed(1)} MB of Markdown`,
    );

    const b = benchEnv(path.join(tmp, 'data'));
    const imported = await importSite(path.join(tmp, 'site'), b, tmp);
    console.log(
      `Import (npm run import): ${imported.summary.replace(/\.$/, '')}; ${imported.seconds.toFixed(1)} s, of which migrations ${imported.migrationSeconds?.toFixed(1) ?? '?'} s`,
    );

    const byline = await startByline(b, tmp);
    servers.push(byline);
    console.log(
      `Byline started on the existing database in ${seconds(byline.ms)} (first start, with migrations check and admin: ${seconds(byline.firstMs)}) at ${byline.found}`,
    );
    const cookie = await signIn(byline.found, b.email, b.password);
    const pagesFile = path.join(tmp, 'pages.json');
    fs.writeFileSync(pagesFile, JSON.stringify(await recordPages(byline.found, urls, cookie)));
    const baseline = await startBaseline(pagesFile, tmp);
    servers.push(baseline);

    console.log('Measuring:');
    const measured = await measureAll(
      { tool, connections: opts.connections, duration: opts.duration, warmup: opts.warmup },
      {
        byline: { base: byline.found, pid: byline.child.pid },
        baseline: { base: baseline.found, pid: baseline.child.pid },
      },
      urls,
      cookie,
    );
    const peakRssMb = peakRssOf(byline);
    const figures = {
      posts: opts.posts,
      importSeconds: imported.seconds,
      startSeconds: byline.ms / 1000,
      peakRssMb,
      urls: measured,
    };
    const checks = checkTargets(figures);

    console.log(`\n${resultsTable(measured)}\n`);
    console.log(
      `Import of ${opts.posts} posts: ${imported.seconds.toFixed(1)} s · start on the existing database: ${seconds(byline.ms)} · peak RSS: ${peakRssMb === null ? 'n/a' : `${peakRssMb.toFixed(0)} MB`}\n`,
    );
    for (const line of targetLines(checks)) console.log(line);
    const pass = allPass(checks);
    console.log(pass ? '\nEvery target met.' : '\nSome targets are not met.');

    writeResults({
      date: now,
      tool: tool.name,
      opts,
      busyAtStart,
      facts,
      imported,
      byline,
      baselinePeakRssMb: peakRssOf(baseline),
      figures,
      checks,
    });
    return pass;
  } finally {
    await Promise.all(servers.map((s) => stopChild(s.child)));
    if (opts.keep) console.log(`Kept ${tmp}`);
  }
}
