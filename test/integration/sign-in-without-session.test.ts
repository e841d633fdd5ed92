/**
 * Visitors cost no stored session (docs/decisions/024-sign-in-without-a-stored-session.md): the
 * sign-in form is protected by a signed cookie, and a session row exists only once a password
 * was right. Every CSRF refusal of before still holds.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { csrfOf, makeUser, PASSWORD, signIn } from '../helpers/admin.js';
import { decodeEntities } from '../helpers/html.js';

let t: TestApp;
let email: string;
beforeAll(async () => {
  t = await createTestApp({ loginLimits: { perIp: 10_000, perAccount: 10_000, windowMs: 60_000 } });
  email = (await makeUser(t, 'editor')).email;
});
afterAll(() => t.cleanup());

const sessionRows = () => t.db.session.count();
const cookiesOf = (res: request.Response) => [res.headers['set-cookie'] ?? []].flat() as string[];
const pairOf = (cookie: string | undefined) => cookie?.split(';')[0] ?? '';
const formCookieOf = (res: request.Response) => cookiesOf(res).find((c) => c.startsWith('byline.csrf='));
const messageOf = (html: string) => decodeEntities(html.match(/role="alert">([^<]+)</)?.[1] ?? '');

/** A visitor's sign-in form: its token and the cookie that goes with it. */
async function formOf() {
  const res = await request(t.app).get('/admin/login').expect(200);
  return { token: csrfOf(res.text), cookie: pairOf(formCookieOf(res)) };
}

function postSignIn(fields: Record<string, string>, cookie?: string) {
  const req = request(t.app).post('/admin/login').type('form');
  if (cookie) req.set('Cookie', cookie);
  return req.send({ email, password: PASSWORD, ...fields });
}

describe('visitors and stored sessions', () => {
  it('when the sign-in page is opened many times without a cookie, then no session is stored', async () => {
    const before = await sessionRows();
    for (let i = 0; i < 50; i++) {
      const res = await request(t.app).get('/admin/login').expect(200);
      expect(cookiesOf(res).some((c) => c.startsWith('byline.sid='))).toBe(false);
    }
    expect(await sessionRows()).toBe(before);
  });

  it('when a visitor opens other admin addresses, then nothing is stored and no cookie is set', async () => {
    const before = await sessionRows();
    for (const url of [
      '/admin/',
      '/admin/posts',
      '/admin/no-such-page',
      '/admin/login/two-factor',
      '/admin/logout',
    ]) {
      const res = await request(t.app).get(url);
      expect(res.status, url).toBeLessThan(500);
      expect(cookiesOf(res), url).toEqual([]);
    }
    expect(await sessionRows()).toBe(before);
  });

  it('when a visitor posts forms that need no sign-in, then still no session is stored', async () => {
    const { token, cookie } = await formOf();
    const before = await sessionRows();
    await postSignIn({ password: 'not the password', _csrf: token }, cookie).expect(401);
    await request(t.app)
      .post('/admin/login/two-factor')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: token, code: '123456' })
      .expect(303);
    await request(t.app)
      .post('/admin/logout')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: token })
      .expect(303);
    expect(await sessionRows()).toBe(before);
  });

  it('when the password is right, then one session is stored and it opens the admin', async () => {
    const before = await sessionRows();
    const agent = await signIn(t.app, email);
    expect(await sessionRows()).toBe(before + 1);
    await agent.get('/admin/posts').expect(200);
  });
});

describe('the sign-in form’s token', () => {
  it('when the form is shown, then its cookie is HttpOnly, SameSite=Lax, for the whole site, and short-lived', async () => {
    const res = await request(t.app).get('/admin/login').expect(200);
    const cookie = formCookieOf(res)!;
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\/(;|$)/i);
    expect(Number(cookie.match(/Max-Age=(\d+)/i)?.[1])).toBeLessThanOrEqual(24 * 3600);
  });

  it('when the form is posted without its token, or without its cookie, then 403', async () => {
    const { token, cookie } = await formOf();
    await postSignIn({}, cookie).expect(403);
    await postSignIn({ _csrf: token }).expect(403);
    await postSignIn({ _csrf: 'forged' }, cookie).expect(403);
  });

  it('when a token is posted with another visitor’s cookie, then 403: an attacker’s pair cannot sign a victim in', async () => {
    const attacker = await formOf();
    const victim = await formOf();
    await postSignIn({ _csrf: attacker.token }, victim.cookie).expect(403);
    await postSignIn({ _csrf: victim.token }, attacker.cookie).expect(403);
  });

  it('when the token is signed with another secret, then 403', async () => {
    const other = createApp({
      db: t.db,
      env: { BASE_URL: 'http://blog.test', TRUST_PROXY: 'false', NODE_ENV: 'test', DATA_DIR: t.dir },
      sessionSecret: 'another-secret-another-secret-another-1',
      log: () => {},
    });
    const res = await request(other).get('/admin/login').expect(200);
    await postSignIn({ _csrf: csrfOf(res.text) }, pairOf(formCookieOf(res))).expect(403);
  });

  it('when the page was left open past the cookie’s life, then the form comes back with the email kept and a token that works', async () => {
    const { token } = await formOf();
    const refused = await postSignIn({ _csrf: token }).expect(403);
    expect(messageOf(refused.text)).toBe('This page had expired. Sign in again.');
    expect(refused.text).toContain(`value="${email}"`);
    const res = await postSignIn({ _csrf: csrfOf(refused.text) }, pairOf(formCookieOf(refused)));
    expect(res.status).toBe(303);
  });

  it('when the token comes in the X-CSRF-Token header, then it is accepted like the field', async () => {
    const { token, cookie } = await formOf();
    const res = await request(t.app)
      .post('/admin/login')
      .set({ Cookie: cookie, 'X-CSRF-Token': token })
      .type('form')
      .send({ email, password: PASSWORD });
    expect(res.status).toBe(303);
  });

  it('when the site is served over HTTPS, then a cookie without the __Host- prefix is not trusted', async () => {
    const proxied = createApp({
      db: t.db,
      env: { BASE_URL: 'https://blog.test', TRUST_PROXY: '1', NODE_ENV: 'test', DATA_DIR: t.dir },
      sessionSecret: 'test-secret-test-secret-test-secret-0123',
      log: () => {},
    });
    const https = { 'X-Forwarded-Proto': 'https' };
    const form = await request(proxied).get('/admin/login').set(https).expect(200);
    const [pair] = cookiesOf(form).map(pairOf);
    expect(pair).toMatch(/^__Host-byline\.csrf=/);
    const post = (cookie: string) =>
      request(proxied)
        .post('/admin/login')
        .set({ ...https, Cookie: cookie })
        .type('form')
        .send({ email, password: PASSWORD, _csrf: csrfOf(form.text) });
    // As a sibling subdomain or a plain-HTTP page could have set it:
    await post(pair!.replace(/^__Host-/, '')).expect(403);
    await post(pair!).expect(303);
  });
});

describe('signed-in users keep the token of their session', () => {
  it('when a signed-in user posts a visitor’s token, then 403', async () => {
    const agent = await signIn(t.app, email);
    const visitor = await formOf();
    const res = await agent
      .post('/admin/account/name')
      .type('form')
      .send({ name: 'Changed', _csrf: visitor.token });
    expect(res.status).toBe(403);
  });
});

describe('many sign-ins at once', () => {
  it('when more sign-ins arrive than can be checked, then the rest get 503 with Retry-After and the email kept', async () => {
    // Thirty emails, so that no one account's back-off answers first.
    const forms = await Promise.all(Array.from({ length: 30 }, formOf));
    const answers = await Promise.all(
      forms.map(({ token, cookie }, i) =>
        postSignIn({ email: `crowd-${i}@example.com`, password: 'not the password', _csrf: token }, cookie),
      ),
    );
    expect(answers.every((r) => [401, 503].includes(r.status))).toBe(true);
    const busy = answers.findIndex((r) => r.status === 503);
    expect(busy).toBeGreaterThanOrEqual(0);
    expect(Number(answers[busy]!.headers['retry-after'])).toBeGreaterThan(0);
    expect(messageOf(answers[busy]!.text)).toMatch(/busy/);
    expect(answers[busy]!.text).toContain(`value="crowd-${busy}@example.com"`);
  });
});
