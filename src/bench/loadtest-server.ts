/**
 * The server under load, started as in production. Its output goes straight to a file, not
 * through the load generator, which must spend its CPU on requests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { track } from './processes.js';
import { SERVER_ENV, SERVER_NODE_ARGS } from '../runtime.js';

/**
 * The entry points next to this module: `dist/src/…/*.js` when compiled (`npm run loadtest`),
 * the TypeScript sources through tsx when run from `src/` (the test of the load test).
 */
export function entryPoints() {
  const fromSource = fileURLToPath(import.meta.url).endsWith('.ts');
  const at = (rel: string) => fileURLToPath(new URL(`${rel}${fromSource ? '.ts' : '.js'}`, import.meta.url));
  const env: NodeJS.ProcessEnv = fromSource
    ? { NODE_OPTIONS: `--import ${pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href}` }
    : {};
  return { server: at('../server'), importer: at('../cli/import'), user: at('../cli/user'), env, fromSource };
}

export const SERVING = /Byline is serving .* at (http:\/\/\S+?)\/?$/m;

/** Resident memory of a live process in MB (Linux `VmRSS`), or null where /proc is not there. */
export function currentRssMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time a process has used, in seconds (Linux `/proc/<pid>/stat` utime + stime at 100 Hz), or null. */
export function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** The last `n` lines of a log file, for a failure report. */
export function tailOf(file: string, n = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}

const PINO_LEVELS: Record<string, number> = { warn: 40, error: 50, fatal: 60 };

/**
 * What the server said once serving that was not a routine request line: its plain lines and
 * structured lines at warn level or above. The last `n` of them.
 */
export function problemLines(file: string, n = 20): string[] {
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const lines = text.split('\n');
  const served = lines.findIndex((line) => SERVING.test(line));
  return lines
    .slice(served + 1)
    .filter((line) => {
      if (!line.startsWith('{')) return line.trim() !== '';
      const level = /"level":\s*("?)(\w+)\1/.exec(line)?.[2] ?? '';
      return (Number(level) || PINO_LEVELS[level] || 0) >= 40;
    })
    .slice(-n);
}

export interface RunningServer {
  child: ChildProcess;
  /** The origin, e.g. http://127.0.0.1:41234. */
  base: string;
  logFile: string;
}

/** Starts `node <script>` with exactly `env`, its output appended to `logFile`; resolves once it serves. */
export async function startServer(
  script: string,
  opts: { env: NodeJS.ProcessEnv; cwd: string; logFile: string; timeoutMs?: number },
): Promise<RunningServer> {
  const fd = fs.openSync(opts.logFile, 'a');
  // As `npm start` runs it: the same Node flags and environment (src/runtime.ts).
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, script], {
    cwd: opts.cwd,
    env: { ...opts.env, ...SERVER_ENV },
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  track(child);
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    const found = SERVING.exec(tailOf(opts.logFile, 200))?.[1];
    if (found) return { child, base: found, logFile: opts.logFile };
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      const why = child.exitCode !== null ? `exited (code ${child.exitCode})` : 'did not start in time';
      throw new Error(`${script} ${why} before it was serving:\n${tailOf(opts.logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
