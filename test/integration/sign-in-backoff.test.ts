import bcrypt from 'bcrypt';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { csrfOf, makeUser, PASSWORD } from '../helpers/admin.js';
import { decodeEntities } from '../helpers/html.js';

// The fixed-window limits are set high here: these tests are about the per-account back-off.
const limits = { perIp: 10_000, perAccount: 10_000, windowMs: 60_000 };
const WRONG = 'not the password at all';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ loginLimits: limits });
});
afterAll(() => t.cleanup());

// A controllable clock: only Date is faked, so timers and I/O run as usual.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-01T10:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const later = (ms: number) => vi.setSystemTime(Date.now() + ms);

async function attempt(email: string, password: string, app = t.app) {
  const agent = request.agent(app);
  const form = await agent.get('/admin/login').expect(200);
  return agent
    .post('/admin/login')
    .type('form')
    .send({ email, password, _csrf: csrfOf(form.text) });
}

const messageOf = (html: string) => decodeEntities(html.match(/role="alert">([^<]+)</)?.[1] ?? '');

/** Status, Retry-After and message: everything a visitor can tell from an answer. */
const answer = (res: request.Response) => ({
  status: res.status,
  retryAfter: res.headers['retry-after'] as string | undefined,
  message: messageOf(res.text),
});

/** `n` failed sign-ins in a row, waiting out each block on the clock before the next. */
async function failTimes(email: string, n: number) {
  for (let i = 0; i < n; i++) {
    let res = await attempt(email, WRONG);
    if (res.status === 429) {
      later(Number(res.headers['retry-after']) * 1000);
      res = await attempt(email, WRONG);
    }
    expect(res.status).toBe(401);
  }
}

const rowOf = (email: string) =>
  t.db.user.findUniqueOrThrow({ where: { email }, select: { failedLogins: true, loginBlockedUntil: true } });

describe('per-account back-off', () => {
  it('when an account fails 5 times in a row, then the next attempt is refused with 429 and Retry-After, right password or not', async () => {
    const user = await makeUser(t, 'author');
    await failTimes(user.email, 5);
    const right = await attempt(user.email, PASSWORD);
    const wrong = await attempt(user.email, WRONG);
    expect(answer(right)).toEqual({
      status: 429,
      retryAfter: '1',
      message: 'Too many sign-in attempts. Try again in 1 second.',
    });
    expect(answer(wrong)).toEqual(answer(right));
    expect(right.text).toContain(`value="${user.email}"`);
    expect((await rowOf(user.email)).failedLogins).toBe(5);
  });

  it('when an account is blocked, then the password is not even checked', async () => {
    const user = await makeUser(t, 'author');
    await failTimes(user.email, 5);
    const compare = vi.spyOn(bcrypt, 'compare');
    expect((await attempt(user.email, PASSWORD)).status).toBe(429);
    expect(compare).not.toHaveBeenCalled();
  });

  it('when each block ends with another failure, then the next block is twice as long', async () => {
    const user = await makeUser(t, 'author');
    await failTimes(user.email, 5);
    const waits: string[] = [];
    for (let i = 0; i < 4; i++) {
      const blocked = await attempt(user.email, PASSWORD);
      waits.push(blocked.headers['retry-after'] as string);
      later(Number(blocked.headers['retry-after']) * 1000);
      expect((await attempt(user.email, WRONG)).status).toBe(401);
    }
    expect(waits).toEqual(['1', '2', '4', '8']);
  });

  it('when the block has ended and the password is right, then the user signs in and the streak is forgotten', async () => {
    const user = await makeUser(t, 'author');
    await failTimes(user.email, 6);
    later(2_000);
    const res = await attempt(user.email, PASSWORD);
    expect(res.status).toBe(303);
    expect(await rowOf(user.email)).toEqual({ failedLogins: 0, loginBlockedUntil: null });
    // A fresh streak: four more failures cost nothing.
    await failTimes(user.email, 4);
    expect((await attempt(user.email, PASSWORD)).status).toBe(303);
  });

  it('when the server restarts, then a blocked account is still blocked', async () => {
    const user = await makeUser(t, 'author');
    await failTimes(user.email, 9);
    const restarted = createApp({
      db: t.db,
      env: { BASE_URL: 'http://blog.test', TRUST_PROXY: 'false', NODE_ENV: 'test', DATA_DIR: t.dir },
      sessionSecret: 'test-secret-test-secret-test-secret-0123',
      log: (err) => t.errors.push(err),
      loginLimits: limits,
    });
    const res = await attempt(user.email, PASSWORD, restarted);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('16');
  });

  it('when an email has no account, then every answer is the same as for an account, step by step', async () => {
    const user = await makeUser(t, 'author');
    const known: unknown[] = [];
    const unknown: unknown[] = [];
    for (const [email, into] of [
      [user.email, known],
      ['nobody-here@example.com', unknown],
    ] as const) {
      for (let i = 0; i < 6; i++) into.push(answer(await attempt(email, WRONG)));
      into.push(answer(await attempt(email, PASSWORD)));
      later(1_000);
      into.push(answer(await attempt(email, WRONG)));
      into.push(answer(await attempt(email, WRONG)));
    }
    expect(unknown).toEqual(known);
    expect(known.map((a) => (a as { status: number }).status)).toEqual([
      401, 401, 401, 401, 401, 429, 429, 401, 429,
    ]);
  });

  it('when a deactivated account is tried, then it backs off like an unknown email and its row is untouched', async () => {
    const user = await makeUser(t, 'author');
    await t.db.user.update({ where: { id: user.id }, data: { active: false } });
    await failTimes(user.email, 5);
    expect((await attempt(user.email, PASSWORD)).status).toBe(429);
    expect(await rowOf(user.email)).toEqual({ failedLogins: 0, loginBlockedUntil: null });
  });
});

describe('the audit log of sign-ins', () => {
  const entriesFor = (needle: string) =>
    t.db.auditEntry.findMany({ where: { summary: { contains: needle } }, orderBy: { id: 'asc' } });

  it('when sign-in fails, then an entry names the typed email, has no actor and never the password', async () => {
    const user = await makeUser(t, 'editor');
    await attempt(`  ${user.email.toUpperCase()} `, WRONG);
    const [entry] = await entriesFor(user.email);
    expect(entry).toMatchObject({
      action: 'auth.sign-in-failed',
      actorId: null,
      actorEmail: '',
      target: `user:${user.id}`,
    });
    expect(entry!.ip).not.toBe('');
    const all = JSON.stringify(await t.db.auditEntry.findMany());
    expect(all).not.toContain(WRONG);
    expect(all).not.toContain(PASSWORD);
  });

  it('when the 5th failure starts a block, then one auth.blocked entry says so', async () => {
    const user = await makeUser(t, 'editor');
    await failTimes(user.email, 5);
    await attempt(user.email, PASSWORD);
    await attempt(user.email, PASSWORD);
    const actions = (await entriesFor(user.email)).map((e) => e.action);
    expect(actions.filter((a) => a === 'auth.sign-in-failed')).toHaveLength(5);
    expect(actions.filter((a) => a === 'auth.blocked')).toHaveLength(1);
  });

  it('when someone signs in and out, then both are recorded with them as the actor', async () => {
    const user = await makeUser(t, 'editor');
    const agent = request.agent(t.app);
    const form = await agent.get('/admin/login').expect(200);
    await agent
      .post('/admin/login')
      .type('form')
      .send({ email: user.email, password: PASSWORD, _csrf: csrfOf(form.text) })
      .expect(303);
    const token = csrfOf((await agent.get('/admin/account').expect(200)).text);
    await agent.post('/admin/logout').type('form').send({ _csrf: token }).expect(303);
    const entries = await t.db.auditEntry.findMany({ where: { actorId: user.id }, orderBy: { id: 'asc' } });
    expect(entries.map((e) => [e.action, e.actorEmail, e.target])).toEqual([
      ['auth.sign-in', user.email, `user:${user.id}`],
      ['auth.sign-out', user.email, `user:${user.id}`],
    ]);
  });
});
