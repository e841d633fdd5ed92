/**
 * npm run bench:hostile [-- --sizes 25,50 --only name --paths render]: every hostile input through
 * every path at growing sizes, timed in a worker held to the server's heap cap. Prints a table
 * and exits 1 when a path's time grows faster than its input (or it hangs, dies, or throws).
 * See docs/decisions/021-linear-time-content.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatTable } from '../../src/bench/table.js';
import { applyPendingMigrations } from '../../src/migrate.js';
import { HOSTILE_INPUTS } from './corpus.js';
import { parseHostileArgs, USAGE, type HostileOptions } from './options.js';
import type { PathName } from './paths.js';
import { mergeRuns, verdictOf, type Point } from './verdict.js';
import type { Job } from './worker.js';
import { Worker } from './worker-process.js';

const KB = 1024;
const RETRIES = 2;

interface Result {
  input: string;
  path: PathName;
  points: Point[];
}

const cellOf = (p: Point | undefined) => {
  if (p === undefined) return '';
  if (p.failure === 'slow') return `SLOW ${p.ms.toFixed(0)}`;
  if (p.failure !== undefined) return p.failure.toUpperCase();
  return p.ms.toFixed(p.ms < 10 ? 2 : 1);
};

function rowOf(result: Result, options: HostileOptions): string[] {
  const { flag, ratio, exponent } = verdictOf(result.points);
  return [
    result.input,
    result.path,
    ...options.sizes.map((kb) => cellOf(result.points.find((p) => p.chars === kb * KB))),
    ratio === null ? '' : `${ratio.toFixed(1)}×`,
    exponent === null ? '' : exponent.toFixed(2),
    flag ?? '',
  ];
}

/** The points of one job; a size the worker never finished is a failure of how it ended. */
async function timeJob(worker: Worker, job: Job, timeoutMs: number): Promise<Point[]> {
  const points: Point[] = [];
  let current = job.sizes[0]!;
  const how = await worker.run(
    job,
    timeoutMs,
    (p) => points.push(p),
    (chars) => (current = chars),
  );
  if (how !== 'done') points.push({ chars: current, ms: timeoutMs, failure: how });
  return points;
}

async function templateDb(dir: string): Promise<string> {
  const file = path.join(dir, 'template.db');
  await applyPendingMigrations(`file:${file}`);
  return file;
}

async function main(): Promise<number> {
  const options = parseHostileArgs(process.argv.slice(2));
  if ('error' in options) {
    console.error(`${options.error}\nusage: ${USAGE}`);
    return 2;
  }
  const inputs = HOSTILE_INPUTS.filter((i) => options.only.length === 0 || options.only.some((o) => i.name.includes(o)));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-hostile-'));
  const env = { ...process.env };
  if (options.paths.includes('save') || options.paths.includes('fts')) env.HOSTILE_TEMPLATE_DB = await templateDb(dir);
  const worker = new Worker(env);
  const results: Result[] = [];
  const started = Date.now();
  try {
    for (const input of inputs) {
      for (const pathName of options.paths) {
        if (pathName !== 'import' && pathName !== 'export' && input.kind === 'file') continue;
        const job: Job = { input: input.name, path: pathName, sizes: options.sizes.map((kb) => kb * KB), capMs: options.capMs };
        let points = await timeJob(worker, job, options.timeoutMs);
        // Timed again in a new process before it is called superlinear: a heap grown by earlier
        // jobs, or another program on the machine, can slow the largest sizes of a cheap path on
        // their own. Each size keeps its best of the runs.
        for (let again = 0; again < RETRIES && verdictOf(points).flag === 'SUPERLINEAR'; again++) {
          worker.stop();
          points = mergeRuns(points, await timeJob(worker, job, options.timeoutMs));
        }
        const result: Result = { input: input.name, path: pathName, points };
        if (result.points.length === 0) continue;
        results.push(result);
        const elapsed = `${((Date.now() - started) / 1000).toFixed(0)}s`;
        console.error([elapsed, ...rowOf(result, options)].filter(Boolean).join('  '));
      }
    }
  } finally {
    worker.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const columns = [
    { title: 'input' },
    { title: 'path' },
    ...options.sizes.map((kb) => ({ title: `${kb} KB ms`, align: 'right' as const })),
    { title: `×${options.sizes.at(-1)}/${options.sizes[0]}`, align: 'right' as const },
    { title: 'exp', align: 'right' as const },
    { title: 'flag' },
  ];
  console.log(formatTable(columns, results.map((r) => rowOf(r, options))));
  const flagged = results.filter((r) => verdictOf(r.points).flag !== null);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`\n${results.length} (input, path) pairs in ${seconds} s; ${flagged.length} flagged.`);
  for (const r of flagged) {
    const detail = r.points.find((p) => p.detail)?.detail;
    console.log(`  ${verdictOf(r.points).flag}: ${r.input} / ${r.path}${detail ? ` (${detail.slice(0, 160)})` : ''}`);
  }
  if (options.json !== null) fs.writeFileSync(options.json, JSON.stringify(results, null, 2));
  return flagged.length === 0 ? 0 : 1;
}

process.exitCode = await main();
