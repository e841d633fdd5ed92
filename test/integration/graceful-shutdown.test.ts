import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, inject, test } from 'vitest';
import { Browser } from '../crash/browser.js';
import { rootDir } from '../helpers/server.js';

const ADMIN_EMAIL = 'shutdown@example.com';
const ADMIN_PASSWORD = 'a long enough passphrase';
const READY = /Byline is serving .* at (http:\/\/\S+?)\/?\s*$/m;
const tsxLoader = createRequire(import.meta.url).resolve('tsx');

interface Server {
  child: ChildProcess;
  origin: string;
  port: number;
  dataDir: string;
  log: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once the server has printed a line matching `pattern`. */
  printed: (pattern: RegExp) => Promise<void>;
}

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) {
    s.child.kill('SIGKILL');
    fs.rmSync(s.dataDir, { recursive: true, force: true });
  }
});

/**
 * The server as `npm start` runs it, from the TypeScript sources (the integration run does not
 * build), in production mode on a copy of the migrated template database.
 */
async function startServer(): Promise<Server> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-shutdown-'));
  fs.copyFileSync(inject('templateDb'), path.join(dataDir, 'blog.db'));
  const child = spawn(process.execPath, ['--import', tsxLoader, path.join(rootDir, 'src/server.ts')], {
    cwd: dataDir, // not the repository: a developer's .env there must not reach the server
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      DATABASE_URL: `file:${path.join(dataDir, 'blog.db')}`,
      HOST: '127.0.0.1',
      PORT: '0',
      SAMPLE_CONTENT: 'false',
      SESSION_SECRET: crypto.randomBytes(36).toString('base64url'),
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiting: { pattern: RegExp; resolve: () => void }[] = [];
  const onOutput = (chunk: string) => {
    output += chunk;
    for (const w of waiting.filter((w) => w.pattern.test(output))) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve();
    }
  };
  child.stdout!.setEncoding('utf8').on('data', onOutput);
  child.stderr!.setEncoding('utf8').on('data', onOutput);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const printed = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      if (pattern.test(output)) return resolve();
      waiting.push({ pattern, resolve });
      void exited.then(() => reject(new Error(`the server exited before printing ${pattern}\n${output}`)));
    });
  const server = { child, dataDir, log: () => output, exited, printed, origin: '', port: 0 };
  servers.push(server);
  await printed(READY);
  server.origin = READY.exec(output)![1]!;
  server.port = Number(new URL(server.origin).port);
  return server;
}

/**
 * A form POST whose body arrives in two parts. It asks `Expect: 100-continue`, so `started`
 * resolves once the server has read the headers and handed the request to the app; the first
 * half of the body is sent then, the rest on `finish()`.
 */
function slowPost(server: Server, pathname: string, cookie: string, form: Record<string, string>) {
  const body = Buffer.from(new URLSearchParams(form).toString());
  const half = Math.floor(body.length / 2);
  const req = http.request({
    host: '127.0.0.1',
    port: server.port,
    method: 'POST',
    path: pathname,
    agent: new http.Agent({ keepAlive: true }),
    headers: {
      cookie,
      expect: '100-continue',
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': body.length,
    },
  });
  const answer = new Promise<http.IncomingMessage>((resolve, reject) => {
    req.once('response', (res) => {
      res.resume();
      resolve(res);
    });
    req.once('error', reject);
  });
  answer.catch(() => {}); // awaited by the test; a failure before that is reported there
  const started = new Promise<void>((resolve) =>
    req.once('continue', () => {
      req.write(body.subarray(0, half));
      resolve();
    }),
  );
  req.flushHeaders();
  return { started, answer, finish: () => req.end(body.subarray(half)) };
}

/** Resolves with the error code of a new TCP connection to `port` (or 'connected'). */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

describe('graceful shutdown', () => {
  test.each(['SIGTERM', 'SIGINT'] as const)(
    'when %s arrives while a save is being sent, then the save completes and is stored, new connections are refused, and the process exits 0',
    async (signal) => {
      const server = await startServer();
      const browser = new Browser(server.origin);
      await browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
      const fields = await browser.formOf('/admin/posts/new', '/admin/posts/new');
      const content = `Written while the server was stopping.\n\n${'A paragraph that takes a moment to send. '.repeat(2_000)}`;
      const save = slowPost(server, '/admin/posts/new', browser.cookieHeader(), {
        ...fields,
        title: 'Saved during shutdown',
        slug: 'saved-during-shutdown',
        content,
        status: 'published',
      });

      await save.started;
      server.child.kill(signal);
      await server.printed(new RegExp(`${signal}: no longer accepting connections`));
      expect(await tryConnect(server.port)).toBe('ECONNREFUSED');

      save.finish();
      const res = await save.answer;
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toMatch(/^\/admin\/posts\/\d+\/edit$/);
      expect(res.headers.connection).toBe('close'); // a kept-alive connection would hold the exit up
      // Status 0 is the orderly path: the 10-second cap exits with 1 (the next test).
      expect(await server.exited).toEqual({ code: 0, signal: null });

      // The database was closed: its write-ahead log was checkpointed into blog.db and removed.
      expect(fs.existsSync(path.join(server.dataDir, 'blog.db-wal'))).toBe(false);
      const db = new Database(path.join(server.dataDir, 'blog.db'), { readonly: true });
      const row = db
        .prepare('SELECT title, markdown, status FROM Post WHERE slug = ?')
        .get('saved-during-shutdown');
      db.close();
      expect(row).toEqual({ title: 'Saved during shutdown', markdown: content, status: 'published' });
    },
  );

  test('when a request is still in flight 10 s after SIGTERM, then the server stops anyway, with status 1', async () => {
    const server = await startServer();
    // A body that never arrives in full: the app waits for it until the process stops.
    const stuck = slowPost(server, '/admin/login', '', { email: ADMIN_EMAIL, password: 'x'.repeat(200) });
    await stuck.started;

    server.child.kill('SIGTERM');

    expect(await server.exited).toEqual({ code: 1, signal: null });
    expect(server.log()).toMatch(/SIGTERM: requests still in flight after 10 s/);
    await expect(stuck.answer).rejects.toThrow();
  });
});
