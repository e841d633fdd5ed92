import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadOptions, LoadResult } from './load.js';
import { removeLater, removeNow, track } from './processes.js';

const MARK = 'BYLINE-BENCH ';

/** wrk's Lua hook: prints the figures as one JSON line (latencies in microseconds). */
export const WRK_SCRIPT = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('${MARK}{"requests":%d,"us":%d,"bytes":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"p50":%d,"p95":%d,"p99":%d,"max":%d}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
`;

interface WrkFigures {
  requests: number;
  us: number;
  bytes: number;
  connect: number;
  read: number;
  write: number;
  status: number;
  timeout: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** The figures from wrk's output, or an error naming what wrk printed instead. */
export function parseWrkOutput(stdout: string): LoadResult {
  const line = stdout.split('\n').find((l) => l.startsWith(MARK));
  if (!line) throw new Error(`wrk printed no figures:\n${stdout.trim()}`);
  const f = JSON.parse(line.slice(MARK.length)) as WrkFigures;
  const seconds = f.us / 1e6;
  return {
    requests: f.requests,
    seconds,
    rps: f.requests / seconds,
    p50: f.p50 / 1000,
    p95: f.p95 / 1000,
    p99: f.p99 / 1000,
    max: f.max / 1000,
    // wrk counts answers of 400 and above as status errors.
    non2xx: f.status,
    socketErrors: f.connect + f.read + f.write + f.timeout,
    bytes: f.bytes,
  };
}

/** The path of an executable named `name` on PATH, or null. */
export function findOnPath(name: string, pathVar = process.env.PATH ?? ''): string | null {
  for (const dir of pathVar.split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return null;
}

/** One wrk thread: the server under test has the other core of a 2-core machine. */
export function runWrk(wrk: string, opts: LoadOptions): Promise<LoadResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-wrk-'));
  removeLater(dir);
  const script = path.join(dir, 'report.lua');
  fs.writeFileSync(script, WRK_SCRIPT);
  const headers = Object.entries(opts.headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  const args = [
    '-t1',
    `-c${opts.connections}`,
    `-d${opts.seconds}s`,
    '--timeout',
    '10s',
    '-s',
    script,
    ...headers,
    opts.url,
  ];
  return new Promise<LoadResult>((resolve, reject) => {
    const child = execFile(wrk, args, { timeout: (opts.seconds + 30) * 1000 }, (err, stdout, stderr) => {
      removeNow(dir);
      if (err) return reject(new Error(`wrk failed: ${err.message}\n${stderr}`));
      try {
        resolve(parseWrkOutput(stdout));
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
    track(child);
  });
}
