/**
 * The child process that does the timing, started by run.ts with the server's heap cap: an input
 * that exhausts memory kills this process, not the bench, and one that never ends is stopped
 * from outside. Takes one job (input, path, sizes) at a time and reports each size as it is done.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PerformanceObserver, performance, type PerformanceEntry } from 'node:perf_hooks';
import { createDb, type Db } from '../../src/db.js';
import { HOSTILE_INPUTS } from './corpus.js';
import { runners, type PathName } from './paths.js';
import type { Point } from './verdict.js';

export interface Job {
  input: string;
  path: PathName;
  sizes: number[];
  capMs: number;
}

export type WorkerMessage =
  | { kind: 'point'; point: Point; runs: number }
  /** About to time `chars`: what the watchdog blames if nothing more comes. */
  | { kind: 'progress'; chars: number }
  | { kind: 'done' }
  | { kind: 'ready' };

const WARM_UP_CHARS = 2048;
// Until the optimizing compiler has seen the path: a cold first call would look like slow growth.
const WARM_UP_MS = 100;
const WARM_UP_CALLS = 30;
// Sizes are timed in rounds, smallest to largest and again, each keeping its fastest call: a busy
// machine slows every size alike instead of the one that ran at the wrong moment. Every size is
// timed the same number of times, or the best of many small calls would be set against one large.
const ROUNDS = 2;

const send = (message: WorkerMessage) => process.send?.(message);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

// Collector pauses, to tell them apart from the path's own work: allocation-heavy calls on large
// strings slow down in steps as V8 moves them to other spaces, which is not growth of the path.
const pauses: PerformanceEntry[] = [];
new PerformanceObserver((list) => pauses.push(...list.getEntries())).observe({ entryTypes: ['gc'] });
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Timing {
  ms: number;
  /** `ms` less the collector's pauses that began during the call. */
  work: number;
}

async function timeOnce(call: () => unknown): Promise<Timing> {
  pauses.length = 0;
  const start = performance.now();
  await call();
  const ms = performance.now() - start;
  // The observer hears of pauses a turn or two later.
  await nextTurn();
  await nextTurn();
  const gc = pauses.filter((p) => p.startTime >= start && p.startTime < start + ms).reduce((sum, p) => sum + p.duration, 0);
  return { ms, work: Math.max(0, ms - gc) };
}

function openDb(): Db | null {
  const template = process.env.HOSTILE_TEMPLATE_DB;
  if (!template) return null;
  // A copy per process: one that died mid-write leaves the next a clean file.
  const file = path.join(path.dirname(template), `worker-${process.pid}.db`);
  fs.copyFileSync(template, file);
  return createDb(`file:${file}`);
}

const paths = runners(openDb());

interface Sized {
  chars: number;
  call: () => unknown;
  best: number;
  bestWork: number;
  runs: number;
}

const fail = (chars: number, error: unknown): Point => ({ chars, ms: 0, failure: 'throws', detail: String(error) });

async function run(job: Job): Promise<void> {
  const input = HOSTILE_INPUTS.find((i) => i.name === job.input);
  const runner = paths[job.path];
  if (input === undefined || !runner.applies(input)) return;
  send({ kind: 'progress', chars: WARM_UP_CHARS });
  try {
    const warm = await runner.prepare(input, input.make(WARM_UP_CHARS));
    const until = performance.now() + WARM_UP_MS;
    for (let i = 0; i < WARM_UP_CALLS && performance.now() < until; i++) await warm();
  } catch (error) {
    send({ kind: 'point', point: fail(WARM_UP_CHARS, error), runs: 1 });
    return;
  }
  // The first round grows the input one size at a time and stops at the first that fails.
  const sized: Sized[] = [];
  for (const chars of job.sizes) {
    gc();
    send({ kind: 'progress', chars });
    try {
      const call = await runner.prepare(input, input.make(chars));
      let { ms, work } = await timeOnce(call);
      // Over the cap twice, not once: another process may have had the processor.
      if (ms > job.capMs) ({ ms, work } = await timeOnce(call));
      if (ms > job.capMs) {
        send({ kind: 'point', point: { chars, ms, failure: 'slow' }, runs: 2 });
        break;
      }
      sized.push({ chars, call, best: ms, bestWork: work, runs: 1 });
    } catch (error) {
      send({ kind: 'point', point: fail(chars, error), runs: 1 });
      break;
    }
  }
  for (let round = 1; round < ROUNDS; round++) {
    for (const s of sized) {
      send({ kind: 'progress', chars: s.chars });
      const { ms, work } = await timeOnce(s.call);
      s.best = Math.min(s.best, ms);
      s.bestWork = Math.min(s.bestWork, work);
      s.runs++;
    }
  }
  // Sent smallest first, before any failure already reported for a larger size.
  for (const s of sized) send({ kind: 'point', point: { chars: s.chars, ms: s.best, work: s.bestWork }, runs: s.runs });
}

process.on('message', (job: Job) => {
  void run(job).then(() => send({ kind: 'done' }));
});
send({ kind: 'ready' });
