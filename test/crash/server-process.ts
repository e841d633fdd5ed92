/** The production server as a child process the crash test can start, kill -9 and start again. */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_ENV, SERVER_NODE_ARGS } from '../../src/runtime.js';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const serverScript = path.join(rootDir, 'dist/src/server.js');
const READY = /Byline is serving .* at (http:\/\/\S+?)\/?\s*$/m;
const START_TIMEOUT_MS = 60_000;

export const ADMIN_EMAIL = 'crash@example.com';
export const ADMIN_PASSWORD = crypto.randomBytes(18).toString('base64url');
const SESSION_SECRET = crypto.randomBytes(36).toString('base64url'); // 48 characters

export interface ServerProcess {
  origin: string;
  pid: number;
  /** True while the process runs. */
  alive(): boolean;
  /** Everything the server printed, for a failure message. */
  output(): string;
  /** SIGKILL, resolved once the process is gone (nothing of it can still write). */
  killHard(): Promise<void>;
}

/**
 * A clean environment: nothing from the developer's shell reaches the server, so the run is the
 * same on every machine. PORT=0 lets the system choose; the server prints the address it got.
 * ADMIN_EMAIL/ADMIN_PASSWORD make the first administrator on the first start.
 */
function serverEnv(dataDir: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? dataDir,
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    DATABASE_URL: `file:${path.join(dataDir, 'blog.db')}`,
    HOST: '127.0.0.1',
    PORT: '0',
    SAMPLE_CONTENT: 'false',
    SESSION_SECRET,
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
  };
}

// A crash of the test itself must not leave a server behind.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts `node dist/src/server.js` on `dataDir` and resolves with its origin once it listens. */
export async function startServer(dataDir: string): Promise<ServerProcess> {
  if (!fs.existsSync(serverScript))
    throw new Error(`${serverScript} is missing: run \`npm run build\` first.`);
  // As `npm start` runs it: the same heap cap and flags (src/runtime.ts).
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, serverScript], {
    cwd: dataDir, // not the repository: a developer's .env there must not reach the server
    env: { ...serverEnv(dataDir), ...SERVER_ENV },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let log = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child);
      resolve();
    }),
  );

  const origin = await new Promise<string>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(
      () => fail(`did not print its address within ${START_TIMEOUT_MS / 1000} s`),
      START_TIMEOUT_MS,
    );
    const onData = () => {
      const match = READY.exec(log);
      if (match) done(() => resolve(match[1]!));
    };
    const onError = (err: Error) => fail(`could not be started: ${err.message}`);
    child.stdout!.on('data', onData);
    child.once('error', onError);
    void exited.then(() => fail(`exited (${child.exitCode ?? child.signalCode}) before it was ready`));
    function fail(why: string) {
      if (settled) return;
      done(() => reject(new Error(`The server ${why}.\n${log}`)));
      child.kill('SIGKILL');
    }
    function done(settle: () => void) {
      settled = true;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('error', onError);
      settle();
    }
  });

  return {
    origin,
    pid: child.pid!,
    alive: () => child.exitCode === null && child.signalCode === null,
    output: () => log,
    async killHard() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
