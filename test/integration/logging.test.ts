import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../src/app.js';
import type { Db } from '../../src/db.js';
import { createLogger } from '../../src/log.js';
import { csrfOf, makeUser, PASSWORD, type Agent } from '../helpers/admin.js';
import { addPost, BASE_URL } from '../helpers/app.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { submitForm } from '../helpers/editor-form.js';
import { rootDir } from '../helpers/server.js';
import { Browser } from '../crash/browser.js';

/** Every line the app logs, as written. */
const output: string[] = [];
const logged = () => output.join('');
const lines = () =>
  logged()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown> & { reqId?: string; req?: { url?: string } });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let t: TestDb;
let app: ReturnType<typeof createApp>;
/** The same app on a database whose post lookups fail: the real app answering 500. */
let failingApp: ReturnType<typeof createApp>;
/** 5xx errors the app reports (none expected from `app`). */
const errors: unknown[] = [];

/** `db`, except that looking one post up fails (lists still work, so the error page can render). */
function failingLookups(db: Db): Db {
  const post = new Proxy(db.post, {
    get(target, prop) {
      if (prop === 'findFirst') return () => Promise.reject(new Error('disk I/O error (simulated)'));
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'post') return post;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

beforeAll(async () => {
  t = await createTestDb();
  const logger = createLogger({
    level: 'info',
    destination: { write: (line: string) => void output.push(line) },
  });
  const deps = {
    env: { BASE_URL, TRUST_PROXY: 'false', NODE_ENV: 'test', DATA_DIR: t.dir } as const,
    sessionSecret: 'test-secret-test-secret-test-secret-0123',
    logger,
  };
  app = createApp({ ...deps, db: t.db, log: (err) => errors.push(err) });
  failingApp = createApp({ ...deps, db: failingLookups(t.db), log: () => {} });
});
afterAll(async () => {
  await t.cleanup();
  expect(errors).toEqual([]);
});
beforeEach(() => {
  output.length = 0;
});

/** Signs in through the form; returns the agent and every secret the exchange carried. */
async function signInWatching(email: string) {
  const agent = request.agent(app);
  const form = await agent.get('/admin/login').expect(200);
  const csrf = csrfOf(form.text);
  const res = await agent.post('/admin/login').type('form').send({ email, password: PASSWORD, _csrf: csrf });
  expect(res.status).toBe(303);
  const cookie = [res.headers['set-cookie'] ?? []].flat().find((c: string) => c.startsWith('byline.sid='));
  const value = cookie!.split(';')[0]!.slice('byline.sid='.length);
  // The session id itself sits between "s:" and the signature.
  const sessionId = decodeURIComponent(value).replace(/^s:/, '').split('.')[0]!;
  return { agent, csrf, cookieValue: value, sessionId };
}

function expectNowhere(secrets: string[]) {
  const text = logged();
  expect(text.length).toBeGreaterThan(0);
  for (const secret of secrets) {
    expect(secret.length).toBeGreaterThan(5);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(encodeURIComponent(secret));
  }
}

describe('what the log never holds', () => {
  it('when someone signs in and saves a post, then the password, session id, CSRF token and post text are in no line', async () => {
    const admin = await makeUser(t, 'administrator');
    const { agent, csrf, cookieValue, sessionId } = await signInWatching(admin.email);
    const secretText = `Private draft words ${Date.now()}`;
    const res = await submitForm(agent, '/admin/posts/new', '/admin/posts/new', {
      title: 'Logged save',
      content: secretText,
      status: 'draft',
    });
    expect(res.status).toBe(303);
    const editorToken = csrfOf((await agent.get(res.headers.location!).expect(200)).text);

    expectNowhere([PASSWORD, cookieValue, sessionId, csrf, editorToken, secretText]);
    expect(logged()).not.toContain(admin.email);
    const save = lines().find(
      (l) => l.req?.url === '/admin/posts/new' && (l.req as { method?: string }).method === 'POST',
    );
    expect(save).toMatchObject({ level: 'info', res: { statusCode: 303 }, userId: admin.id });
  });

  it('when a set-password link is made, opened and used, then its token and the new password are in no line', async () => {
    const admin = await makeUser(t, 'administrator');
    const { agent } = await signInWatching(admin.email);
    const email = `linked-${Date.now()}@example.com`;
    const add = await submitForm(agent, '/admin/users/new', '/admin/users', {
      email,
      name: 'Linked',
      role: 'author',
    });
    expect(add.status).toBe(303);
    const shown = await agent.get(add.headers.location!).expect(200);
    const token = shown.text.match(/\/admin\/set-password\/([\w-]+)/)![1]!;

    const visitor = request.agent(app);
    const form = await visitor.get(`/admin/set-password/${token}`).expect(200);
    const newPassword = 'a brand new passphrase 42';
    const set = await visitor
      .post(`/admin/set-password/${token}`)
      .type('form')
      .send({ newPassword, confirmPassword: newPassword, _csrf: csrfOf(form.text) });
    expect(set.status).toBe(303);
    // The same token in a query string, as a mistyped or old-style link would carry it.
    await visitor.get(
      `/admin/set-password?token=${token}&next=${encodeURIComponent(`/admin/set-password/${token}`)}`,
    );

    expectNowhere([token, newPassword]);
    const urls = lines().map((l) => l.req?.url);
    expect(urls).toContain('/admin/set-password/[redacted]');
    expect(urls).toContain('/admin/set-password?token=[redacted]&next=[redacted]');
  });

  it('when a request carries cookies and an Authorization header, then neither is logged', async () => {
    await request(app)
      .get('/tags/')
      .set('Cookie', 'tracking=cookie-value-abcdef')
      .set('Authorization', 'Bearer bearer-value-abcdef')
      .expect(200);
    expectNowhere(['cookie-value-abcdef', 'bearer-value-abcdef']);
  });
});

describe('request ids', () => {
  it('when any request is answered, then each line is JSON with the request id sent back in X-Request-Id', async () => {
    await addPost(t, { slug: 'logged-post', title: 'Logged post' });
    const ids: string[] = [];
    for (const url of ['/', '/posts/logged-post/', '/no-such-page/', '/index.xml', '/healthz']) {
      const res = await request(app).get(url);
      expect(res.headers['x-request-id']).toMatch(UUID);
      ids.push(res.headers['x-request-id'] as string);
    }
    const all = lines();
    expect(all.length).toBeGreaterThanOrEqual(5);
    for (const line of all) expect(line.reqId).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      const line = all.find((l) => l.reqId === id);
      expect(line).toMatchObject({ msg: 'request completed', req: { method: 'GET' } });
      expect(typeof line!.ms).toBe('number');
    }
  });

  it('when a page comes from the cache, then it gets its own request id, not the one it was rendered with', async () => {
    const answers: { cache: string; id: string }[] = [];
    // The cache keeps a page once it knows when the next scheduled post is due: ask until two hits.
    while (answers.filter((a) => a.cache === 'HIT').length < 2 && answers.length < 20) {
      const res = await request(app).get('/archives/').expect(200);
      answers.push({ cache: String(res.headers['x-cache']), id: String(res.headers['x-request-id']) });
    }
    expect(answers.filter((a) => a.cache === 'HIT').length).toBe(2);
    for (const a of answers) expect(a.id).toMatch(UUID);
    expect(new Set(answers.map((a) => a.id)).size).toBe(answers.length);
  });

  it('when the client sends a plain X-Request-Id, then it is kept, sent back and logged', async () => {
    const res = await request(app).get('/tags/').set('X-Request-Id', 'edge-Proxy_42.7');
    expect(res.headers['x-request-id']).toBe('edge-Proxy_42.7');
    expect(lines().map((l) => l.reqId)).toContain('edge-Proxy_42.7');
  });

  it.each([
    ['markup', '<script>alert(1)</script>'],
    ['spaces and quotes', 'id with "quotes" and spaces'],
    ['a log-line forgery', '","level":"fatal","msg":"forged'],
    ['too long', 'a'.repeat(65)],
    ['empty', ''],
    ['non-ASCII', 'idé-ünïcode'],
  ])(
    'when the client sends an X-Request-Id with %s, then it is replaced by a fresh one',
    async (_what, hostile) => {
      const res = await request(app).get('/tags/').set('X-Request-Id', hostile);
      expect(res.headers['x-request-id']).toMatch(UUID);
      const all = lines();
      expect(all.map((l) => l.reqId)).toEqual([res.headers['x-request-id']]);
      if (hostile) expect(logged()).not.toContain(hostile.slice(0, 20));
    },
  );
});

describe('errors', () => {
  it('when the app fails with a 500, then the page quotes the request id and the log has the error under that id', async () => {
    const res = await request(failingApp).get('/posts/anything/');
    expect(res.status).toBe(500);
    const id = res.headers['x-request-id'] as string;
    expect(id).toMatch(UUID);
    expect(res.text).toContain(`Reference: <code class="error-reference">${id}</code>`);
    expect(res.text).not.toContain('disk I/O error');
    const line = lines().find((l) => l.reqId === id) as Record<string, unknown> & {
      err?: Record<string, unknown>;
    };
    expect(line).toMatchObject({
      level: 'error',
      res: { statusCode: 500 },
      req: { url: '/posts/anything/' },
    });
    expect(line.err).toMatchObject({ type: 'Error', message: 'disk I/O error (simulated)' });
    expect(String(line.err!.stack)).toContain('disk I/O error (simulated)');
  });

  it('when a request is refused with a 4xx, then the page has no reference and the line is info', async () => {
    const res = await request(app).get('/no-such-page/').expect(404);
    expect(res.text).not.toContain('Reference:');
    expect(lines().at(-1)).toMatchObject({ level: 'info', res: { statusCode: 404 } });
  });

  it('when a form body cannot be parsed, then the error logged has no trace of the body', async () => {
    const agent: Agent = request.agent(app);
    await agent.get('/admin/login').expect(200);
    await agent
      .post('/admin/login')
      .set('Content-Type', 'application/json')
      .send('{"password":"json-secret-value-1", broken');
    expectNowhere(['json-secret-value-1']);
  });
});

describe('the server process', () => {
  it('when it runs with LOG_LEVEL=debug, then stdout is JSON lines (and the plain ready line), hits from memory are logged with their id, and no secret is printed', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-logs-'));
    fs.copyFileSync(inject('templateDb'), path.join(dataDir, 'blog.db'));
    const adminPassword = `pw-${crypto.randomBytes(9).toString('base64url')}`;
    const sessionSecret = crypto.randomBytes(36).toString('base64url');
    const tsx = createRequire(import.meta.url).resolve('tsx');
    const child = spawn(process.execPath, ['--import', tsx, path.join(rootDir, 'src/server.ts')], {
      cwd: dataDir, // not the repository: a developer's .env there must not reach the server
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        PORT: '0',
        SAMPLE_CONTENT: 'false',
        SESSION_SECRET: sessionSecret,
        ADMIN_EMAIL: 'logs@example.com',
        ADMIN_PASSWORD: adminPassword,
        LOG_LEVEL: 'debug',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const origin = await new Promise<string>((resolve, reject) => {
        const look = () => {
          const match = /^Byline is serving .* at (http:\/\/\S+?)\/?$/m.exec(stdout);
          if (match) resolve(match[1]!);
        };
        child.stdout.on('data', look);
        void exited.then(() => reject(new Error(`the server exited:\n${stdout}\n${stderr}`)));
      });

      const hits: string[] = [];
      for (let i = 0; i < 20 && hits.length < 2; i++) {
        const res = await fetch(`${origin}/`);
        await res.text();
        if (res.headers.get('x-cache') === 'HIT') hits.push(res.headers.get('x-request-id')!);
      }
      expect(hits).toHaveLength(2);
      const browser = new Browser(origin);
      await browser.signIn('logs@example.com', adminPassword);
      const sid = decodeURIComponent(browser.cookieHeader().match(/byline\.sid=([^;]+)/)![1]!);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stderr).toBe('');
      const printed = stdout.split('\n').filter(Boolean);
      const json = printed.filter((line) => !line.startsWith('Byline is serving '));
      expect(printed.length - json.length).toBe(1);
      const objects = json.map((line) => JSON.parse(line) as Record<string, unknown>);
      for (const hit of hits) {
        expect(hit).toMatch(UUID);
        expect(objects).toContainEqual(
          expect.objectContaining({ level: 'debug', reqId: hit, cache: 'hit', res: { statusCode: 200 } }),
        );
      }
      expect(objects).toContainEqual(
        expect.objectContaining({ msg: 'Created the first administrator', passwordFrom: 'ADMIN_PASSWORD' }),
      );
      expect(objects.at(-1)).toMatchObject({
        signal: 'SIGTERM',
        msg: expect.stringMatching(/^SIGTERM: no longer accepting connections/),
      });
      for (const secret of [adminPassword, sessionSecret, sid, sid.replace(/^s:/, '').split('.')[0]!]) {
        expect(stdout).not.toContain(secret);
      }
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
