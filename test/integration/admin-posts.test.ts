import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { addPost, createTestApp, type TestApp } from '../helpers/app.js';
import { csrfOf, makeUser, signIn, tokenFrom, type Agent } from '../helpers/admin.js';
import { formFields, idFrom, submitForm } from '../helpers/editor-form.js';
import { entriesOf, textOf } from '../helpers/html.js';
import { activeContentIn } from '../helpers/inert.js';
import { utcToZoned } from '../../src/content/zoned-time.js';
import { updateSettings } from '../../src/models/settings.js';
import type { Role } from '../../src/auth/policy.js';
import type { PostInput } from '../../src/content/types.js';

const ZONE = 'Europe/Paris';
const ROLES: Role[] = ['administrator', 'editor', 'author', 'contributor'];
let t: TestApp;
const users = {} as Record<Role, { id: number; email: string; name: string }>;
const agents = {} as Record<Role, Agent>;
const tokens = {} as Record<Role, string>;
let other: { id: number; email: string; name: string };
let n = 0;
const uid = () => `${Date.now().toString(36)}${++n}`;

beforeAll(async () => {
  t = await createTestApp();
  await updateSettings(t.db, { timeZone: ZONE });
  for (const role of ROLES) {
    users[role] = await makeUser(t, role);
    agents[role] = await signIn(t.app, users[role].email);
    tokens[role] = await tokenFrom(agents[role], '/admin/posts');
  }
  other = await makeUser(t, 'author');
});
afterAll(() => t.cleanup());

/** A post in the database written by `authorId` (arranged without the admin, to test the admin). */
async function seedPost(authorId: number | null, overrides: Partial<PostInput> = {}) {
  const post = await addPost(t, { slug: `seed-${uid()}`, ...overrides });
  await t.db.post.update({ where: { id: post.id }, data: { authorId } });
  return post;
}

const formBody = (overrides: Record<string, string> = {}) => ({
  title: `Title ${uid()}`,
  slug: '',
  summary: '',
  description: '',
  content: 'Some text.',
  tags: '',
  status: 'draft',
  publishAt: '',
  coverImage: '',
  ...overrides,
});

/** A POST with the agent's token and the editor's field names (for roles that cannot open the form). */
const post = (role: Role, url: string, fields: Record<string, string> = {}) =>
  agents[role].post(url).type('form').send({ ...fields, _csrf: tokens[role] });

const inFuture = (ms: number) => utcToZoned(new Date(Date.now() + ms), ZONE);
const dbPost = (id: number) => t.db.post.findUniqueOrThrow({ where: { id } });
/** Everything in an admin page that could run, beyond the admin's own forms and scripts. */
const foreignActive = (html: string) => activeContentIn(html).filter((f) => !/^<form action=\/admin\//.test(f));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('without a session', () => {
  const getRoutes = [
    '/admin/posts', '/admin/posts?status=trash', '/admin/posts/new', '/admin/posts/1/edit', '/admin/posts/1/revisions',
    '/admin/pages', '/admin/pages/new', '/admin/pages/1/edit', '/admin/pages/1/revisions',
  ];
  it.each(getRoutes)('when an anonymous visitor opens %s, then they are sent to sign in (302)', async (url) => {
    const res = await request(t.app).get(url).expect(302);
    expect(res.headers.location).toBe(`/admin/login?next=${encodeURIComponent(url)}`);
  });

  const postRoutes = [
    '/admin/posts/new', '/admin/posts/ID/edit', '/admin/posts/ID/delete', '/admin/posts/ID/restore',
    '/admin/posts/ID/revisions/1/restore', '/admin/posts/trash/empty', '/admin/pages/new', '/admin/pages/ID/edit',
    '/admin/pages/trash/empty', '/admin/preview',
  ];
  it.each(postRoutes)('when an anonymous visitor posts to %s, then nothing changes (401 with a token, 403 without)', async (route) => {
    const seeded = await seedPost(users.editor.id, { title: 'Untouched' });
    const url = route.replace('ID', String(seeded.id));
    const anon = request.agent(t.app);
    const token = csrfOf((await anon.get('/admin/login').expect(200)).text);
    await anon.post(url).type('form').send(formBody({ title: 'Hacked', confirm: 'yes' })).expect(403);
    await anon.post(url).type('form').send({ ...formBody({ title: 'Hacked', confirm: 'yes' }), _csrf: token }).expect(401);
    const after = await dbPost(seeded.id);
    expect(after.title).toBe('Untouched');
    expect(after.deletedAt).toBeNull();
    expect(await t.db.post.count({ where: { title: 'Hacked' } })).toBe(0);
  });
});

describe('the role table', () => {
  type Outcome = { status: number; done: boolean };
  const ALL = { administrator: true, editor: true, author: true, contributor: true };
  const EDITORS = { administrator: true, editor: true, author: false, contributor: false };
  const PUBLISHERS = { administrator: true, editor: true, author: true, contributor: false };

  const actions: [string, Record<Role, boolean>, (role: Role) => Promise<Outcome>][] = [
    ['create a draft', ALL, async (role) => {
      const title = `Draft ${uid()}`;
      const res = await post(role, '/admin/posts/new', formBody({ title }));
      const row = await t.db.post.findFirst({ where: { title } });
      return { status: res.status, done: row?.authorId === users[role].id && row.status === 'draft' };
    }],
    ['publish a new post', PUBLISHERS, async (role) => {
      const title = `Published ${uid()}`;
      const res = await post(role, '/admin/posts/new', formBody({ title, status: 'published' }));
      return { status: res.status, done: (await t.db.post.count({ where: { title } })) === 1 };
    }],
    ['schedule a new post', PUBLISHERS, async (role) => {
      const title = `Scheduled ${uid()}`;
      const res = await post(role, '/admin/posts/new', formBody({ title, status: 'scheduled', publishAt: inFuture(86_400_000) }));
      return { status: res.status, done: (await t.db.post.count({ where: { title, status: 'scheduled' } })) === 1 };
    }],
    ['edit own draft', ALL, async (role) => {
      const mine = await seedPost(users[role].id, { status: 'draft' });
      const res = await post(role, `/admin/posts/${mine.id}/edit`, formBody({ title: 'Edited own', slug: mine.slug, version: '1' }));
      return { status: res.status, done: (await dbPost(mine.id)).title === 'Edited own' };
    }],
    ["edit others' draft", EDITORS, async (role) => {
      const theirs = await seedPost(other.id, { status: 'draft' });
      const res = await post(role, `/admin/posts/${theirs.id}/edit`, formBody({ title: 'Edited theirs', slug: theirs.slug, version: '1' }));
      return { status: res.status, done: (await dbPost(theirs.id)).title === 'Edited theirs' };
    }],
    ["open others' draft in the editor", EDITORS, async (role) => {
      const theirs = await seedPost(other.id, { status: 'draft' });
      const res = await agents[role].get(`/admin/posts/${theirs.id}/edit`);
      return { status: res.status, done: res.status === 200 && res.text.includes(theirs.title) };
    }],
    ['publish own draft', PUBLISHERS, async (role) => {
      const mine = await seedPost(users[role].id, { status: 'draft' });
      const res = await post(role, `/admin/posts/${mine.id}/edit`, formBody({ slug: mine.slug, status: 'published', version: '1' }));
      return { status: res.status, done: (await dbPost(mine.id)).status === 'published' };
    }],
    ["publish others' draft", EDITORS, async (role) => {
      const theirs = await seedPost(other.id, { status: 'draft' });
      const res = await post(role, `/admin/posts/${theirs.id}/edit`, formBody({ slug: theirs.slug, status: 'published', version: '1' }));
      return { status: res.status, done: (await dbPost(theirs.id)).status === 'published' };
    }],
    ['schedule own draft', PUBLISHERS, async (role) => {
      const mine = await seedPost(users[role].id, { status: 'draft' });
      const res = await post(role, `/admin/posts/${mine.id}/edit`, formBody({
        slug: mine.slug, status: 'scheduled', publishAt: inFuture(86_400_000), version: '1',
      }));
      return { status: res.status, done: (await dbPost(mine.id)).status === 'scheduled' };
    }],
    ['edit own published post', PUBLISHERS, async (role) => {
      const mine = await seedPost(users[role].id, { status: 'published' });
      const res = await post(role, `/admin/posts/${mine.id}/edit`, formBody({ title: 'Edited live', slug: mine.slug, status: 'published', version: '1' }));
      return { status: res.status, done: (await dbPost(mine.id)).title === 'Edited live' };
    }],
    ['unpublish own post', PUBLISHERS, async (role) => {
      const mine = await seedPost(users[role].id, { status: 'published' });
      const res = await post(role, `/admin/posts/${mine.id}/edit`, formBody({ slug: mine.slug, status: 'draft', version: '1' }));
      return { status: res.status, done: (await dbPost(mine.id)).status === 'draft' };
    }],
    ['delete own draft', ALL, async (role) => {
      const mine = await seedPost(users[role].id, { status: 'draft' });
      const res = await post(role, `/admin/posts/${mine.id}/delete`);
      return { status: res.status, done: (await dbPost(mine.id)).deletedAt !== null };
    }],
    ["delete others' post", EDITORS, async (role) => {
      const theirs = await seedPost(other.id, { status: 'published' });
      const res = await post(role, `/admin/posts/${theirs.id}/delete`);
      return { status: res.status, done: (await dbPost(theirs.id)).deletedAt !== null };
    }],
    ["see others' revisions", EDITORS, async (role) => {
      const theirs = await seedPost(other.id, { status: 'draft' });
      const res = await agents[role].get(`/admin/posts/${theirs.id}/revisions`);
      return { status: res.status, done: res.status === 200 };
    }],
    ['open the pages list', EDITORS, async (role) => {
      const res = await agents[role].get('/admin/pages');
      return { status: res.status, done: res.status === 200 };
    }],
    ['create a page', EDITORS, async (role) => {
      const title = `Page ${uid()}`;
      const res = await post(role, '/admin/pages/new', formBody({ title, status: 'published' }));
      return { status: res.status, done: (await t.db.post.count({ where: { title, type: 'page' } })) === 1 };
    }],
    ['edit a page', EDITORS, async (role) => {
      const page = await seedPost(users[role].id, { type: 'page', status: 'published' });
      const res = await post(role, `/admin/pages/${page.id}/edit`, formBody({ title: 'Edited page', slug: page.slug, status: 'published', version: '1' }));
      return { status: res.status, done: (await dbPost(page.id)).title === 'Edited page' };
    }],
  ];

  const cases = actions.flatMap(([action, allowed, run]) =>
    ROLES.map((role) => [role, action, allowed[role], run] as const),
  );

  it.each(cases)('when the %s tries to %s, then allowed is %s (answer and database agree)', async (role, _action, allowed, run) => {
    const outcome = await run(role);
    if (allowed) {
      expect([200, 303]).toContain(outcome.status);
      expect(outcome.done).toBe(true);
    } else {
      expect(outcome.status).toBe(403);
      expect(outcome.done).toBe(false);
    }
  });

  it('when a contributor opens the editor, then Status offers only Draft', async () => {
    const res = await agents.contributor.get('/admin/posts/new').expect(200);
    expect(res.text.match(/<option value="(\w+)"/g)).toEqual(['<option value="draft"']);
  });

  it("when a contributor's own draft is published by an editor, then the contributor can no longer change it", async () => {
    const mine = await seedPost(users.contributor.id, { status: 'published' });
    await agents.contributor.get(`/admin/posts/${mine.id}/edit`).expect(403);
    await post('contributor', `/admin/posts/${mine.id}/delete`).expect(403);
    expect((await dbPost(mine.id)).deletedAt).toBeNull();
  });
});

describe('the editor page', () => {
  it('when it opens, then its fields are labelled and named as documented, with Save, a preview pane and the editor script', async () => {
    const html = (await agents.editor.get('/admin/posts/new').expect(200)).text;
    for (const [label, name] of [
      ['Title', 'title'], ['Slug', 'slug'], ['Summary', 'summary'], ['Description', 'description'], ['Content', 'content'],
      ['Tags', 'tags'], ['Status', 'status'], ['Publish at', 'publishAt'], ['Cover image', 'coverImage'],
    ]) {
      expect(html).toContain(`<label for="${name}">${label}</label>`);
      expect(html).toMatch(new RegExp(`id="${name}" name="${name}"`));
    }
    expect(html).toMatch(/<input id="publishAt" name="publishAt" type="datetime-local"/);
    expect(html.match(/<option value="\w+"[^>]*>[^<]+</g)).toEqual([
      '<option value="draft" selected>Draft<', '<option value="published">Published<', '<option value="scheduled">Scheduled<',
    ]);
    expect(Object.keys(formFields(html, '/admin/posts/new')).sort()).toEqual(
      ['_csrf', 'content', 'coverImage', 'description', 'publishAt', 'slug', 'status', 'summary', 'tags', 'title', 'version'],
    );
    expect(html).toMatch(/<button type="submit" class="primary">Save<\/button>/);
    expect(html).toContain('<div class="preview post-content" data-preview-content>');
    expect(html).toMatch(/<script src="\/js\/editor\.js\?v=\w+" defer><\/script>/);
    expect(html).toContain('Europe/Paris');
  });
});

describe('the posts list', () => {
  it('when authors and contributors open it, then they see only their own posts; editors see all', async () => {
    const mine = await seedPost(users.author.id, { title: `Mine ${uid()}`, status: 'draft' });
    const theirs = await seedPost(other.id, { title: `Theirs ${uid()}`, status: 'draft' });
    const authorList = (await agents.author.get('/admin/posts?status=draft').expect(200)).text;
    expect(authorList).toContain(mine.title);
    expect(authorList).not.toContain(theirs.title);
    const editorList = (await agents.editor.get('/admin/posts?status=draft').expect(200)).text;
    expect(editorList).toContain(mine.title);
    expect(editorList).toContain(theirs.title);
  });

  it('when filtered by status, then drafts, scheduled and published posts each appear under their own', async () => {
    const mark = uid();
    await seedPost(users.editor.id, { title: `F-draft ${mark}`, status: 'draft' });
    await seedPost(users.editor.id, { title: `F-sched ${mark}`, status: 'scheduled', publishedAt: new Date(Date.now() + 86_400_000) });
    await seedPost(users.editor.id, { title: `F-pub ${mark}`, status: 'published', publishedAt: new Date(Date.now() - 1000) });
    const titles = async (status: string) => {
      const html = (await agents.editor.get(`/admin/posts?status=${status}&q=${mark}`).expect(200)).text;
      return ['F-draft', 'F-sched', 'F-pub'].filter((p) => html.includes(`${p} ${mark}`));
    };
    expect(await titles('draft')).toEqual(['F-draft']);
    expect(await titles('scheduled')).toEqual(['F-sched']);
    expect(await titles('published')).toEqual(['F-pub']);
    expect(await titles('all')).toEqual(['F-draft', 'F-sched', 'F-pub']);
  });

  it('when searched by title, then only matching titles are listed, with title, status, author and dates', async () => {
    const mark = uid();
    const hit = await seedPost(users.editor.id, { title: `Needle ${mark} here`, status: 'published' });
    await seedPost(users.editor.id, { title: `Haystack ${uid()}` });
    const html = (await agents.editor.get(`/admin/posts?q=needle+${mark}`).expect(200)).text;
    expect(html).toContain(`href="/admin/posts/${hit.id}/edit">Needle ${mark} here</a>`);
    const row = textOf(html.match(/<tbody>[\s\S]*<\/tbody>/)?.[0] ?? '');
    expect(row).toContain('Published');
    expect(row).toContain(users.editor.name);
    expect(row).toMatch(/Jan \d+, 2024 \d\d:\d\d/);
    expect(html.match(/<tr>/g)?.length).toBe(2);
  });

  it('when the search holds % or _, then they match themselves, not any text', async () => {
    const mark = uid();
    const percent = await seedPost(users.editor.id, { title: `Save 50% ${mark}` });
    const underscore = await seedPost(users.editor.id, { title: `snake_case ${mark}` });
    await seedPost(users.editor.id, { title: `Save 50 more ${mark}` });
    await seedPost(users.editor.id, { title: `snakeXcase ${mark}` });
    const ids = async (q: string) =>
      [...(await agents.editor.get(`/admin/posts?q=${encodeURIComponent(q)}`).expect(200)).text.matchAll(/href="\/admin\/posts\/(\d+)\/edit"/g)].map(
        (m) => Number(m[1]),
      );
    expect(await ids(`50% ${mark}`)).toEqual([percent.id]);
    expect(await ids(`e_c`)).toEqual([underscore.id]);
    expect(await ids(`%`)).toEqual([percent.id]);
  });

  it('when there are more than 20, then they come 20 a page, last updated first', async () => {
    const writer = await makeUser(t, 'author');
    const agent = await signIn(t.app, writer.email);
    for (let i = 0; i < 21; i++) await seedPost(writer.id, { title: `Paged ${i}`, updatedAt: new Date(Date.UTC(2025, 0, 1 + i)) });
    const first = (await agent.get('/admin/posts').expect(200)).text;
    expect(first.match(/data-label="Status"/g)).toHaveLength(20);
    expect(first.indexOf('Paged 20')).toBeLessThan(first.indexOf('Paged 19'));
    expect(first).not.toContain('>Paged 0<');
    expect(first).toContain('href="/admin/posts?page=2"');
    const second = (await agent.get('/admin/posts?page=2').expect(200)).text;
    expect(second.match(/data-label="Status"/g)).toHaveLength(1);
    expect(second).toContain('>Paged 0<');
  });

  it('when a post is saved, then it moves to the top of the list', async () => {
    const older = await seedPost(users.editor.id, { title: `Older ${uid()}`, updatedAt: new Date(Date.UTC(2020, 0, 1)) });
    const res = await submitForm(agents.editor, `/admin/posts/${older.id}/edit`, `/admin/posts/${older.id}/edit`);
    expect(res.status).toBe(303);
    const html = (await agents.editor.get('/admin/posts').expect(200)).text;
    expect(entriesOfAdmin(html)[0]).toBe(older.title);
  });

  it.each(['/admin/posts/abc/edit', '/admin/posts/0/edit', '/admin/posts/99999999/edit', '/admin/posts/1e3/revisions', '/admin/posts/012/edit'])(
    'when %s is asked for, then it is 404',
    async (url) => {
      await agents.editor.get(url).expect(404);
    },
  );

  it('when a page is asked for under /admin/posts (or a post under /admin/pages), then it is 404', async () => {
    const page = await seedPost(users.editor.id, { type: 'page' });
    const postRow = await seedPost(users.editor.id);
    await agents.editor.get(`/admin/posts/${page.id}/edit`).expect(404);
    await agents.editor.get(`/admin/pages/${postRow.id}/edit`).expect(404);
  });

  it.each(['?page=0', '?page=abc', '?status=bogus', `?q=${'x'.repeat(201)}`])('when the list is asked with %s, then it is 400', async (qs) => {
    await agents.editor.get(`/admin/posts${qs}`).expect(400);
  });
});

function entriesOfAdmin(html: string): string[] {
  const rows = html.match(/<tbody>[\s\S]*<\/tbody>/)?.[0] ?? '';
  return [...rows.matchAll(/<tr>\s*<td>(?:<a [^>]*>)?([^<]*)/g)].map((m) => textOf(m[1]!));
}

describe('publishing and unpublishing', () => {
  it('when a post is published, then it is at the top of / and of the feed; unpublished, it is gone everywhere at once', async () => {
    const word = `zebra${uid()}`;
    const tag = `tag-${uid()}`;
    const created = await submitForm(agents.author, '/admin/posts/new', '/admin/posts/new', {
      title: `Fresh ${word}`, content: `All about ${word}.`, tags: tag, status: 'published',
    });
    expect(created.status).toBe(303);
    const id = idFrom(created.headers.location);
    const slug = (await dbPost(id)).slug;
    const url = `/posts/${slug}/`;

    expect(entriesOf((await request(t.app).get('/').expect(200)).text)[0]?.href).toBe(url);
    const feed = (await request(t.app).get('/index.xml').expect(200)).text;
    expect(feed.indexOf(`Fresh ${word}`)).toBeGreaterThan(-1);
    expect(feed.indexOf('<item>')).toBeLessThan(feed.indexOf(`Fresh ${word}`));
    expect(feed.indexOf(`Fresh ${word}`)).toBeLessThan(feed.indexOf('</item>'));
    await request(t.app).get(url).expect(200);
    expect((await request(t.app).get(`/tags/${tag}/`).expect(200)).text).toContain(url);

    const unpublished = await submitForm(agents.author, `/admin/posts/${id}/edit`, `/admin/posts/${id}/edit`, { status: 'draft' });
    expect(unpublished.status).toBe(303);
    for (const surface of ['/', '/posts/', '/index.xml', '/sitemap.xml', `/search/?q=${word}`, '/archives/']) {
      const res = await request(t.app).get(surface).expect(200);
      expect(res.text, surface).not.toContain(`Fresh ${word}`);
      expect(res.text, surface).not.toContain(url);
    }
    const tagPage = await request(t.app).get(`/tags/${tag}/`);
    expect([200, 404]).toContain(tagPage.status);
    expect(tagPage.text).not.toContain(url);
    expect((await request(t.app).get('/tags/').expect(200)).text).not.toContain(`/tags/${tag}/`);
    await request(t.app).get(url).expect(404);
  });

  it('when a post is scheduled a moment ahead, then it is absent until that moment and present after, with no action', async () => {
    const at = new Date(Math.ceil((Date.now() + 2_000) / 1000) * 1000);
    const word = `sched${uid()}`;
    const created = await submitForm(agents.editor, '/admin/posts/new', '/admin/posts/new', {
      title: `Soon ${word}`, content: word, status: 'scheduled', publishAt: utcToZoned(at, ZONE),
    });
    expect(created.status).toBe(303);
    const id = idFrom(created.headers.location);
    const stored = await dbPost(id);
    expect(stored.publishedAt?.toISOString()).toBe(at.toISOString());
    const url = `/posts/${stored.slug}/`;
    expect((await request(t.app).get('/').expect(200)).text).not.toContain(word);
    expect((await request(t.app).get('/index.xml').expect(200)).text).not.toContain(word);
    await request(t.app).get(url).expect(404);

    await sleep(at.getTime() - Date.now() + 150);
    expect(entriesOf((await request(t.app).get('/').expect(200)).text).map((e) => e.href)).toContain(url);
    expect((await request(t.app).get('/index.xml').expect(200)).text).toContain(word);
    await request(t.app).get(url).expect(200);
  });

  it('when Publish at is shown, then it is in the site time zone with the zone named and its UTC equivalent', async () => {
    const created = await submitForm(agents.editor, '/admin/posts/new', '/admin/posts/new', {
      title: `Far ahead ${uid()}`, status: 'scheduled', publishAt: '2099-12-01T09:00',
    });
    const id = idFrom(created.headers.location);
    expect((await dbPost(id)).publishedAt?.toISOString()).toBe('2099-12-01T08:00:00.000Z');
    const html = (await agents.editor.get(`/admin/posts/${id}/edit`).expect(200)).text;
    expect(html).toContain('type="datetime-local" value="2099-12-01T09:00"');
    expect(html).toContain('Europe/Paris');
    expect(html).toContain('2099-12-01 08:00 UTC');
  });
});

describe('two people editing one post', () => {
  it('when the second saves over a newer version, then a 409 page shows both texts, and saving theirs over it loses neither', async () => {
    const seeded = await seedPost(users.editor.id, { status: 'draft', markdown: 'Original text.' });
    const url = `/admin/posts/${seeded.id}/edit`;
    const firstForm = formFields((await agents.administrator.get(url).expect(200)).text, url);
    const secondForm = formFields((await agents.editor.get(url).expect(200)).text, url);
    expect(secondForm.version).toBe('1');

    await agents.administrator.post(url).type('form').send({ ...firstForm, content: 'First agent wrote this.' }).expect(303);
    const conflict = await agents.editor.post(url).type('form').send({ ...secondForm, content: 'Second agent wrote <this>.' });
    expect(conflict.status).toBe(409);
    expect(conflict.text).toMatch(/<textarea id="theirs-content"[^>]*>\n?First agent wrote this\.<\/textarea>/);
    expect(conflict.text).toMatch(/<textarea id="content" name="content"[^>]*>\n?Second agent wrote &lt;this&gt;\.<\/textarea>/);
    expect((await dbPost(seeded.id)).markdown).toBe('First agent wrote this.');

    const again = formFields(conflict.text, url);
    expect(again.version).toBe('2');
    await agents.editor.post(url).type('form').send(again).expect(303);
    const saved = await dbPost(seeded.id);
    expect(saved.markdown).toBe('Second agent wrote <this>.');
    expect(saved.version).toBe(3);
    const kept = await t.db.revision.findMany({ where: { postId: seeded.id }, select: { markdown: true } });
    expect(kept.map((r) => r.markdown)).toEqual(expect.arrayContaining(['First agent wrote this.', 'Second agent wrote <this>.']));
  });

  it('when a form without a version is saved, then it is treated as a conflict and nothing is overwritten', async () => {
    const seeded = await seedPost(users.editor.id, { status: 'draft', markdown: 'Keep me.' });
    const res = await post('editor', `/admin/posts/${seeded.id}/edit`, formBody({ slug: seeded.slug, content: 'Blind write.' }));
    expect(res.status).toBe(409);
    expect(res.text).toContain('Blind write.');
    expect((await dbPost(seeded.id)).markdown).toBe('Keep me.');
  });
});

describe('slugs', () => {
  it("when a published post's slug changes, then the old URL answers 301 to the new one; changed back, the redirect goes", async () => {
    const seeded = await seedPost(users.editor.id, { slug: `old-name-${uid()}`, status: 'published' });
    const url = `/admin/posts/${seeded.id}/edit`;
    const newSlug = `new-name-${uid()}`;
    await submitForm(agents.editor, url, url, { slug: newSlug }).then((r) => expect(r.status).toBe(303));
    const moved = await request(t.app).get(`/posts/${seeded.slug}/`).expect(301);
    expect(moved.headers.location).toBe(`/posts/${newSlug}/`);
    await request(t.app).get(`/posts/${newSlug}/`).expect(200);

    await submitForm(agents.editor, url, url, { slug: seeded.slug }).then((r) => expect(r.status).toBe(303));
    await request(t.app).get(`/posts/${seeded.slug}/`).expect(200);
    expect(await t.db.redirect.count({ where: { fromPath: `/posts/${seeded.slug}/` } })).toBe(0);
    expect((await request(t.app).get(`/posts/${newSlug}/`).expect(301)).headers.location).toBe(`/posts/${seeded.slug}/`);
  });

  it("when a draft's slug changes, then no redirect is kept (it was never public)", async () => {
    const seeded = await seedPost(users.editor.id, { status: 'draft' });
    const url = `/admin/posts/${seeded.id}/edit`;
    await submitForm(agents.editor, url, url, { slug: `renamed-${uid()}` }).then((r) => expect(r.status).toBe(303));
    expect(await t.db.redirect.count({ where: { postId: seeded.id } })).toBe(0);
  });

  it('when the slug is left empty on a new post, then it is made from the title; a taken one is refused', async () => {
    const title = `Made From Title ${uid()}`;
    const res = await submitForm(agents.editor, '/admin/posts/new', '/admin/posts/new', { title });
    const id = idFrom(res.headers.location);
    const slug = (await dbPost(id)).slug;
    expect(slug).toBe(title.toLowerCase().replace(/ /g, '-'));
    const clash = await submitForm(agents.editor, '/admin/posts/new', '/admin/posts/new', { title: 'Another', slug, content: 'Mine.' });
    expect(clash.status).toBe(400);
    expect(clash.text).toMatch(/id="slug-error">[^<]*already uses this slug/);
    expect(await t.db.post.count({ where: { slug } })).toBe(1);
  });
});

describe('revisions', () => {
  it('when a post is saved several times, then each save is listed with who, when and a diff, and Restore brings one back', async () => {
    const created = await submitForm(agents.author, '/admin/posts/new', '/admin/posts/new', {
      title: 'Rev one', content: 'line a\nline b\n',
    });
    const id = idFrom(created.headers.location);
    const edit = `/admin/posts/${id}/edit`;
    await submitForm(agents.author, edit, edit, { title: 'Rev two', content: 'line a\nline B changed\n' });
    await submitForm(agents.author, edit, edit, { title: 'Rev three', content: 'line a\nline B changed\nline c <b>\n' });

    const page = await agents.author.get(`/admin/posts/${id}/revisions`).expect(200);
    const sections = page.text.match(/<section class="card revision"[\s\S]*?<\/section>/g) ?? [];
    expect(sections).toHaveLength(3);
    expect(textOf(sections[2]!)).toContain('Rev one');
    expect(textOf(sections[2]!)).toContain(users.author.name);
    expect(sections[2]).toMatch(/<del class="diff-line-removed">.*line b<\/del>/);
    expect(sections[2]).toMatch(/<ins class="diff-line-added">.*line c &lt;b&gt;<\/ins>/);
    expect(sections[0]).not.toContain('>Restore');

    const restoreUrl = sections[2]!.match(/action="([^"]+\/restore)"/)?.[1];
    expect(restoreUrl).toBeDefined();
    const restored = await agents.author.post(restoreUrl!).type('form').send({ _csrf: csrfOf(page.text) });
    expect(restored.status).toBe(303);
    const now = await dbPost(id);
    expect([now.title, now.markdown, now.version]).toEqual(['Rev one', 'line a\nline b\n', 4]);
    expect(now.html).toContain('line b');
    expect(await t.db.revision.count({ where: { postId: id } })).toBe(4);
  });

  it('when a revision of another post is restored through this one, then it is 404', async () => {
    const a = await submitForm(agents.editor, '/admin/posts/new', '/admin/posts/new', { title: `A ${uid()}` });
    const b = await submitForm(agents.editor, '/admin/posts/new', '/admin/posts/new', { title: `B ${uid()}` });
    const revB = await t.db.revision.findFirstOrThrow({ where: { postId: idFrom(b.headers.location) } });
    await post('editor', `/admin/posts/${idFrom(a.headers.location)}/revisions/${revB.id}/restore`).expect(404);
  });
});

describe('the trash', () => {
  it('when a post is deleted, then it is in the trash and off the site; restored, it is back', async () => {
    const word = `trashy${uid()}`;
    const created = await submitForm(agents.editor, '/admin/posts/new', '/admin/posts/new', {
      title: `Bin me ${word}`, content: word, status: 'published',
    });
    const id = idFrom(created.headers.location);
    const url = `/posts/${(await dbPost(id)).slug}/`;
    const searchRows = () => t.db.$queryRawUnsafe<unknown[]>('SELECT rowid FROM post_search WHERE rowid = ?', id);

    const edit = await agents.editor.get(`/admin/posts/${id}/edit`).expect(200);
    const del = await agents.editor.post(`/admin/posts/${id}/delete`).type('form').send(formFields(edit.text, `/admin/posts/${id}/delete`));
    expect(del.status).toBe(303);
    expect((await dbPost(id)).deletedAt).not.toBeNull();
    await request(t.app).get(url).expect(404);
    for (const surface of ['/', '/index.xml', '/sitemap.xml', `/search/?q=${word}`]) {
      const html = (await request(t.app).get(surface)).text;
      expect(html, surface).not.toContain(`Bin me ${word}`);
      expect(html, surface).not.toContain(url);
    }
    expect(await searchRows()).toHaveLength(0);
    expect(entriesOfAdmin((await agents.editor.get('/admin/posts').expect(200)).text).join(' ')).not.toContain(word);
    const trash = await agents.editor.get('/admin/posts?status=trash').expect(200);
    expect(trash.text).toContain(word);

    await agents.editor.post(`/admin/posts/${id}/restore`).type('form').send(formFields(trash.text, `/admin/posts/${id}/restore`)).expect(303);
    expect((await dbPost(id)).deletedAt).toBeNull();
    await request(t.app).get(url).expect(200);
    expect((await request(t.app).get(`/search/?q=${word}`)).text).toContain(url);
    expect(await searchRows()).toHaveLength(1);
  });

  it('when the trash is emptied without ticking the confirmation, then nothing is deleted (400); ticked, it is gone for good', async () => {
    const seeded = await seedPost(users.editor.id, { title: `Doomed ${uid()}` });
    await post('editor', `/admin/posts/${seeded.id}/delete`).expect(303);
    const trash = await agents.editor.get('/admin/posts?status=trash').expect(200);
    expect(trash.text).toContain('Yes, delete these permanently');
    const unconfirmed = await agents.editor.post('/admin/posts/trash/empty').type('form').send(formFields(trash.text, '/admin/posts/trash/empty'));
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toMatch(/id="confirm-error"/);
    expect(await t.db.post.count({ where: { id: seeded.id } })).toBe(1);

    const confirmed = await agents.editor
      .post('/admin/posts/trash/empty')
      .type('form')
      .send({ ...formFields(trash.text, '/admin/posts/trash/empty'), confirm: 'yes' });
    expect(confirmed.status).toBe(303);
    expect(await t.db.post.count({ where: { id: seeded.id } })).toBe(0);
    expect(await t.db.revision.count({ where: { postId: seeded.id } })).toBe(0);
  });

  it("when an author empties the trash, then only the author's own trashed posts go", async () => {
    const mine = await seedPost(users.author.id, { status: 'draft' });
    const theirs = await seedPost(users.editor.id, { status: 'draft' });
    await post('author', `/admin/posts/${mine.id}/delete`).expect(303);
    await post('editor', `/admin/posts/${theirs.id}/delete`).expect(303);
    await post('author', '/admin/posts/trash/empty', { confirm: 'yes' }).expect(303);
    expect(await t.db.post.count({ where: { id: mine.id } })).toBe(0);
    expect(await t.db.post.count({ where: { id: theirs.id } })).toBe(1);
  });

  it('when a trashed post is opened in the editor, then the user is sent to the trash to restore it first', async () => {
    const seeded = await seedPost(users.editor.id);
    await post('editor', `/admin/posts/${seeded.id}/delete`).expect(303);
    const res = await agents.editor.get(`/admin/posts/${seeded.id}/edit`).expect(303);
    expect(res.headers.location).toBe('/admin/posts?status=trash');
  });
});

describe('validation', () => {
  it('when the form is wrong, then it comes back (400) with the text as typed and a message per field', async () => {
    const content = 'My precious text with <angle> & "quotes"\nover two lines.';
    const before = await t.db.post.count();
    const res = await submitForm(agents.editor, '/admin/posts/new', '/admin/posts/new', {
      title: '', slug: 'Not A Slug!', content, summary: 'Kept summary', tags: 'one, two',
      status: 'scheduled', publishAt: '', coverImage: 'javascript:alert(1)',
    });
    expect(res.status).toBe(400);
    const fields = formFields(res.text, '/admin/posts/new');
    expect(fields).toMatchObject({ content, summary: 'Kept summary', tags: 'one, two', slug: 'Not A Slug!', status: 'scheduled' });
    for (const name of ['title', 'slug', 'publishAt', 'coverImage']) {
      expect(res.text).toMatch(new RegExp(`id="${name}-error"`));
      expect(res.text).toMatch(new RegExp(`aria-describedby="[^"]*${name}-error"`));
    }
    expect(await t.db.post.count()).toBe(before);
  });

  it('when Scheduled has a past Publish at, then the date is refused with its message', async () => {
    const res = await submitForm(agents.editor, '/admin/posts/new', '/admin/posts/new', {
      status: 'scheduled', publishAt: '2001-01-01T09:00',
    });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/id="publishAt-error">[^<]*future/);
  });

  it('when a saved form is refused, then the editor keeps the version it started from', async () => {
    const seeded = await seedPost(users.editor.id, { status: 'draft' });
    const url = `/admin/posts/${seeded.id}/edit`;
    const res = await submitForm(agents.editor, url, url, { title: '' });
    expect(res.status).toBe(400);
    expect(formFields(res.text, url).version).toBe('1');
  });
});

describe('CSRF and hostile content', () => {
  it('when a save comes without the token, then it is refused with 403 and nothing changes', async () => {
    const seeded = await seedPost(users.editor.id, { status: 'draft', title: 'Safe' });
    await agents.editor.post(`/admin/posts/${seeded.id}/edit`).type('form').send(formBody({ title: 'Forged', version: '1' })).expect(403);
    await agents.editor.post(`/admin/posts/${seeded.id}/delete`).type('form').send({}).expect(403);
    await agents.editor.post('/admin/preview').send({ content: 'x' }).expect(403);
    const after = await dbPost(seeded.id);
    expect([after.title, after.deletedAt]).toEqual(['Safe', null]);
  });

  it('when a title and Markdown are hostile, then the list, editor, revisions and preview carry nothing that runs', async () => {
    const title = `<script>alert(1)</script><img src=x onerror=alert(2)> "quoted" ${uid()}`;
    const content = [
      '<script>alert(3)</script>',
      '[click](javascript:alert(4))',
      '<img src="x" onerror="alert(5)">',
      '<iframe src="https://evil.example/"></iframe>',
      '</textarea><script>alert(6)</script>',
    ].join('\n\n');
    const created = await submitForm(agents.editor, '/admin/posts/new', '/admin/posts/new', { title, content, status: 'published' });
    expect(created.status).toBe(303);
    const id = idFrom(created.headers.location);
    await submitForm(agents.editor, `/admin/posts/${id}/edit`, `/admin/posts/${id}/edit`, { content: `${content}\n\nmore` });

    for (const url of ['/admin/posts', `/admin/posts?q=${encodeURIComponent('<script>')}`, `/admin/posts/${id}/edit`, `/admin/posts/${id}/revisions`]) {
      const html = (await agents.editor.get(url).expect(200)).text;
      expect(foreignActive(html), url).toEqual([]);
    }
    const edit = (await agents.editor.get(`/admin/posts/${id}/edit`)).text;
    expect(formFields(edit, `/admin/posts/${id}/edit`)).toMatchObject({ title, content: `${content}\n\nmore` });

    const preview = await agents.editor
      .post('/admin/preview')
      .set('X-CSRF-Token', csrfOf(edit))
      .send({ title, content, summary: '', description: '' })
      .expect(200);
    expect(activeContentIn(preview.body.html)).toEqual([]);
    expect(activeContentIn(preview.body.metaHtml)).toEqual([]);
  });
});

describe('live preview', () => {
  it('when the preview is asked for a text, then it equals what the public post page renders for that text', async () => {
    const content = [
      '## A heading',
      'Some *emphasis* and a [link](https://example.com).',
      '```go\nfunc main() { fmt.Println("hi") }\n```',
      '- [x] done\n- [ ] todo',
      '<!--more-->',
      'After the fold.',
    ].join('\n\n');
    const fields = { title: `Preview me ${uid()}`, content, summary: '', description: 'A description', status: 'published' };
    const created = await submitForm(agents.author, '/admin/posts/new', '/admin/posts/new', fields);
    const id = idFrom(created.headers.location);
    const stored = await dbPost(id);
    const edit = (await agents.author.get(`/admin/posts/${id}/edit`).expect(200)).text;
    const form = formFields(edit, `/admin/posts/${id}/edit`);

    const res = await agents.author
      .post('/admin/preview')
      .set('X-CSRF-Token', form._csrf!)
      .send({ title: form.title, content: form.content, summary: form.summary, description: form.description, publishAt: form.publishAt })
      .expect(200)
      .expect('Content-Type', /json/);
    const pub = (await request(t.app).get(`/posts/${stored.slug}/`).expect(200)).text;
    const publicHtml = pub.slice(pub.indexOf('<div class="post-content">') + '<div class="post-content">'.length, pub.indexOf('</div>\n<footer class="post-footer">'));
    const publicMeta = pub.match(/<div class="post-meta">([\s\S]*?)<\/div>/)?.[1];
    expect(res.body.html).toBe(publicHtml);
    expect(res.body.metaHtml).toBe(publicMeta);
    expect(res.body).toMatchObject({ summaryText: stored.summaryText, summaryTruncated: stored.summaryTruncated, readingTime: stored.readingTime });
    expect(edit).toContain('<div class="preview post-content" data-preview-content>');
  });

  it('when the preview body is not text, then it is 400 in JSON', async () => {
    const res = await agents.editor.post('/admin/preview').set('X-CSRF-Token', tokens.editor).send({ content: { $ne: 1 } }).expect(400);
    expect(res.body.error).toBeDefined();
  });
});
