import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../../src/content/dates.js';
import { recordAudit } from '../../src/models/audit.js';
import { updateSettings } from '../../src/models/settings.js';
import { makeUser, signIn, tokenFrom, type Agent } from '../helpers/admin.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { idFrom, submitForm } from '../helpers/editor-form.js';
import { textOf } from '../helpers/html.js';
import { activeContentIn } from '../helpers/inert.js';

const ZONE = 'Europe/Paris';
let t: TestApp;
let admin: Awaited<ReturnType<typeof makeUser>>;
let adminAgent: Agent;
let n = 0;
const uid = () => `${Date.now().toString(36)}${++n}`;

beforeAll(async () => {
  t = await createTestApp({ loginLimits: { perIp: 1000, perAccount: 1000, windowMs: 60_000 } });
  await updateSettings(t.db, { timeZone: ZONE });
  admin = await makeUser(t, 'administrator', { email: 'audit-admin@example.com' });
  adminAgent = await signIn(t.app, admin.email);
});
afterAll(async () => {
  await t.cleanup();
  expect(t.errors).toEqual([]);
});

type Entry = Awaited<ReturnType<TestApp['db']['auditEntry']['findFirstOrThrow']>>;

/** The newest entry for `action` on `target`. */
const entryFor = (action: string, target: string) =>
  t.db.auditEntry.findFirst({ where: { action, target }, orderBy: { id: 'desc' } });

/** The audit page's rows as the text of their cells: when, who, what, target, from. */
function rowsOf(html: string): string[][] {
  const body = html.match(/<tbody>([\s\S]*?)<\/tbody>/)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => textOf(cell[1]!)),
  );
}

/** Expects the entry to be stored with the administrator and an address, and shown on the audit page. */
async function expectRecorded(action: string, target: string, summary: RegExp): Promise<Entry> {
  const entry = await entryFor(action, target);
  expect(entry, `${action} ${target}`).not.toBeNull();
  expect(entry!.actorId).toBe(admin.id);
  expect(entry!.actorEmail).toBe(admin.email);
  expect(entry!.summary).toMatch(summary);
  expect(entry!.ip).toMatch(/127\.0\.0\.1|::1/);
  expect(Date.now() - entry!.createdAt.getTime()).toBeLessThan(10 * 60_000);
  const page = await adminAgent.get('/admin/audit').expect(200);
  const when = formatDate(entry!.createdAt, 'Jan 2, 2006 15:04:05 MST', ZONE);
  expect(rowsOf(page.text)).toContainEqual([
    when,
    admin.email,
    `${action} ${entry!.summary}`,
    target,
    entry!.ip,
  ]);
  return entry!;
}

async function newPost(fields: Record<string, string>, base = '/admin/posts') {
  const res = await submitForm(adminAgent, `${base}/new`, `${base}/new`, {
    content: 'Some text.',
    ...fields,
  });
  expect(res.status, textOf(res.text).slice(0, 300)).toBe(303);
  return idFrom(res.headers.location);
}

const edit = (id: number, changes: Record<string, string>, base = '/admin/posts') =>
  submitForm(adminAgent, `${base}/${id}/edit`, `${base}/${id}/edit`, changes).then((res) => {
    expect(res.status, textOf(res.text).slice(0, 300)).toBe(303);
  });

/** The editor's date field two days ahead, in the site's zone (the exact minute does not matter here). */
const inTwoDays = () => new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 16);

describe('what is recorded', () => {
  it('when a post is created, edited, scheduled, published and unpublished in the editor, then each is recorded and shown', async () => {
    const title = `Audited ${uid()}`;
    const id = await newPost({ title, status: 'draft' });
    await expectRecorded('post.create', `post:${id}`, new RegExp(`^Created “${title}” as a draft$`));

    await edit(id, { content: 'Changed text.' });
    await expectRecorded('post.update', `post:${id}`, new RegExp(`^Edited “${title}”$`));

    await edit(id, { status: 'scheduled', publishAt: inTwoDays() });
    await expectRecorded(
      'post.schedule',
      `post:${id}`,
      new RegExp(`^Scheduled “${title}” for \\w{3} \\d+, \\d{4} \\d\\d:\\d\\d`),
    );

    await edit(id, { status: 'published', publishAt: '' });
    await expectRecorded('post.publish', `post:${id}`, new RegExp(`^Published “${title}”$`));

    await edit(id, { status: 'draft' });
    await expectRecorded('post.unpublish', `post:${id}`, new RegExp(`^Unpublished “${title}”`));
  });

  it('when a post is trashed, restored, trashed again and the trash emptied, then each is recorded', async () => {
    const title = `Trashed ${uid()}`;
    const id = await newPost({ title, status: 'published' });
    await expectRecorded('post.create', `post:${id}`, new RegExp(`^Created and published “${title}”$`));

    const trash = await submitForm(adminAgent, `/admin/posts/${id}/edit`, `/admin/posts/${id}/delete`);
    expect(trash.status).toBe(303);
    await expectRecorded('post.trash', `post:${id}`, new RegExp(`^Moved “${title}” to the trash$`));

    const restore = await submitForm(adminAgent, '/admin/posts?status=trash', `/admin/posts/${id}/restore`);
    expect(restore.status).toBe(303);
    await expectRecorded('post.restore', `post:${id}`, new RegExp(`^Restored “${title}” from the trash$`));

    await submitForm(adminAgent, `/admin/posts/${id}/edit`, `/admin/posts/${id}/delete`);
    const empty = await submitForm(adminAgent, '/admin/posts?status=trash', '/admin/posts/trash/empty', {
      confirm: 'yes',
    });
    expect(empty.status).toBe(303);
    await expectRecorded('post.trash-empty', 'trash:posts', new RegExp(`deleted for good \\(.*#${id}\\b`));
  });

  it('when a revision is restored, then that is recorded', async () => {
    const title = `Revised ${uid()}`;
    const id = await newPost({ title, status: 'draft' });
    await edit(id, { title: `${title} v2`, content: 'Second text.' });
    const page = await adminAgent.get(`/admin/posts/${id}/revisions`).expect(200);
    const action = [...page.text.matchAll(/action="(\/admin\/posts\/\d+\/revisions\/\d+\/restore)"/g)].at(
      -1,
    )![1]!;
    const res = await submitForm(adminAgent, `/admin/posts/${id}/revisions`, action);
    expect(res.status).toBe(303);
    await expectRecorded(
      'post.revision-restore',
      `post:${id}`,
      new RegExp(`^Restored “${title}” to its revision of .* \\(was “${title} v2”\\)$`),
    );
  });

  it('when a page is created, then it is recorded as page.create and found under the Pages filter only', async () => {
    const title = `About ${uid()}`;
    const id = await newPost({ title, status: 'published' }, '/admin/pages');
    await expectRecorded('page.create', `page:${id}`, new RegExp(`^Created and published “${title}”$`));
    const pages = rowsOf((await adminAgent.get('/admin/audit?kind=pages').expect(200)).text);
    expect(pages.map((r) => r[3])).toContain(`page:${id}`);
    expect(pages.every((r) => r[2]!.startsWith('page.'))).toBe(true);
    const posts = rowsOf((await adminAgent.get('/admin/audit?kind=posts').expect(200)).text);
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.every((r) => r[2]!.startsWith('post.'))).toBe(true);
  });

  it('when an image is uploaded and deleted, then both are recorded', async () => {
    const bytes = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#0a0' } })
      .png()
      .toBuffer();
    const token = await tokenFrom(adminAgent, '/admin/media');
    const name = `audit-${uid()}.png`;
    const up = await adminAgent
      .post('/admin/media')
      .field('_csrf', token)
      .attach('file', bytes, { filename: name, contentType: 'image/png' });
    expect(up.status).toBe(303);
    const media = await t.db.media.findFirstOrThrow({ where: { originalName: name } });
    await expectRecorded(
      'media.upload',
      `media:${media.id}`,
      new RegExp(`^Uploaded ${name.replace('.', '\\.')} \\(40×30, `),
    );

    const del = await submitForm(adminAgent, '/admin/media', `/admin/media/${media.id}/delete`);
    expect(del.status).toBe(303);
    await expectRecorded(
      'media.delete',
      `media:${media.id}`,
      new RegExp(`^Deleted ${name.replace('.', '\\.')}$`),
    );
  });

  it('when a user is added, given a new role, deactivated, reactivated and sent a new link, then each is recorded without the link', async () => {
    const email = `person-${uid()}@example.com`;
    const add = await submitForm(adminAgent, '/admin/users/new', '/admin/users', {
      email,
      name: 'Person',
      role: 'author',
    });
    expect(add.status).toBe(303);
    const shown = await adminAgent.get(add.headers.location!).expect(200);
    const token = shown.text.match(/\/admin\/set-password\/([\w-]+)/)?.[1];
    expect(token).toBeTruthy();
    const user = await t.db.user.findUniqueOrThrow({ where: { email } });
    const target = `user:${user.id}`;
    await expectRecorded('user.create', target, new RegExp(`^Added ${email} as author$`));
    await expectRecorded('user.reset-link', target, new RegExp(`^Made a set-password link for ${email}`));

    const page = `/admin/users/${user.id}`;
    expect((await submitForm(adminAgent, page, `${page}/role`, { role: 'editor' })).status).toBe(303);
    await expectRecorded('user.role', target, new RegExp(`^Changed ${email} from author to editor$`));
    expect((await submitForm(adminAgent, page, `${page}/deactivate`)).status).toBe(303);
    await expectRecorded('user.deactivate', target, new RegExp(`^Deactivated ${email}`));
    expect((await submitForm(adminAgent, page, `${page}/reactivate`)).status).toBe(303);
    await expectRecorded('user.activate', target, new RegExp(`^Reactivated ${email}$`));
    const link = await submitForm(adminAgent, page, `${page}/link`);
    expect(link.status).toBe(303);
    const second = (await adminAgent.get(link.headers.location!).expect(200)).text.match(
      /\/admin\/set-password\/([\w-]+)/,
    )?.[1];

    const entries = await t.db.auditEntry.findMany({ where: { target } });
    expect(entries.filter((e) => e.action === 'user.reset-link')).toHaveLength(2);
    const stored = JSON.stringify(entries);
    expect(stored).not.toContain(token!);
    expect(stored).not.toContain(second!);
  });

  it('when a change is refused (a form error, the last administrator), then nothing is recorded', async () => {
    const before = await t.db.auditEntry.count();
    const bad = await submitForm(adminAgent, '/admin/posts/new', '/admin/posts/new', {
      title: '',
      content: '',
      status: 'draft',
    });
    expect(bad.status).toBe(400);
    const self = `/admin/users/${admin.id}`;
    const demote = await submitForm(adminAgent, self, `${self}/role`, { role: 'editor' });
    expect(demote.status).toBe(409);
    expect(await t.db.auditEntry.count()).toBe(before);
  });
});

describe('who may read it', () => {
  it.each(['editor', 'author', 'contributor'] as const)(
    'when a signed-in %s opens the audit log, then it is 403 and not in their menu',
    async (role) => {
      const user = await makeUser(t, role);
      const agent = await signIn(t.app, user.email);
      const res = await agent.get('/admin/audit');
      expect(res.status).toBe(403);
      expect(res.text).not.toContain(admin.email);
      const menu = await agent.get('/admin/posts').expect(200);
      expect(menu.text).not.toContain('href="/admin/audit"');
    },
  );

  it('when an administrator opens the admin, then the menu links to the audit log', async () => {
    const menu = await adminAgent.get('/admin/posts').expect(200);
    expect(menu.text).toContain('href="/admin/audit"');
  });

  it('when an anonymous visitor opens the audit log, then they are sent to sign in', async () => {
    const res = await (await import('supertest')).default(t.app).get('/admin/audit');
    expect(res.status).toBe(302);
    expect(res.headers.location).toMatch(/^\/admin\/login\?next=/);
  });
});

describe('nobody can change it', () => {
  it.each([
    ['post', '/admin/audit'],
    ['put', '/admin/audit'],
    ['patch', '/admin/audit'],
    ['delete', '/admin/audit'],
    ['post', '/admin/audit/1'],
    ['post', '/admin/audit/1/delete'],
    ['delete', '/admin/audit/1'],
    ['post', '/admin/audit/clear'],
  ] as const)(
    'when an administrator sends %s %s with a valid token, then there is no such route and every entry is as it was',
    async (method, url) => {
      const before = await t.db.auditEntry.findMany({ orderBy: { id: 'asc' } });
      expect(before.length).toBeGreaterThan(0);
      const token = await tokenFrom(adminAgent, '/admin/account');
      const res = await adminAgent[method](url)
        .set('X-CSRF-Token', token)
        .type('form')
        .send({ _csrf: token, id: '1' });
      expect([404, 405]).toContain(res.status);
      expect(await t.db.auditEntry.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
    },
  );
});

describe('the page', () => {
  it('when a title carries markup, then the audit page shows it as text and nothing in it can run', async () => {
    const hostile = `<script>alert(1)</script><img src=x onerror=alert(2)> "quoted" & <a href="javascript:alert(3)">x</a>`;
    const id = await newPost({ title: hostile, status: 'draft' });
    const page = await adminAgent.get('/admin/audit?kind=posts').expect(200);
    expect(activeContentIn(page.text).filter((f) => !/^<form action=\/admin\//.test(f))).toEqual([]);
    expect(page.text).not.toContain('<script>alert(1)');
    const row = rowsOf(page.text).find((r) => r[3] === `post:${id}`);
    expect(row?.[2]).toBe(`post.create Created “${hostile}” as a draft`);
  });

  it('when there are more entries than a page holds, then they come newest first, 50 a page, with links between pages', async () => {
    const mark = uid();
    for (let i = 1; i <= 55; i++) {
      await recordAudit(t.db, {
        actor: admin,
        action: 'settings.update',
        target: 'settings',
        summary: `Bulk ${mark} ${i}`,
        ip: '203.0.113.9',
      });
    }
    const first = await adminAgent.get('/admin/audit?kind=settings').expect(200);
    const rows = rowsOf(first.text).filter((r) => r[2]!.includes(mark));
    expect(rows).toHaveLength(50);
    expect(rows[0]![2]).toBe(`settings.update Bulk ${mark} 55`);
    expect(rows[49]![2]).toBe(`settings.update Bulk ${mark} 6`);
    expect(first.text).toContain('href="/admin/audit?kind=settings&amp;page=2"');
    const second = await adminAgent.get('/admin/audit?kind=settings&page=2').expect(200);
    const rest = rowsOf(second.text).filter((r) => r[2]!.includes(mark));
    expect(rest.map((r) => r[2])).toEqual([5, 4, 3, 2, 1].map((i) => `settings.update Bulk ${mark} ${i}`));
    expect(rest[0]![4]).toBe('203.0.113.9');
    expect(second.text).toContain('href="/admin/audit?kind=settings"');
  });

  it('when the sign-in filter is chosen, then only sign-in and account entries are listed', async () => {
    await recordAudit(t.db, {
      actor: admin,
      action: 'auth.sign-in',
      target: `user:${admin.id}`,
      summary: 'Signed in',
      ip: '198.51.100.7',
    });
    const rows = rowsOf((await adminAgent.get('/admin/audit?kind=sign-in').expect(200)).text);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r[2]!.startsWith('auth.'))).toBe(true);
  });

  it.each([
    ['?page=0', 400],
    ['?page=-1', 400],
    ['?page=abc', 400],
    ['?page=1.5', 400],
    ['?page=99999', 404],
    ['?page=1&page=2', 400],
    ['?kind=nope', 400],
    ['?kind=<script>', 400],
    ['?kind=', 200],
    // Express reads queries plainly: these are parameters nobody asked for, and ignored.
    ['?kind[]=posts', 200],
    ['?page[x]=1', 200],
  ])(
    'when the audit page is asked for %s, then the answer is %i, never a server error',
    async (query, status) => {
      const res = await adminAgent.get(`/admin/audit${query}`);
      expect(res.status).toBe(status);
    },
  );
});
