import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';
import type { Readable } from 'node:stream';

/** Everything the bench started or made, undone on any way out: success, error, Ctrl+C, kill. */
const live = new Set<ChildProcess>();
const dirs = new Set<string>();

function cleanupNow(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  dirs.clear();
}

let installed = false;
/** Kills what is left and removes the temporary folders when the bench exits, however it exits. */
export function installCleanup(): void {
  if (installed) return;
  installed = true;
  process.on('exit', cleanupNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping the servers and removing the temporary data.`);
      process.exit(130);
    });
  }
}

export function removeLater(dir: string): void {
  dirs.add(dir);
}

export function removeNow(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  dirs.delete(dir);
}

/** A child started elsewhere (wrk) that must not outlive the bench either. */
export function track(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
}

/** Calls `onLine` for each whole line the stream prints. */
function eachLine(stream: Readable, onLine: (line: string) => void): void {
  readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
}

export interface Started {
  child: ChildProcess;
  /** The first capture group of the ready line (the URL a server prints). */
  found: string;
  /** From spawn to the ready line. */
  ms: number;
  /** What it printed, for a report when something goes wrong. */
  output: string[];
}

export interface SpawnOptions {
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The line that says it is ready; its first group is returned. */
  ready: RegExp;
  timeoutMs?: number;
  onLine?: (line: string, ms: number) => void;
  /** Node's own flags, before the script. */
  nodeArgs?: string[];
}

/** Starts `node script args…` and resolves on its ready line; rejects with its output if it exits or hangs. */
export function startNode(script: string, args: string[], opts: SpawnOptions): Promise<Started> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), script, ...args], {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const fail = (why: string) => reject(new Error(`${script} ${why}:\n${output.slice(-40).join('\n')}`));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(`did not start within ${(opts.timeoutMs ?? 60_000) / 1000} s`);
    }, opts.timeoutMs ?? 60_000);
    let ready = false;
    const onLine = (line: string) => {
      const ms = performance.now() - t0;
      output.push(line);
      if (output.length > 200) output.shift();
      opts.onLine?.(line, ms);
      const match = ready ? null : opts.ready.exec(line);
      if (match) {
        ready = true;
        clearTimeout(timer);
        resolve({ child, found: match[1] ?? '', ms, output });
      }
    };
    eachLine(child.stdout, onLine);
    eachLine(child.stderr, onLine);
    child.once('error', (err) => fail(`could not be started (${err.message})`));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!ready) fail(`exited (${signal ?? `code ${code}`}) before it was ready`);
    });
  });
}

/** Runs `node script args…` to the end; resolves with its exit code, the time it took and what it printed. */
export function runNode(
  script: string,
  args: string[],
  opts: Omit<SpawnOptions, 'ready'>,
): Promise<{ code: number; ms: number; output: string[] }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), script, ...args], {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  const output: string[] = [];
  const onLine = (line: string) => {
    output.push(line);
    opts.onLine?.(line, performance.now() - t0);
  };
  eachLine(child.stdout, onLine);
  eachLine(child.stderr, onLine);
  return new Promise((resolve, reject) => {
    child.once('error', (err) => reject(new Error(`${script} could not be started (${err.message})`)));
    child.once('close', (code, signal) => {
      live.delete(child);
      resolve({ code: code ?? (signal ? 128 : 1), ms: performance.now() - t0, output });
    });
  });
}

/** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
