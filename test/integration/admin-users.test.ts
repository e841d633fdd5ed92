import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { csrfOf, makeUser, PASSWORD, signIn, tokenFrom, type Agent } from '../helpers/admin.js';
import { textOf } from '../helpers/html.js';
import { activeContentIn } from '../helpers/inert.js';
import { LastAdminError, updateUserKeepingAnAdmin } from '../../src/models/users.js';

let t: TestApp;
let admin: Awaited<ReturnType<typeof makeUser>>;
let adminAgent: Agent;
beforeAll(async () => {
  t = await createTestApp({ loginLimits: { perIp: 1000, perAccount: 1000, windowMs: 60_000 } });
  admin = await makeUser(t, 'administrator');
  adminAgent = await signIn(t.app, admin.email);
});
afterAll(async () => {
  await t.cleanup();
  // Nothing above should have been a server error.
  expect(t.errors).toEqual([]);
});

/** POSTs a form with the agent's CSRF token (read from a page every signed-in user can open), expecting `status`. */
async function post(agent: Agent, url: string, form: Record<string, string>, status: number) {
  const _csrf = await tokenFrom(agent, '/admin/account');
  const res = await agent
    .post(url)
    .type('form')
    .send({ ...form, _csrf });
  if (res.status !== status)
    throw new Error(`POST ${url}: expected ${status}, got ${res.status}\n${textOf(res.text).slice(0, 400)}`);
  return res;
}

async function canSignIn(email: string, password: string): Promise<boolean> {
  const agent = request.agent(t.app);
  const form = await agent.get('/admin/login').expect(200);
  const res = await agent
    .post('/admin/login')
    .type('form')
    .send({ email, password, _csrf: csrfOf(form.text) });
  return res.status === 303;
}

const errorOf = (html: string, field: string) =>
  textOf(html.match(new RegExp(`<p class="field-error" id="${field}-error">([\\s\\S]*?)</p>`))?.[1] ?? '');

/** Forms the admin itself draws (all under /admin/) are expected; anything else could run. */
const foreignActiveContent = (html: string) =>
  activeContentIn(html).filter((f) => !/^<form action=\/admin\//.test(f));

/** Adds a user through the form and returns the one-time link shown afterwards. */
async function addUserWithLink(email: string, role = 'author', name = 'New Person'): Promise<string> {
  const res = await post(adminAgent, '/admin/users', { email, name, role }, 303);
  expect(res.headers.location).toMatch(/^\/admin\/users\/\d+\/link$/);
  const page = await adminAgent.get(res.headers.location!).expect(200);
  const link = page.text.match(/data-copy="(http:\/\/blog\.test\/admin\/set-password\/[\w-]+)"/)?.[1];
  if (!link) throw new Error(`no link on the page:\n${page.text}`);
  return link.replace('http://blog.test', '');
}

async function setPasswordThrough(path: string, password: string) {
  const agent = request.agent(t.app);
  const form = await agent.get(path);
  if (form.status !== 200) return form;
  return agent
    .post(path)
    .type('form')
    .send({ newPassword: password, confirmPassword: password, _csrf: csrfOf(form.text) });
}

describe('who may manage users', () => {
  it('when an anonymous visitor opens the users pages, then they are sent to sign in', async () => {
    for (const url of ['/admin/users', '/admin/users/new', `/admin/users/${admin.id}`]) {
      const res = await request(t.app).get(url).expect(302);
      expect(res.headers.location).toMatch(/^\/admin\/login\?next=/);
    }
  });

  it.each(['editor', 'author', 'contributor'] as const)(
    'when a %s tries the users pages and actions, then each answers 403',
    async (role) => {
      const user = await makeUser(t, role);
      const agent = await signIn(t.app, user.email);
      for (const url of ['/admin/users', '/admin/users/new', `/admin/users/${admin.id}`])
        await agent.get(url).expect(403);
      await post(agent, '/admin/users', { email: `made-by-${role}@example.com`, role: 'administrator' }, 403);
      await post(agent, `/admin/users/${user.id}/role`, { role: 'administrator' }, 403);
      await post(agent, `/admin/users/${admin.id}/deactivate`, {}, 403);
      await post(agent, `/admin/users/${admin.id}/link`, {}, 403);
      expect(await t.db.user.findUnique({ where: { email: `made-by-${role}@example.com` } })).toBeNull();
      expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe(role);
    },
  );

  it('when the add-user form is posted without a CSRF token, then it is refused with 403', async () => {
    await adminAgent
      .post('/admin/users')
      .type('form')
      .send({ email: 'nocsrf@example.com', role: 'author' })
      .expect(403);
  });

  it('when a user id is nonsense or unknown, then the answer is 404', async () => {
    await adminAgent.get('/admin/users/abc').expect(404);
    await adminAgent.get('/admin/users/0').expect(404);
    await adminAgent.get('/admin/users/99999').expect(404);
    await post(adminAgent, '/admin/users/99999/role', { role: 'editor' }, 404);
  });
});

describe('adding a user', () => {
  it('when an administrator opens the users page, then it lists email, name, role, active and created', async () => {
    const res = await adminAgent.get('/admin/users').expect(200);
    const headers = [...res.text.matchAll(/<th scope="col">([^<]+)<\/th>/g)].map((m) => m[1]);
    expect(headers).toEqual(['Email', 'Name', 'Role', 'Active', 'Created']);
    expect(res.text).toContain(admin.email);
  });

  it('when a user is added, then the one-time link lets them set a password once and sign in with it', async () => {
    const path = await addUserWithLink('new.person@example.com', 'editor');
    expect(await canSignIn('new.person@example.com', '')).toBe(false);
    const page = await request(t.app).get(path).expect(200);
    expect(page.text).toMatch(/<label for="newPassword">New password<\/label>/);
    expect(page.text).toMatch(/<label for="confirmPassword">Confirm password<\/label>/);
    const done = await setPasswordThrough(path, 'a brand new passphrase');
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/admin/login');
    expect(await canSignIn('new.person@example.com', 'a brand new passphrase')).toBe(true);
    expect((await setPasswordThrough(path, 'someone else entirely')).status).toBe(404);
    expect(await canSignIn('new.person@example.com', 'someone else entirely')).toBe(false);
  });

  it('when the link page is opened a second time, then the link is no longer shown', async () => {
    const res = await post(
      adminAgent,
      '/admin/users',
      { email: 'shown.once@example.com', role: 'author' },
      303,
    );
    await adminAgent.get(res.headers.location!).expect(200);
    const again = await adminAgent.get(res.headers.location!);
    expect(again.status).toBe(303);
    expect(again.headers.location).toMatch(/^\/admin\/users\/\d+$/);
  });

  it('when the set-password form is posted with different or short passwords, then it answers 400 per field and the link still works', async () => {
    const path = await addUserWithLink('mismatch@example.com');
    const agent = request.agent(t.app);
    const _csrf = csrfOf((await agent.get(path).expect(200)).text);
    const res = await agent
      .post(path)
      .type('form')
      .send({ newPassword: 'long enough password', confirmPassword: 'something different', _csrf })
      .expect(400);
    expect(errorOf(res.text, 'confirmPassword')).toBe('The two passwords are not the same.');
    const short = await agent
      .post(path)
      .type('form')
      .send({ newPassword: 'short', confirmPassword: 'short', _csrf })
      .expect(400);
    expect(errorOf(short.text, 'newPassword')).toMatch(/at least 10/);
    expect(short.text).not.toContain('value="short"');
    await agent.get(path).expect(200);
  });

  it('when a set-password token is made up, then the answer is the same 404 whatever it is', async () => {
    await request(t.app).get('/admin/set-password/not-a-real-token-but-long-enough').expect(404);
    await request(t.app).get('/admin/set-password/x').expect(404);
    await request(t.app).get('/admin/set-password/%3Cscript%3E').expect(404);
  });

  it('when a link has expired or its user was deactivated, then it answers 404', async () => {
    const expired = await addUserWithLink('late@example.com');
    await t.db.user.update({
      where: { email: 'late@example.com' },
      data: { resetTokenExpiry: new Date(Date.UTC(2020, 0, 1)) },
    });
    await request(t.app).get(expired).expect(404);
    const deactivated = await addUserWithLink('gone@example.com');
    await t.db.user.update({ where: { email: 'gone@example.com' }, data: { active: false } });
    expect((await setPasswordThrough(deactivated, 'never going to work')).status).toBe(404);
  });

  it('when a new link is made for an existing user, then the old link stops working and the new one works', async () => {
    const first = await addUserWithLink('forgetful@example.com');
    const user = await t.db.user.findUniqueOrThrow({ where: { email: 'forgetful@example.com' } });
    const res = await post(adminAgent, `/admin/users/${user.id}/link`, {}, 303);
    const page = await adminAgent.get(res.headers.location!).expect(200);
    const second = page.text.match(/data-copy="http:\/\/blog\.test(\/admin\/set-password\/[\w-]+)"/)?.[1];
    expect(second).toBeDefined();
    await request(t.app).get(first).expect(404);
    expect((await setPasswordThrough(second!, 'remembered at last')).status).toBe(303);
  });

  it('when the add-user form is invalid, then it answers 400 with a message per field and keeps what was typed', async () => {
    const res = await post(
      adminAgent,
      '/admin/users',
      { email: 'not an email', name: 'Kept Name', role: 'overlord' },
      400,
    );
    expect(errorOf(res.text, 'email')).toMatch(/email address/);
    expect(errorOf(res.text, 'role')).toMatch(/roles/);
    expect(res.text).toContain('value="not an email"');
    expect(res.text).toContain('value="Kept Name"');
  });

  it('when the email is already taken, then it answers 400 on the email field', async () => {
    const res = await post(
      adminAgent,
      '/admin/users',
      { email: admin.email.toUpperCase(), role: 'author' },
      400,
    );
    expect(errorOf(res.text, 'email')).toBe('There is already a user with this email.');
  });

  it('when a user has a hostile name, then the users pages and their own account page show it as text', async () => {
    const name = '<script>alert(1)</script><img src=x onerror=alert(2)>"><a href="javascript:alert(3)">x</a>';
    const added = await post(
      adminAgent,
      '/admin/users',
      { email: 'hostile@example.com', name, role: 'author' },
      303,
    );
    const user = await t.db.user.findUniqueOrThrow({ where: { email: 'hostile@example.com' } });
    expect(user.name).toBe(name);
    const linkPage = (await adminAgent.get(added.headers.location!).expect(200)).text;
    const path = linkPage.match(/data-copy="http:\/\/blog\.test(\/admin\/set-password\/[\w-]+)"/)?.[1];
    const pages = [linkPage];
    for (const url of ['/admin/users', `/admin/users/${user.id}`])
      pages.push((await adminAgent.get(url).expect(200)).text);
    expect((await setPasswordThrough(path!, 'hostile but long')).status).toBe(303);
    pages.push(
      (await (await signIn(t.app, user.email, 'hostile but long')).get('/admin/account').expect(200)).text,
    );
    for (const html of pages) {
      expect(foreignActiveContent(html)).toEqual([]);
      expect(textOf(html)).toContain(name);
    }
  });
});

describe('changing roles and deactivating', () => {
  it('when an administrator changes a role, then the user has the new role', async () => {
    const user = await makeUser(t, 'author');
    const res = await post(adminAgent, `/admin/users/${user.id}/role`, { role: 'editor' }, 303);
    expect(res.headers.location).toBe(`/admin/users/${user.id}`);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe('editor');
    const page = await adminAgent.get(res.headers.location!).expect(200);
    expect(page.text).toContain('is now editor');
  });

  it('when the role is not one of the roles, then it answers 400 and nothing changes', async () => {
    const user = await makeUser(t, 'author');
    const res = await post(adminAgent, `/admin/users/${user.id}/role`, { role: 'superuser' }, 400);
    expect(errorOf(res.text, 'role')).toMatch(/roles/);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe('author');
  });

  it('when a user is deactivated, then their signed-in browser is sent to sign in and they cannot sign in again', async () => {
    const user = await makeUser(t, 'editor');
    const agent = await signIn(t.app, user.email);
    await agent.get('/admin/account').expect(200);
    await post(adminAgent, `/admin/users/${user.id}/deactivate`, {}, 303);
    const res = await agent.get('/admin/account').expect(302);
    expect(res.headers.location).toMatch(/^\/admin\/login/);
    expect(await t.db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await canSignIn(user.email, PASSWORD)).toBe(false);
  });

  it('when a deactivated user is reactivated, then they can sign in again', async () => {
    const user = await makeUser(t, 'author');
    await post(adminAgent, `/admin/users/${user.id}/deactivate`, {}, 303);
    await post(adminAgent, `/admin/users/${user.id}/reactivate`, {}, 303);
    expect(await canSignIn(user.email, PASSWORD)).toBe(true);
  });

  it('when an administrator tries to deactivate or demote themselves, then it is refused with a clear message', async () => {
    const deactivate = await post(adminAgent, `/admin/users/${admin.id}/deactivate`, {}, 409);
    expect(errorOf(deactivate.text, 'active')).toMatch(/cannot deactivate your own account/);
    const demote = await post(adminAgent, `/admin/users/${admin.id}/role`, { role: 'editor' }, 409);
    expect(errorOf(demote.text, 'role')).toMatch(/cannot remove your own administrator role/);
    const row = await t.db.user.findUniqueOrThrow({ where: { id: admin.id } });
    expect([row.role, row.active]).toEqual(['administrator', true]);
    await adminAgent.get('/admin/users').expect(200);
  });

  it('when two administrators deactivate each other at once, then one of them stays active', async () => {
    const [a, b] = [await makeUser(t, 'administrator'), await makeUser(t, 'administrator')];
    const [agentA, agentB] = [await signIn(t.app, a.email), await signIn(t.app, b.email)];
    const others = await t.db.user.findMany({
      where: { role: 'administrator', active: true, id: { notIn: [a.id, b.id] } },
    });
    await t.db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { active: false } });
    const [tokenA, tokenB] = [
      await tokenFrom(agentA, '/admin/users'),
      await tokenFrom(agentB, '/admin/users'),
    ];
    await Promise.all([
      agentA.post(`/admin/users/${b.id}/deactivate`).type('form').send({ _csrf: tokenA }),
      agentB.post(`/admin/users/${a.id}/deactivate`).type('form').send({ _csrf: tokenB }),
    ]);
    expect(await t.db.user.count({ where: { role: 'administrator', active: true } })).toBe(1);
    await t.db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { active: true } });
    adminAgent = await signIn(t.app, admin.email);
  });

  it('when the last active administrator would be demoted or deactivated, then nothing changes', async () => {
    const lone = await makeUser(t, 'administrator');
    const others = await t.db.user.findMany({
      where: { role: 'administrator', active: true, id: { not: lone.id } },
    });
    await t.db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { active: false } });
    await expect(updateUserKeepingAnAdmin(t.db, lone.id, { active: false })).rejects.toBeInstanceOf(
      LastAdminError,
    );
    await expect(updateUserKeepingAnAdmin(t.db, lone.id, { role: 'editor' })).rejects.toBeInstanceOf(
      LastAdminError,
    );
    const row = await t.db.user.findUniqueOrThrow({ where: { id: lone.id } });
    expect([row.role, row.active]).toEqual(['administrator', true]);
    await t.db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { active: true } });
  });
});

describe('your own account', () => {
  it('when a user changes their name, then it is saved and shown', async () => {
    const user = await makeUser(t, 'contributor');
    const agent = await signIn(t.app, user.email);
    const res = await post(agent, '/admin/account/name', { name: 'Renamed Person' }, 303);
    expect(res.headers.location).toBe('/admin/account');
    const page = await agent.get('/admin/account').expect(200);
    expect(page.text).toContain('Name saved.');
    expect(page.text).toContain('value="Renamed Person"');
  });

  it('when the name is empty or too long, then it answers 400 with the message and what was typed', async () => {
    const user = await makeUser(t, 'author');
    const agent = await signIn(t.app, user.email);
    const empty = await post(agent, '/admin/account/name', { name: '   ' }, 400);
    expect(errorOf(empty.text, 'name')).toBe('Enter your name.');
    const long = 'n'.repeat(101);
    const tooLong = await post(agent, '/admin/account/name', { name: long }, 400);
    expect(errorOf(tooLong.text, 'name')).toMatch(/100/);
    expect(tooLong.text).toContain(`value="${long}"`);
  });

  it('when the current password is wrong, then it answers 400 on that field and nothing changes', async () => {
    const user = await makeUser(t, 'author');
    const agent = await signIn(t.app, user.email);
    const form = {
      currentPassword: 'not my password',
      newPassword: 'another passphrase',
      confirmPassword: 'another passphrase',
    };
    const res = await post(agent, '/admin/account/password', form, 400);
    expect(errorOf(res.text, 'currentPassword')).toBe('That is not your current password.');
    expect(await canSignIn(user.email, PASSWORD)).toBe(true);
  });

  it('when a user changes their password, then the old one stops working, other sessions end and this one continues', async () => {
    const user = await makeUser(t, 'editor');
    const here = await signIn(t.app, user.email);
    const elsewhere = await signIn(t.app, user.email);
    const form = {
      currentPassword: PASSWORD,
      newPassword: 'a fresh passphrase',
      confirmPassword: 'a fresh passphrase',
    };
    const res = await post(here, '/admin/account/password', form, 303);
    expect(res.headers['set-cookie']?.[0]).toMatch(/^byline\.sid=/);
    const page = await here.get('/admin/account').expect(200);
    expect(page.text).toContain('Password changed.');
    expect((await elsewhere.get('/admin/account').expect(302)).headers.location).toMatch(/^\/admin\/login/);
    expect(await t.db.session.count({ where: { userId: user.id } })).toBe(1);
    expect(await canSignIn(user.email, PASSWORD)).toBe(false);
    expect(await canSignIn(user.email, 'a fresh passphrase')).toBe(true);
  });

  it('when the new passwords differ, then it answers 400 on Confirm password', async () => {
    const user = await makeUser(t, 'author');
    const agent = await signIn(t.app, user.email);
    const form = {
      currentPassword: PASSWORD,
      newPassword: 'a fresh passphrase',
      confirmPassword: 'a different one!',
    };
    const res = await post(agent, '/admin/account/password', form, 400);
    expect(errorOf(res.text, 'confirmPassword')).toBe('The two passwords are not the same.');
  });
});
