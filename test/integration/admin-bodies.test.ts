/**
 * Admin bodies are read only when and as far as needed (src/http/bodies.ts,
 * docs/decisions/024-sign-in-without-a-stored-session.md): a visitor's is a small form, JSON only
 * for the preview once signed in, long texts a few at a time.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { largeBodyReads } from '../../src/http/bodies.js';
import {
  ANONYMOUS_FORM_BYTES,
  ANONYMOUS_FORM_FIELDS,
  LARGE_BODIES,
  SIGNED_IN_FORM_BYTES,
} from '../../src/http/limits.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { csrfOf, makeUser, PASSWORD, signIn, tokenFrom, type Agent } from '../helpers/admin.js';
import { submitForm } from '../helpers/editor-form.js';
import { textOf } from '../helpers/html.js';

let t: TestApp;
let admin: Agent;
let adminId: number;
beforeAll(async () => {
  t = await createTestApp({ loginLimits: { perIp: 10_000, perAccount: 10_000, windowMs: 60_000 } });
  const user = await makeUser(t, 'administrator');
  adminId = user.id;
  admin = await signIn(t.app, user.email);
});
afterAll(() => t.cleanup());

/** Session rows and audit entries: what a refused request must not have written. */
const stored = async () => ({ sessions: await t.db.session.count(), audit: await t.db.auditEntry.count() });

/** A visitor's sign-in form: its token and the cookie that goes with it. */
async function visitorForm() {
  const res = await request(t.app).get('/admin/login').expect(200);
  const cookie = ([res.headers['set-cookie'] ?? []].flat() as string[])
    .map((c) => c.split(';')[0]!)
    .join('; ');
  return { token: csrfOf(res.text), cookie };
}

const jsonBomb = () => `[${'{},'.repeat(690_000)}{}]`;

describe('what a visitor may send', () => {
  it('when a 2 MB JSON array is posted to the sign-in form, then 413 naming the limit, and nothing is stored', async () => {
    const before = await stored();
    const res = await request(t.app).post('/admin/login').type('json').send(jsonBomb());
    expect(res.status).toBe(413);
    expect(textOf(res.text)).toContain(`${ANONYMOUS_FORM_BYTES / 1024} KB at most`);
    expect(await stored()).toEqual(before);
    await request(t.app).get('/admin/login').expect(200);
  });

  it('when 2 MB of broken JSON is posted, then it is refused for its size, never parsed', async () => {
    const res = await request(t.app).post('/admin/login').type('json').send('{'.repeat(2_000_000));
    expect(res.status).toBe(413);
  });

  it('when a sign-in form is larger than a visitor may send, then 413 naming the limit', async () => {
    const { token, cookie } = await visitorForm();
    const res = await request(t.app)
      .post('/admin/login')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: token, email: 'a@example.com', password: '%'.repeat(ANONYMOUS_FORM_BYTES) });
    expect(res.status).toBe(413);
    expect(textOf(res.text)).toContain('16 KB at most');
  });

  it('when a long post is saved after the session ended, then 401 asking to sign in again, not a size refusal', async () => {
    const { token, cookie } = await visitorForm();
    const res = await request(t.app)
      .post('/admin/posts/new')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: token, title: 'Long', content: 'word '.repeat(40_000) });
    expect(res.status).toBe(401);
    expect(textOf(res.text)).toContain('Please sign in again.');
  });

  it('when a visitor’s form has more fields than any of theirs, then 413 naming the count', async () => {
    const { token, cookie } = await visitorForm();
    const fields = Array.from({ length: ANONYMOUS_FORM_FIELDS + 5 }, (_, i) => `f${i}=x`).join('&');
    const res = await request(t.app)
      .post('/admin/login')
      .set('Cookie', cookie)
      .type('form')
      .send(`_csrf=${encodeURIComponent(token)}&${fields}`);
    expect(res.status).toBe(413);
    expect(textOf(res.text)).toContain(`${ANONYMOUS_FORM_FIELDS} at most`);
  });

  it('when a form comes compressed, then 415: no browser sends one, and a small one could unpack to gigabytes', async () => {
    const { token, cookie } = await visitorForm();
    const body = zlib.gzipSync(`_csrf=${encodeURIComponent(token)}&email=a&password=${'x'.repeat(100_000)}`);
    const res = await request(t.app)
      .post('/admin/login')
      .set({
        Cookie: cookie,
        'Content-Encoding': 'gzip',
        'Content-Type': 'application/x-www-form-urlencoded',
      })
      .send(body);
    expect(res.status).toBe(415);
  });

  it('when JSON is posted to the sign-in form with a valid token, then it is not read as a form', async () => {
    const { token, cookie } = await visitorForm();
    const res = await request(t.app)
      .post('/admin/login')
      .set({ Cookie: cookie, 'X-CSRF-Token': token })
      .send({ email: 'a@example.com', password: PASSWORD });
    expect(res.status).toBe(400);
    expect(textOf(res.text)).toContain('Enter your email.');
  });
});

describe('what a signed-in user may send', () => {
  it('when JSON is posted to a form other than the preview, then it is not read', async () => {
    const token = await tokenFrom(admin, '/admin/account');
    const res = await admin
      .post('/admin/account/name')
      .set('X-CSRF-Token', token)
      .send({ name: 'Changed by JSON' });
    expect(res.status).toBe(400);
    expect((await t.db.user.findUnique({ where: { id: adminId } }))?.name).not.toBe('Changed by JSON');
  });

  it('when an ordinary form is larger than 64 KB, then 413 naming the limit; the editor’s save takes a long text', async () => {
    const token = await tokenFrom(admin, '/admin/settings');
    const settings = await admin
      .post('/admin/settings')
      .type('form')
      .send({ _csrf: token, title: 'x'.repeat(SIGNED_IN_FORM_BYTES) });
    expect(settings.status).toBe(413);
    expect(textOf(settings.text)).toContain('64 KB at most');
    const post = await submitForm(admin, '/admin/posts/new', '/admin/posts/new', {
      title: 'Long',
      content: 'word '.repeat(40_000),
    });
    expect(post.status).toBe(303);
  });

  it('when the preview gets a JSON array of 700,000 values, then 413 before it is parsed', async () => {
    const token = await tokenFrom(admin, '/admin/posts/new');
    const res = await admin.post('/admin/preview').set('X-CSRF-Token', token).type('json').send(jsonBomb());
    expect(res.status).toBe(413);
  });

  it('when the preview gets broken JSON, then 400', async () => {
    const token = await tokenFrom(admin, '/admin/posts/new');
    const res = await admin
      .post('/admin/preview')
      .set('X-CSRF-Token', token)
      .type('json')
      .send('{"content": "');
    expect(res.status).toBe(400);
  });
});

describe('long texts a few at a time', () => {
  let server: http.Server;
  let port: number;
  const sockets: net.Socket[] = [];
  beforeAll(async () => {
    server = http.createServer(t.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await until(() => largeBodyReads.running === 0 && largeBodyReads.waiting === 0);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  async function until(condition: () => boolean) {
    for (let i = 0; i < 1000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(condition()).toBe(true);
  }

  /** A session cookie for a new signed-in editor, for requests sent by hand. */
  async function editorCookie(): Promise<string> {
    const { token, cookie } = await visitorForm();
    const email = (await makeUser(t, 'editor')).email;
    const res = await request(t.app)
      .post('/admin/login')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: token, email, password: PASSWORD })
      .expect(303);
    return ([res.headers['set-cookie'] ?? []].flat() as string[])
      .find((c) => c.startsWith('byline.sid='))!
      .split(';')[0]!;
  }

  /** A save of a 1 MB post whose body is still arriving: its first 100 KB are sent, the rest never. */
  function slowSave(cookie: string) {
    const socket = net.connect(port, '127.0.0.1');
    sockets.push(socket);
    socket.write(
      `POST /admin/posts/new HTTP/1.1\r\nHost: blog.test\r\nCookie: ${cookie}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000000\r\n\r\ncontent=${'x'.repeat(100_000)}`,
    );
  }

  const save = (cookie: string) =>
    fetch(`http://127.0.0.1:${port}/admin/posts/new`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `content=${'x'.repeat(200_000)}`,
    });

  it('when a user sends one long text more than their share while theirs are being read or wait, then 429 with Retry-After', async () => {
    const cookie = await editorCookie();
    for (let i = 0; i < LARGE_BODIES.maxPerUser; i++) slowSave(cookie);
    await until(
      () =>
        largeBodyReads.running === LARGE_BODIES.concurrency &&
        largeBodyReads.waiting === LARGE_BODIES.maxPerUser - LARGE_BODIES.concurrency,
    );
    const res = await save(cookie);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('when the queue of long texts is full, then 503 with Retry-After, and short forms still go through', async () => {
    // Places for everyone's long texts, read or waiting, filled by users each within their share.
    const places = LARGE_BODIES.concurrency + LARGE_BODIES.maxQueue;
    const users = Math.ceil(places / LARGE_BODIES.maxPerUser);
    const cookies = await Promise.all(Array.from({ length: users + 1 }, () => editorCookie()));
    for (let i = 0; i < places; i++) slowSave(cookies[i % users]!);
    await until(() => largeBodyReads.waiting === LARGE_BODIES.maxQueue);
    const res = await save(cookies[users]!);
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const token = await tokenFrom(admin, '/admin/account');
    await admin
      .post('/admin/account/name')
      .type('form')
      .send({ _csrf: token, name: 'Still here' })
      .expect(303);
  });
});
