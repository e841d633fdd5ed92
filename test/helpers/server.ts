import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const serverScript = path.join(rootDir, 'dist/src/server.js');
const READY = /Byline is serving .* at (http:\/\/\S+?)\/?\s*$/m;
const START_TIMEOUT_MS = 60_000;

// Servers still running when the test process exits (a crash, a forgotten stop()) go with it.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface RunningServer {
  /** The origin, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  dataDir: string;
  /** Everything the server printed so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartServerOptions {
  /** Extra variables; they win over the defaults below. */
  env?: Record<string, string>;
  /** Use this folder as DATA_DIR instead of a fresh one (it is still removed on stop). */
  dataDir?: string;
}

/** A fresh temporary DATA_DIR, as the server and the import CLI expect it. */
export function makeDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'byline-e2e-'));
}

/** The variables a production start gets for a given DATA_DIR (HOST, PORT=0, NODE_ENV=test …). */
export function serverEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = { ...process.env };
  // Variables from the developer's shell must not point the test server at their own blog.
  for (const name of [
    'BASE_URL',
    'DATABASE_URL',
    'DATA_DIR',
    'HOST',
    'PORT',
    'SAMPLE_CONTENT',
    'TRUST_PROXY',
  ]) {
    delete inherited[name];
  }
  return {
    ...inherited,
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    DATABASE_URL: `file:${path.join(dataDir, 'blog.db')}`,
    HOST: '127.0.0.1',
    PORT: '0',
    SAMPLE_CONTENT: 'true',
    ...extra,
  };
}

/**
 * Starts the production server (`node dist/src/server.js`, already compiled by `npm run test:e2e`)
 * in a child process on a free port with its own DATA_DIR, and resolves once it prints its URL.
 */
export async function startServer(opts: StartServerOptions = {}): Promise<RunningServer> {
  if (!fs.existsSync(serverScript)) {
    throw new Error(`${serverScript} is missing: run \`npm run build\` first (npm run test:e2e does).`);
  }
  const dataDir = opts.dataDir ?? makeDataDir();
  const child = spawn(process.execPath, [serverScript], {
    cwd: rootDir,
    env: serverEnv(dataDir, opts.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const output = () => `--- server stdout ---\n${stdout}\n--- server stderr ---\n${stderr}`;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );

  const removeDataDir = () => fs.rmSync(dataDir, { recursive: true, force: true });

  let url: string;
  try {
    url = await waitForUrl(child, () => stdout, exited);
  } catch (err) {
    await kill(child, exited);
    removeDataDir();
    throw new Error(`${(err as Error).message}\n${output()}`);
  }

  let stopping: Promise<void> | undefined;
  return {
    url,
    dataDir,
    output,
    stop() {
      stopping ??= (async () => {
        const code = await kill(child, exited);
        removeDataDir();
        if (code !== 0 && code !== null) {
          throw new Error(`The server exited with status ${code} on SIGTERM.\n${output()}`);
        }
      })();
      return stopping;
    },
  };
}

function waitForUrl(
  child: ChildProcess,
  stdout: () => string,
  exited: Promise<number | null>,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`The server did not print its URL within ${START_TIMEOUT_MS / 1000} s.`));
    }, START_TIMEOUT_MS);
    const onData = () => {
      const match = READY.exec(stdout());
      if (match) {
        cleanup();
        resolve(match[1]!.replace(/\/+$/, ''));
      }
    };
    const onError = (err: Error) => {
      cleanup();
      reject(new Error(`The server could not be started: ${err.message}`));
    };
    child.stdout!.on('data', onData);
    child.once('error', onError);
    void exited.then((code) => {
      cleanup();
      reject(new Error(`The server exited with status ${code} before it was ready.`));
    });
    function cleanup() {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('error', onError);
    }
  });
}

/** SIGTERM, then SIGKILL if the server has not finished after its own 10 s grace period. */
async function kill(child: ChildProcess, exited: Promise<number | null>): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Runs the real import CLI (`node dist/src/cli/import.js <dir>`) against DATA_DIR's database. */
export async function importSite(
  dataDir: string,
  siteDir: string,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [path.join(rootDir, 'dist/src/cli/import.js'), siteDir], {
    cwd: rootDir,
    env: serverEnv(dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  return { code, output };
}
