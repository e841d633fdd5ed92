import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rootDir } from '../paths.js';
import type { BenchOptions } from './options.js';
import { ratioOf, resultsTable, type BenchFigures, type TargetCheck } from './report.js';
import type { CorpusFacts } from './targets.js';

export const RESULTS_DIR = path.join(rootDir, 'bench', 'results');

export interface RunRecord {
  date: Date;
  tool: string;
  opts: BenchOptions;
  /** Share of the CPU busy just before the bench started (0–1). */
  busyAtStart: number | null;
  facts: CorpusFacts;
  imported: { seconds: number; migrationSeconds: number | null; summary: string };
  byline: { ms: number; firstMs: number };
  baselinePeakRssMb: number | null;
  figures: BenchFigures;
  checks: TargetCheck[];
}

/** Every figure of a run as JSON: `bench/results/<time>.json` and `bench/results/latest.json`. */
export function writeResults(r: RunRecord): void {
  const result = {
    date: r.date.toISOString(),
    tool: r.tool,
    options: {
      posts: r.opts.posts,
      duration: r.opts.duration,
      warmup: r.opts.warmup,
      connections: r.opts.connections,
    },
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? '',
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      cpuBusyAtStart: r.busyAtStart,
    },
    corpus: r.facts,
    import: r.imported,
    start: { seconds: r.byline.ms / 1000, firstStartSeconds: r.byline.firstMs / 1000 },
    peakRssMb: r.figures.peakRssMb,
    baselinePeakRssMb: r.baselinePeakRssMb,
    urls: r.figures.urls.map((u) => ({ ...u, ratio: ratioOf(u) })),
    targets: r.checks,
    pass: r.checks.every((c) => c.pass || c.stretch),
    table: resultsTable(r.figures.urls),
  };
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const json = `${JSON.stringify(result, null, 2)}\n`;
  const file = path.join(RESULTS_DIR, `${result.date.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, json);
  fs.writeFileSync(path.join(RESULTS_DIR, 'latest.json'), json);
  console.log(`Figures written to ${path.relative(process.cwd(), file)} and bench/results/latest.json`);
}
