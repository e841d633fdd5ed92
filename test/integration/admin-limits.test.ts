import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { PrismaSessionStore } from '../../src/auth/session-store.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { csrfOf, makeUser, PASSWORD } from '../helpers/admin.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.cleanup());

describe('limits and cookies of the admin', () => {
  it('when a 30 MB form is posted, then it gets 413 and the server carries on', async () => {
    const agent = request.agent(t.app);
    const form = await agent.get('/admin/login').expect(200);
    const res = await agent
      .post('/admin/login')
      .type('form')
      .send(`_csrf=${encodeURIComponent(csrfOf(form.text))}&email=a%40b.c&password=${'x'.repeat(30 * 1024 * 1024)}`);
    expect(res.status).toBe(413);
    await request(t.app).get('/').expect(200);
    await agent.get('/admin/login').expect(200);
  });

  it('when Byline sits behind an HTTPS proxy it trusts, then the session cookie is Secure', async () => {
    const app = createApp({
      db: t.db,
      env: { BASE_URL: 'https://blog.test', TRUST_PROXY: '1', NODE_ENV: 'test', DATA_DIR: t.dir },
      sessionSecret: 's'.repeat(40),
      log: () => {},
    });
    const user = await makeUser(t, 'author');
    // Sent by hand: the test client, talking plain HTTP to the proxied app, would keep a Secure cookie back.
    const signInOver = async (headers: Record<string, string>) => {
      const form = await request(app).get('/admin/login').set(headers).expect(200);
      const cookie = ([form.headers['set-cookie'] ?? []].flat() as string[]).map((c) => c.split(';')[0]!);
      const res = await request(app)
        .post('/admin/login')
        .set({ ...headers, Cookie: cookie.join('; ') })
        .type('form')
        .send({ email: user.email, password: PASSWORD, _csrf: csrfOf(form.text) })
        .expect(303);
      return [form, res].flatMap((r) => [r.headers['set-cookie'] ?? []].flat() as string[]);
    };
    const secure = await signInOver({ 'X-Forwarded-Proto': 'https' });
    expect(secure.find((c) => c.startsWith('byline.sid='))).toMatch(/;\s*Secure/i);
    expect(secure.find((c) => c.startsWith('__Host-byline.csrf='))).toMatch(/;\s*Secure/i);
    const plain = await signInOver({});
    expect(plain.find((c) => c.startsWith('byline.sid='))).not.toMatch(/;\s*Secure/i);
    expect(plain.find((c) => c.startsWith('byline.csrf='))).not.toMatch(/;\s*Secure/i);
  });

  it('when sessions have expired, then the sweep deletes them and keeps live ones', async () => {
    const store = new PrismaSessionStore(t.db, 0);
    await t.db.session.createMany({
      data: [
        { sid: 'old', data: '{}', expiresAt: new Date(Date.now() - 1000) },
        { sid: 'live', data: '{}', expiresAt: new Date(Date.now() + 60_000) },
      ],
    });
    expect(await store.sweep()).toBeGreaterThanOrEqual(1);
    expect(await t.db.session.findUnique({ where: { sid: 'old' } })).toBeNull();
    expect(await t.db.session.findUnique({ where: { sid: 'live' } })).not.toBeNull();
  });

  it('when a public page is served, then no session cookie is set', async () => {
    const res = await request(t.app).get('/').expect(200);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});
