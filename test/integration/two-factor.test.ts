import crypto from 'node:crypto';
import { generateSync } from 'otplib';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { updateSettings } from '../../src/models/settings.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { csrfOf, makeUser, PASSWORD, signIn, tokenFrom, type Agent } from '../helpers/admin.js';
import { decodeEntities, textOf } from '../helpers/html.js';
import { activeContentIn } from '../helpers/inert.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ loginLimits: { perIp: 10_000, perAccount: 10_000, windowMs: 60_000 } });
});
afterAll(() => t.cleanup());

// A controllable clock (only Date is faked): each test moves on by whole 30-second TOTP steps.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-04-01T09:00:05Z'));
});
afterEach(async () => {
  vi.useRealTimers();
  await updateSettings(t.db, { requireAdminTwoFactor: false });
});

const nextStep = () => vi.setSystemTime(Date.now() + 30_000);
const codeFor = (secret: string) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) });

const fieldError = (html: string, field: string) =>
  decodeEntities(html.match(new RegExp(`id="${field}-error">([^<]+)<`))?.[1] ?? '');

/** Set-up through the pages: the key shown as text, a code computed from it, the recovery codes shown. */
async function turnOn(agent: Agent): Promise<{ secret: string; codes: string[] }> {
  const page = await agent.get('/admin/account/two-factor').expect(200);
  const secret = page.text.match(/<code id="totp-secret">([^<]+)<\/code>/)![1]!.replace(/\s/g, '');
  await agent
    .post('/admin/account/two-factor')
    .type('form')
    .send({ code: codeFor(secret), _csrf: csrfOf(page.text) })
    .expect(303)
    .expect('location', '/admin/account/two-factor/recovery-codes');
  const shown = await agent.get('/admin/account/two-factor/recovery-codes').expect(200);
  const codes = [...shown.text.matchAll(/<li><code>([^<]+)<\/code><\/li>/g)].map((m) => m[1]!);
  return { secret, codes };
}

/** A user with two-factor on, and what they hold. */
async function userWithTwoFactor(role: 'administrator' | 'editor' = 'editor') {
  const user = await makeUser(t, role);
  const held = await turnOn(await signIn(t.app, user.email));
  nextStep();
  return { ...user, ...held };
}

/** The password step; the agent is left at the code step. */
async function passwordStep(email: string, next = '/admin/posts'): Promise<Agent> {
  const agent = request.agent(t.app);
  const form = await agent.get('/admin/login').expect(200);
  await agent
    .post('/admin/login')
    .type('form')
    .send({ email, password: PASSWORD, next, _csrf: csrfOf(form.text) })
    .expect(303)
    .expect('location', '/admin/login/two-factor');
  return agent;
}

async function codeStep(agent: Agent, code: string) {
  const token = await tokenFrom(agent, '/admin/login/two-factor');
  return agent.post('/admin/login/two-factor').type('form').send({ code, _csrf: token });
}

const rowOf = (id: number) => t.db.user.findUniqueOrThrow({ where: { id } });
const auditOf = (action: string, target: string) => t.db.auditEntry.findMany({ where: { action, target } });

describe('setting up two-factor sign-in', () => {
  it('when the set-up page opens, then it shows the key as text and a QR code as inline SVG, with nothing active', async () => {
    const agent = await signIn(t.app, (await makeUser(t, 'author')).email);
    const res = await agent.get('/admin/account/two-factor').expect(200);
    expect(res.text).toMatch(/<code id="totp-secret">[A-Z2-7]{4}( [A-Z2-7]{1,4})+<\/code>/);
    expect(res.text).toMatch(/<svg [^>]*role="img"[^>]*>.*<\/svg>/s);
    expect(res.text).not.toContain('data:');
    // The admin's own forms aside, nothing on the page could run.
    expect(activeContentIn(res.text).filter((found) => !found.startsWith('<form action=/admin/'))).toEqual(
      [],
    );
    expect(res.text).not.toMatch(/\sstyle=/);
    expect(res.text).toContain('<label for="code">Code from your app</label>');
    // The same key until it is confirmed: reloading does not break a scan already made.
    const again = await agent.get('/admin/account/two-factor').expect(200);
    expect(again.text.match(/id="totp-secret">([^<]+)</)![1]).toBe(
      res.text.match(/id="totp-secret">([^<]+)</)![1],
    );
  });

  it.each([
    ['', 'Enter the 6-digit code your app shows.'],
    ['12ab56', 'Enter the 6 digits your app shows.'],
    ['000000', 'That code is not right.'],
  ])(
    'when the confirmation code is "%s", then the form comes back with 400 and the message on Code',
    async (code, message) => {
      const user = await makeUser(t, 'author');
      const agent = await signIn(t.app, user.email);
      const page = await agent.get('/admin/account/two-factor').expect(200);
      const secret = page.text.match(/id="totp-secret">([^<]+)</)![1]!;
      const wrongCode =
        code === '000000' && codeFor(secret.replace(/\s/g, '')) === '000000' ? '000001' : code;
      const res = await agent
        .post('/admin/account/two-factor')
        .type('form')
        .send({ code: wrongCode, _csrf: csrfOf(page.text) });
      expect(res.status).toBe(400);
      expect(fieldError(res.text, 'code')).toContain(message);
      expect(res.text).toMatch(/id="code"[^>]*aria-invalid="true"/);
      expect(res.text).toContain(`id="totp-secret">${secret}<`);
      expect((await rowOf(user.id)).totpSecret).toBeNull();
    },
  );

  it('when the right code is entered, then two-factor is on and ten recovery codes are shown once, stored only as hashes', async () => {
    const user = await makeUser(t, 'author');
    const agent = await signIn(t.app, user.email);
    const other = await signIn(t.app, user.email);
    const { secret, codes } = await turnOn(agent);
    expect(codes).toHaveLength(10);
    const row = await rowOf(user.id);
    expect(row.totpSecret).toBe(secret);
    expect(row.totpEnabledAt).not.toBeNull();
    const hashes = JSON.parse(row.recoveryCodesJson) as string[];
    const sha = (c: string) => crypto.createHash('sha256').update(c.replace('-', '')).digest('hex');
    expect(hashes).toEqual(codes.map(sha));
    for (const code of codes) expect(row.recoveryCodesJson).not.toContain(code);
    // Shown once: the page is gone on a second visit.
    await agent
      .get('/admin/account/two-factor/recovery-codes')
      .expect(302)
      .expect('location', '/admin/account');
    expect(textOf((await agent.get('/admin/account').expect(200)).text)).toContain(
      '10 unused recovery codes left',
    );
    expect(await auditOf('auth.2fa-enabled', `user:${user.id}`)).toHaveLength(1);
    // Another browser signed in before two-factor was on is signed out.
    await other.get('/admin/account').expect(302);
  });
});

describe('signing in with two-factor', () => {
  it('when the password is right, then the user is not signed in until the code is', async () => {
    const user = await userWithTwoFactor();
    const agent = await passwordStep(user.email);
    await agent
      .get('/admin/posts')
      .expect(302)
      .expect('location', /^\/admin\/login/);
    const page = await agent.get('/admin/login/two-factor').expect(200);
    expect(page.text).toContain('<label for="code">Code</label>');
    const sidOf = (res: request.Response) => res.headers['set-cookie']?.[0]?.split(';')[0];
    const before = sidOf(await agent.get('/admin/login/two-factor'));
    const res = await codeStep(agent, codeFor(user.secret));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin/posts');
    expect(before).toBeDefined();
    expect(sidOf(res)).toBeDefined();
    expect(sidOf(res)).not.toBe(before);
    await agent.get('/admin/posts').expect(200);
    const [entry] = await auditOf('auth.sign-in', `user:${user.id}`).then((e) => e.slice(-1));
    expect(entry).toMatchObject({ actorId: user.id, summary: 'Signed in with a password and a code' });
  });

  it('when a code has been used, then it does not work again', async () => {
    const user = await userWithTwoFactor();
    const code = codeFor(user.secret);
    expect((await codeStep(await passwordStep(user.email), code)).status).toBe(303);
    const again = await codeStep(await passwordStep(user.email), code);
    expect(again.status).toBe(401);
    expect(fieldError(again.text, 'code')).toContain('That code is not right.');
  });

  it('when a recovery code is used, then it signs in once and never again', async () => {
    const user = await userWithTwoFactor();
    const code = user.codes[3]!;
    const first = await passwordStep(user.email);
    const res = await codeStep(first, code.toUpperCase().replace('-', ' '));
    expect(res.status).toBe(303);
    const landing = await first.get('/admin/posts').expect(200);
    expect(textOf(landing.text)).toContain('You signed in with a recovery code: 9 left');
    expect(JSON.parse((await rowOf(user.id)).recoveryCodesJson)).toHaveLength(9);
    expect(await auditOf('auth.recovery-code-used', `user:${user.id}`)).toHaveLength(1);
    expect((await codeStep(await passwordStep(user.email), code)).status).toBe(401);
    // The others still work.
    expect((await codeStep(await passwordStep(user.email), user.codes[4]!)).status).toBe(303);
  });

  it('when the code is empty or malformed, then the form comes back with 400 and a message on Code, and nothing is counted', async () => {
    const user = await userWithTwoFactor();
    const agent = await passwordStep(user.email);
    for (const [code, message] of [
      ['', 'Enter the 6-digit code from your app, or a recovery code.'],
      ['12345', 'A code is 6 digits'],
    ]) {
      const res = await codeStep(agent, code!);
      expect(res.status).toBe(400);
      expect(fieldError(res.text, 'code')).toContain(message);
      expect(res.text).toMatch(/id="code"[^>]*aria-invalid="true"/);
    }
    expect((await rowOf(user.id)).failedLogins).toBe(0);
  });

  it('when five wrong codes are entered, then the pending sign-in ends, the right code no longer helps and the account backs off', async () => {
    const user = await userWithTwoFactor();
    const agent = await passwordStep(user.email);
    const right = codeFor(user.secret);
    const wrong = right === '111111' ? '222222' : '111111';
    for (let i = 0; i < 4; i++) expect((await codeStep(agent, wrong)).status).toBe(401);
    const fifth = await codeStep(agent, wrong);
    expect(fifth.status).toBe(303);
    expect(fifth.headers.location).toBe('/admin/login');
    expect(textOf((await agent.get('/admin/login').expect(200)).text)).toContain(
      'Too many wrong codes. Sign in again.',
    );
    await agent.get('/admin/login/two-factor').expect(302).expect('location', '/admin/login');
    const token = await tokenFrom(agent, '/admin/login');
    await agent
      .post('/admin/login/two-factor')
      .type('form')
      .send({ code: right, _csrf: token })
      .expect(303)
      .expect('location', '/admin/login');
    await agent.get('/admin/posts').expect(302);
    expect(await auditOf('auth.2fa-failed', `user:${user.id}`)).toHaveLength(5);
    // The wrong codes count in the account's back-off: the password alone is refused for a while.
    const form = await agent.get('/admin/login').expect(200);
    const blocked = await agent
      .post('/admin/login')
      .type('form')
      .send({ email: user.email, password: PASSWORD, _csrf: csrfOf(form.text) });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('when the code step is reached without a password, or too late, then it sends the visitor back to sign in', async () => {
    const anonymous = request.agent(t.app);
    await anonymous.get('/admin/login/two-factor').expect(302).expect('location', '/admin/login');
    const user = await userWithTwoFactor();
    const agent = await passwordStep(user.email);
    const token = await tokenFrom(agent, '/admin/login/two-factor');
    vi.setSystemTime(Date.now() + 11 * 60_000);
    await agent
      .post('/admin/login/two-factor')
      .type('form')
      .send({ code: codeFor(user.secret), _csrf: token })
      .expect(303)
      .expect('location', '/admin/login');
    await agent.get('/admin/posts').expect(302);
  });
});

describe('turning two-factor off', () => {
  async function disable(agent: Agent, fields: Record<string, string>) {
    const token = await tokenFrom(agent, '/admin/account');
    return agent
      .post('/admin/account/two-factor/disable')
      .type('form')
      .send({ ...fields, _csrf: token });
  }

  it('when the password or the code is wrong or missing, then the account page comes back with 400 and a message on that field', async () => {
    const user = await userWithTwoFactor();
    const agent = await passwordStep(user.email);
    await codeStep(agent, codeFor(user.secret));
    nextStep();
    const empty = await disable(agent, { twoFactorPassword: '', twoFactorCode: '' });
    expect(empty.status).toBe(400);
    expect(fieldError(empty.text, 'twoFactorPassword')).toBe('Enter your password.');
    expect(fieldError(empty.text, 'twoFactorCode')).toBe(
      'Enter the 6-digit code from your app, or a recovery code.',
    );
    const badPassword = await disable(agent, {
      twoFactorPassword: 'not my password',
      twoFactorCode: codeFor(user.secret),
    });
    expect(badPassword.status).toBe(400);
    expect(fieldError(badPassword.text, 'twoFactorPassword')).toBe('That is not your password.');
    const wrong = codeFor(user.secret) === '123123' ? '321321' : '123123';
    const badCode = await disable(agent, { twoFactorPassword: PASSWORD, twoFactorCode: wrong });
    expect(badCode.status).toBe(400);
    expect(fieldError(badCode.text, 'twoFactorCode')).toBe('That code is not right.');
    expect((await rowOf(user.id)).totpSecret).toBe(user.secret);
  });

  it('when the password and a current code are right, then it is off and the password alone signs in', async () => {
    const user = await userWithTwoFactor();
    const agent = await passwordStep(user.email);
    await codeStep(agent, codeFor(user.secret));
    nextStep();
    const res = await disable(agent, { twoFactorPassword: PASSWORD, twoFactorCode: codeFor(user.secret) });
    expect(res.status).toBe(303);
    const row = await rowOf(user.id);
    expect([row.totpSecret, row.totpEnabledAt, row.recoveryCodesJson]).toEqual([null, null, '[]']);
    expect(await auditOf('auth.2fa-disabled', `user:${user.id}`)).toHaveLength(1);
    expect(textOf((await agent.get('/admin/account').expect(200)).text)).toContain(
      'Two-factor sign-in is off.',
    );
    await signIn(t.app, user.email);
  });
});

describe('two-factor required for administrators', () => {
  it('when the setting is on, then an administrator without two-factor reaches only its set-up and sign-out', async () => {
    const admin = await makeUser(t, 'administrator');
    await updateSettings(t.db, { requireAdminTwoFactor: true });
    const agent = await signIn(t.app, admin.email);
    for (const page of [
      '/admin/posts',
      '/admin/users',
      '/admin/settings',
      '/admin/account',
      '/admin/media',
    ]) {
      await agent.get(page).expect(302).expect('location', '/admin/account/two-factor');
    }
    const setup = await agent.get('/admin/account/two-factor').expect(200);
    expect(setup.text).toContain('Administrators of this site must use two-factor sign-in.');
    await agent
      .post('/admin/account/name')
      .type('form')
      .send({ name: 'Sneaky', _csrf: csrfOf(setup.text) })
      .expect(403);
    await agent
      .post('/admin/settings')
      .type('form')
      .send({ title: 'Taken', _csrf: csrfOf(setup.text) })
      .expect(403);
    expect((await rowOf(admin.id)).name).not.toBe('Sneaky');
    await agent
      .post('/admin/logout')
      .type('form')
      .send({ _csrf: csrfOf(setup.text) })
      .expect(303);
  });

  it('when that administrator turns two-factor on, then the rest of the admin opens', async () => {
    const admin = await makeUser(t, 'administrator');
    await updateSettings(t.db, { requireAdminTwoFactor: true });
    const agent = await signIn(t.app, admin.email);
    await agent.get('/admin/posts').expect(302);
    await turnOn(agent);
    await agent.get('/admin/posts').expect(200);
  });

  it('when the setting is on, then editors without two-factor are not held back', async () => {
    await updateSettings(t.db, { requireAdminTwoFactor: true });
    const agent = await signIn(t.app, (await makeUser(t, 'editor')).email);
    await agent.get('/admin/posts').expect(200);
  });

  it('when an administrator ticks the setting, then it is saved and the change is in the audit log', async () => {
    const admin = await userWithTwoFactor('administrator');
    const agent = await passwordStep(admin.email);
    await codeStep(agent, codeFor(admin.secret));
    const page = await agent.get('/admin/settings').expect(200);
    expect(page.text).toContain(
      '<label for="requireAdminTwoFactor">Require two-factor sign-in for administrators</label>',
    );
    expect(page.text).not.toMatch(/<input id="requireAdminTwoFactor"[^>]* checked/);
    await agent
      .post('/admin/settings')
      .type('form')
      .send({
        title: 'Byline',
        postsPerPage: '10',
        timeZone: 'UTC',
        dateFormat: 'January 2, 2006',
        showReadingTime: 'on',
        requireAdminTwoFactor: 'on',
        _csrf: csrfOf(page.text),
      })
      .expect(303);
    expect((await agent.get('/admin/settings').expect(200)).text).toMatch(
      /<input id="requireAdminTwoFactor"[^>]* checked/,
    );
    const [entry] = await t.db.auditEntry.findMany({
      where: { action: 'settings.update', actorId: admin.id },
    });
    expect(entry?.summary).toContain('require two-factor sign-in for administrators on');
  });
});

describe('CSRF on the two-factor forms', () => {
  it('when a two-factor form comes without a valid token, then it is refused with 403 and nothing changes', async () => {
    const user = await userWithTwoFactor();
    const pending = await passwordStep(user.email);
    await pending.get('/admin/login/two-factor').expect(200);
    await pending
      .post('/admin/login/two-factor')
      .type('form')
      .send({ code: codeFor(user.secret) })
      .expect(403);
    await pending
      .post('/admin/login/two-factor')
      .type('form')
      .send({ code: codeFor(user.secret), _csrf: 'forged' })
      .expect(403);
    const fresh = await signIn(t.app, (await makeUser(t, 'author')).email);
    await fresh.get('/admin/account/two-factor').expect(200);
    await fresh.post('/admin/account/two-factor').type('form').send({ code: '123456' }).expect(403);
    const agent = await passwordStep(user.email);
    nextStep();
    await codeStep(agent, codeFor(user.secret));
    await agent
      .post('/admin/account/two-factor/disable')
      .type('form')
      .send({ twoFactorPassword: PASSWORD, twoFactorCode: user.codes[0]! })
      .expect(403);
    expect((await rowOf(user.id)).totpSecret).toBe(user.secret);
  });
});
