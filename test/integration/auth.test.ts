import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { csrfOf, makeUser, PASSWORD, signIn } from '../helpers/admin.js';
import { updateUser } from '../../src/models/users.js';

let t: TestApp;
let admin: Awaited<ReturnType<typeof makeUser>>;
beforeAll(async () => {
  t = await createTestApp({ loginLimits: { perIp: 1000, perAccount: 5, windowMs: 60_000 } });
  admin = await makeUser(t, 'administrator', { email: 'admin@example.com' });
});
afterAll(() => t.cleanup());

/** The session cookie an answer sets, if any. */
const sessionCookieOf = (res: request.Response) =>
  ([res.headers['set-cookie'] ?? []].flat() as string[]).find((c) => c.startsWith('byline.sid='));

async function attempt(email: string, password: string) {
  const agent = request.agent(t.app);
  const form = await agent.get('/admin/login').expect(200);
  return agent.post('/admin/login').type('form').send({ email, password, _csrf: csrfOf(form.text) });
}

describe('signing in', () => {
  it('when an anonymous visitor opens /admin/, then they are sent to sign in, remembering where they were going', async () => {
    const res = await request(t.app).get('/admin/posts?status=draft').expect(302);
    expect(res.headers.location).toBe('/admin/login?next=%2Fadmin%2Fposts%3Fstatus%3Ddraft');
  });

  it('when the sign-in page is shown, then it has Email and Password fields and a Sign in button', async () => {
    const res = await request(t.app).get('/admin/login').expect(200);
    expect(res.text).toMatch(/<label for="email">Email<\/label>/);
    expect(res.text).toMatch(/<input id="email" name="email"/);
    expect(res.text).toMatch(/<label for="password">Password<\/label>/);
    expect(res.text).toMatch(/<button type="submit"[^>]*>Sign in<\/button>/);
  });

  it('when the email is unknown or the password wrong, then the answer is the same and the email is kept', async () => {
    const unknown = await attempt('nobody@example.com', PASSWORD);
    const wrong = await attempt('admin@example.com', 'not the password');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    const message = (html: string) => html.match(/role="alert">([^<]+)</)?.[1];
    expect(message(unknown.text)).toBe('Email or password is incorrect.');
    expect(message(wrong.text)).toBe(message(unknown.text));
    expect(wrong.text).toContain('value="admin@example.com"');
  });

  it('when the password is right, then a session begins and the user lands where they were going', async () => {
    const agent = request.agent(t.app);
    const form = await agent.get('/admin/login?next=/admin/account').expect(200);
    expect(sessionCookieOf(form)).toBeUndefined();
    const res = await agent
      .post('/admin/login')
      .type('form')
      .send({ email: 'ADMIN@example.com ', password: PASSWORD, next: '/admin/account', _csrf: csrfOf(form.text) })
      .expect(303);
    expect(res.headers.location).toBe('/admin/account');
    expect(sessionCookieOf(res)).toBeDefined();
  });

  it.each(['//evil.example/', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)'])(
    'when next is %s, then sign-in goes to /admin/ instead',
    async (next) => {
      const agent = request.agent(t.app);
      const form = await agent.get('/admin/login').expect(200);
      const res = await agent
        .post('/admin/login')
        .type('form')
        .send({ email: 'admin@example.com', password: PASSWORD, next, _csrf: csrfOf(form.text) })
        .expect(303);
      expect(res.headers.location).toBe('/admin/');
    },
  );

  it('when the session cookie is set, then it is HttpOnly and SameSite=Lax, and the session is in the database', async () => {
    const agent = request.agent(t.app);
    const form = await agent.get('/admin/login').expect(200);
    const res = await agent
      .post('/admin/login')
      .type('form')
      .send({ email: admin.email, password: PASSWORD, _csrf: csrfOf(form.text) })
      .expect(303);
    const cookie = sessionCookieOf(res) ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const sid = decodeURIComponent(cookie.split(';')[0]!.split('=')[1]!).slice(2).split('.')[0]!;
    expect(await t.db.session.findUnique({ where: { sid } })).not.toBeNull();
  });

  it('when a form is posted without a valid _csrf, then it is refused with 403', async () => {
    const agent = request.agent(t.app);
    await agent.get('/admin/login').expect(200);
    await agent.post('/admin/login').type('form').send({ email: 'admin@example.com', password: PASSWORD }).expect(403);
    await agent
      .post('/admin/login')
      .type('form')
      .send({ email: 'admin@example.com', password: PASSWORD, _csrf: 'forged' })
      .expect(403);
  });

  it('when an account is tried too often, then sign-in answers 429 with Retry-After, even with the right password', async () => {
    const target = await makeUser(t, 'author', { email: 'target@example.com' });
    for (let i = 0; i < 5; i++) expect((await attempt(target.email, 'wrong password!')).status).toBe(401);
    const blocked = await attempt(target.email, PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('when a user signs out, then /admin/ asks for sign-in again', async () => {
    const agent = await signIn(t.app, admin.email);
    const page = await agent.get('/admin/account');
    const token = csrfOf(page.text);
    await agent.post('/admin/logout').type('form').send({ _csrf: token }).expect(303);
    const res = await agent.get('/admin/').expect(302);
    expect(res.headers.location).toMatch(/^\/admin\/login/);
  });

  it('when a user is deactivated, then their session ends at once', async () => {
    const user = await makeUser(t, 'editor');
    const agent = await signIn(t.app, user.email);
    await agent.get('/admin/account').expect(200);
    await updateUser(t.db, user.id, { active: false });
    const res = await agent.get('/admin/account').expect(302);
    expect(res.headers.location).toMatch(/^\/admin\/login/);
    expect((await attempt(user.email, PASSWORD)).status).toBe(401);
  });
});
