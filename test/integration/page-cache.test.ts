/**
 * The page cache under the real app: every change an editor makes is on the very next anonymous
 * request to every page it touches, even though those pages were in memory a moment before.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import Database from 'better-sqlite3';
import { createApp } from '../../src/app.js';
import { contentChangesOf } from '../../src/cache/content-changes.js';
import type { PageCache } from '../../src/cache/page-cache.js';
import { sqlitePath } from '../../src/db.js';
import { updateSettings } from '../../src/models/settings.js';
import { addPost, BASE_URL, createTestApp, type TestApp } from '../helpers/app.js';
import { makeUser, signIn, type Agent } from '../helpers/admin.js';
import { formFields, idFrom, submitForm } from '../helpers/editor-form.js';

let t: TestApp;
let agent: Agent;
let n = 0;
const uid = () => `${Date.now().toString(36)}${++n}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

beforeAll(async () => {
  t = await createTestApp();
  const editor = await makeUser(t, 'editor');
  agent = await signIn(t.app, editor.email);
  await addPost(t, { slug: 'anchor', title: 'Anchor', tags: ['common'], markdown: 'Always here.' });
  // The first page view writes the settings row; later ones only read it.
  await request(t.app).get('/').expect(200);
});
afterAll(() => t.cleanup());

const anon = (url: string) => request(t.app).get(url);

/** Requests each URL until it is in memory: its second answer must be a HIT. */
async function warm(urls: string[]) {
  for (const url of urls) {
    await anon(url);
    expect((await anon(url)).headers['x-cache'], url).toBe('HIT');
  }
}

interface Written {
  slug: string;
  title: string;
  tag: string;
  word: string;
}

/** Every public page a post shows on. */
const surfaces = (p: Written) => [
  '/',
  '/posts/',
  `/posts/${p.slug}/`,
  '/tags/',
  `/tags/${p.tag}/`,
  '/archives/',
  '/index.xml',
  `/tags/${p.tag}/index.xml`,
  '/sitemap.xml',
  `/search/?q=${p.word}`,
];

/** Makes a post through the editor's form; returns what a reader will look for. */
async function writePost(status: 'draft' | 'published'): Promise<Written & { id: number }> {
  const word = `zebra${uid()}`;
  const p = { title: `Title ${word}`, tag: `tag-${uid()}`, word };
  const res = await submitForm(agent, '/admin/posts/new', '/admin/posts/new', {
    title: p.title,
    content: `All about ${word}.`,
    tags: p.tag,
    status,
  });
  expect(res.status).toBe(303);
  const id = idFrom(res.headers.location);
  const { slug } = await t.db.post.findUniqueOrThrow({ where: { id } });
  return { ...p, id, slug };
}

const edit = (id: number, changes: Record<string, string>) =>
  submitForm(agent, `/admin/posts/${id}/edit`, `/admin/posts/${id}/edit`, changes).then((r) => expect(r.status).toBe(303));

/**
 * Requests every page of every post once (the first request after a change, so each must come
 * from the app, not memory) and checks whether each post shows there. Returns the answers.
 */
async function expectNext(expectations: { post: Written; shown: boolean }[]) {
  const answers = new Map<string, request.Response>();
  for (const url of new Set(expectations.flatMap((e) => surfaces(e.post)))) {
    const res = await anon(url);
    expect(res.headers['x-cache'], url).toBe('MISS');
    answers.set(url, res);
    for (const { post, shown } of expectations) {
      if (!surfaces(post).includes(url)) continue;
      if (url === `/posts/${post.slug}/`) {
        expect(res.status, url).toBe(shown ? 200 : 404);
        if (shown) expect(res.text, url).toContain(post.title);
        continue;
      }
      const needle = url === '/tags/' ? `/tags/${post.tag}/` : `/posts/${post.slug}/`;
      if (shown) expect(res.text, url).toContain(needle);
      else expect(res.text, url).not.toContain(needle);
    }
  }
  return answers;
}

describe('changes are on the next anonymous request to every page they touch', () => {
  it('when a draft is published, then every page shows it', async () => {
    const post = await writePost('draft');
    await warm(surfaces(post));
    await edit(post.id, { status: 'published' });
    await expectNext([{ post, shown: true }]);
  });

  it('when a published post is edited, then every page shows the new title and none the old', async () => {
    const post = await writePost('published');
    await warm(surfaces(post));
    const renamed = { ...post, title: `Renamed ${post.word}` };
    await edit(post.id, { title: renamed.title });
    const answers = await expectNext([{ post: renamed, shown: true }]);
    for (const url of surfaces(post).filter((u) => !['/tags/', '/sitemap.xml'].includes(u))) {
      expect(answers.get(url)?.text, url).toContain(renamed.title);
      expect(answers.get(url)?.text, url).not.toContain(post.title);
    }
  });

  it('when a post is unpublished, then it is gone from every page and its URL is 404', async () => {
    const post = await writePost('published');
    await warm(surfaces(post));
    await edit(post.id, { status: 'draft' });
    await expectNext([{ post, shown: false }]);
  });

  it('when a post is moved to the trash, then it is gone from every page and its URL is 404', async () => {
    const post = await writePost('published');
    await warm(surfaces(post));
    const page = await agent.get(`/admin/posts/${post.id}/edit`).expect(200);
    const res = await agent
      .post(`/admin/posts/${post.id}/delete`)
      .type('form')
      .send(formFields(page.text, `/admin/posts/${post.id}/delete`));
    expect(res.status).toBe(303);
    await expectNext([{ post, shown: false }]);
  });

  it('when a post is retagged, then it leaves the old tag pages and feeds and joins the new ones', async () => {
    const post = await writePost('published');
    const retagged = { ...post, tag: `tag-${uid()}` };
    await warm([...surfaces(post), `/tags/${retagged.tag}/`, `/tags/${retagged.tag}/index.xml`]);
    await edit(post.id, { tags: retagged.tag });
    const answers = await expectNext([{ post: retagged, shown: true }]);
    for (const url of [`/tags/${post.tag}/`, `/tags/${post.tag}/index.xml`]) {
      expect((await anon(url)).text, url).not.toContain(`/posts/${post.slug}/`);
    }
    expect(answers.get('/tags/')?.text).not.toContain(`/tags/${post.tag}/`);
    expect(answers.get(`/posts/${post.slug}/`)?.text).toContain(`/tags/${retagged.tag}/`);
    expect(answers.get(`/posts/${post.slug}/`)?.text).not.toContain(`/tags/${post.tag}/`);
  });

  it('when a slug changes, then the old URL redirects, the new one answers and every list links the new one', async () => {
    const post = await writePost('published');
    const moved = { ...post, slug: `moved-${uid()}` };
    await warm([...surfaces(post), `/posts/${moved.slug}/`]);
    await edit(post.id, { slug: moved.slug });
    const answers = await expectNext([{ post: moved, shown: true }]);
    for (const url of surfaces(post).filter((u) => u !== `/posts/${post.slug}/`)) {
      expect(answers.get(url)?.text, url).not.toContain(`/posts/${post.slug}/`);
    }
    const old = await anon(`/posts/${post.slug}/`).expect(301);
    expect(old.headers.location).toBe(`/posts/${moved.slug}/`);
  });

  it("when a scheduled post's moment comes and another post's expiry, then every page shows the one and not the other", async () => {
    const at = Date.now() + 2500;
    const word = `zebra${uid()}`;
    const scheduled = { slug: `due-${uid()}`, title: `Due ${word}`, tag: `tag-${uid()}`, word };
    const expiring = { slug: `ending-${uid()}`, title: `Ending ${word}`, tag: `tag-${uid()}`, word };
    await addPost(t, { ...scheduled, tags: [scheduled.tag], markdown: word, status: 'scheduled', publishedAt: new Date(at) });
    await addPost(t, {
      ...expiring,
      tags: [expiring.tag],
      markdown: word,
      publishedAt: new Date(Date.now() - 60_000),
      expiresAt: new Date(at),
    });
    const urls = [...new Set([...surfaces(scheduled), ...surfaces(expiring)])];
    await warm(urls);
    await sleep(at - Date.now() + 10);
    await expectNext([
      { post: scheduled, shown: true },
      { post: expiring, shown: false },
    ]);
  });

  it('when a page is published, then the menu of every page in memory shows it', async () => {
    const urls = ['/', '/posts/anchor/', '/tags/', '/archives/'];
    await warm(urls);
    const slug = `about-${uid()}`;
    await addPost(t, { type: 'page', slug, title: 'About us' });
    for (const url of urls) expect((await anon(url)).text, url).toContain(`href="/${slug}/"`);
  });

  it("when the site's title changes in the settings, then every page in memory shows it", async () => {
    const urls = ['/', '/posts/anchor/', '/index.xml'];
    await warm(urls);
    const title = `Site ${uid()}`;
    await updateSettings(t.db, { title });
    for (const url of urls) expect((await anon(url)).text, url).toContain(title);
  });

  it('when another process writes to the database file, then pages show it within a second', async () => {
    await warm(['/posts/anchor/']);
    const other = new Database(sqlitePath(t.url));
    other.prepare("UPDATE Post SET html = '<p>Changed elsewhere.</p>' WHERE slug = 'anchor'").run();
    other.close();
    await sleep(1100);
    const res = await anon('/posts/anchor/');
    expect(res.headers['x-cache']).toBe('MISS');
    expect(res.text).toContain('Changed elsewhere.');
  });
});

describe('what the cache keeps and for whom', () => {
  it('when a page is asked for twice, then the second answer comes from memory, identical', async () => {
    const first = await anon('/posts/anchor/');
    const second = await anon('/posts/anchor/');
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.text).toBe(first.text);
  });

  it('when the HTTP server asks the cache first (as src/server.ts does), then hits skip Express and the rest go to the app', async () => {
    const cache = t.app.locals.pageCache as PageCache;
    const fromMemory: string[] = [];
    const server = http.createServer((req, res) => {
      if (cache.serveFromMemory(req, res)) fromMemory.push(req.url ?? '');
      else t.app(req, res);
    });
    await warm(['/posts/anchor/']);
    const hit = await request(server).get('/posts/anchor/').expect(200);
    expect(hit.headers['x-cache']).toBe('HIT');
    expect(hit.text).toContain('Anchor');
    await request(server).get('/admin/login').expect(200);
    await request(server).get('/').set('Cookie', 'byline.sid=s%3Aabc').expect(200);
    expect(fromMemory).toEqual(['/posts/anchor/']);
  });

  it('when a signed-in user opens a public page, then it is rendered for them and kept by no one', async () => {
    await warm(['/']);
    const res = await agent.get('/').expect(200);
    expect(res.headers['x-cache']).toBe('BYPASS');
    expect(res.headers['cache-control']).toBe('private, no-cache');
    expect(res.text).toContain('/posts/anchor/');
  });

  it('when a signed-in user works in the admin, then their session writes leave the cache alone', async () => {
    await warm(['/']);
    await agent.get('/admin/posts').expect(200);
    await agent.get('/admin/account').expect(200);
    expect((await anon('/')).headers['x-cache']).toBe('HIT');
  });

  it('when the admin, the health check or a POST is asked for, then the cache stays out of it', async () => {
    for (const res of [await anon('/admin/login'), await anon('/healthz'), await request(t.app).post('/').send('x=1')]) {
      expect(res.headers['x-cache']).toBeUndefined();
    }
  });

  it('when a shared link carries a tracking query, then the page in memory answers', async () => {
    await warm(['/posts/anchor/']);
    expect((await anon('/posts/anchor/?utm_source=mastodon')).headers['x-cache']).toBe('HIT');
  });

  it('when two searches differ, then each has its own answer', async () => {
    await addPost(t, { slug: `kiwi-${uid()}`, title: 'Kiwi Fruit', markdown: 'kiwi' });
    await warm(['/search/?q=kiwi', '/search/?q=anchor']);
    expect((await anon('/search/?q=kiwi')).text).toContain('Kiwi Fruit');
    expect((await anon('/search/?q=anchor')).text).not.toContain('Kiwi Fruit');
  });

  it('when a search has a dot in it, then it is still a page, not a file', async () => {
    await warm(['/search/?q=v1.2']);
  });

  it('when a search is refused (400), then it is not kept', async () => {
    const url = `/search/?q=${'x'.repeat(201)}`;
    await anon(url).expect(400);
    expect((await anon(url).expect(400)).headers['x-cache']).toBe('MISS');
  });

  it('when the cache may hold little, then it stays within its bytes and drops the least recently used', async () => {
    const maxBytes = 400_000;
    const small = createApp({
      db: t.db,
      env: { BASE_URL, TRUST_PROXY: 'false', NODE_ENV: 'test', DATA_DIR: t.dir },
      sessionSecret: 'test-secret-test-secret-test-secret-0123',
      pageCache: { maxBytes },
    });
    const store = (small.locals.pageCache as PageCache).store;
    const slugs: string[] = [];
    for (let i = 0; i < 25; i++) slugs.push((await addPost(t, { slug: `bulk-${uid()}`, markdown: 'word '.repeat(2000) })).slug);
    await request(small).get('/');
    for (const slug of slugs) await request(small).get(`/posts/${slug}/`).expect(200);
    const stats = store.stats();
    expect(stats.bytes).toBeLessThanOrEqual(maxBytes);
    expect(stats.entries).toBeGreaterThan(1);
    expect(stats.entries).toBeLessThan(slugs.length);
    expect((await request(small).get(`/posts/${slugs.at(-1)}/`)).headers['x-cache']).toBe('HIT');
    expect((await request(small).get(`/posts/${slugs[0]}/`)).headers['x-cache']).toBe('MISS');
  });
});

describe('the write hook on the Prisma client', () => {
  const record = () => {
    const seen: string[] = [];
    const stop = contentChangesOf(t.db)!.subscribe(() => seen.push('change'));
    return { seen, stop };
  };

  it('when an interactive transaction writes and commits, then a change is announced again after the commit', async () => {
    const { seen, stop } = record();
    await t.db.$transaction(async (tx) => {
      await tx.post.update({ where: { type_slug: { type: 'post', slug: 'anchor' } }, data: { description: 'd1' } });
      seen.push('wrote');
    });
    seen.push('resolved');
    stop();
    expect(seen).toEqual(['change', 'wrote', 'change', 'resolved']);
  });

  it('when an interactive transaction that wrote fails, then a change is announced after the rollback too', async () => {
    const { seen, stop } = record();
    await expect(
      t.db.$transaction(async (tx) => {
        await tx.post.update({ where: { type_slug: { type: 'post', slug: 'anchor' } }, data: { description: 'd2' } });
        seen.push('wrote');
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    stop();
    expect(seen).toEqual(['change', 'wrote', 'change']);
  });

  it('when the search index is written with raw SQL, then a change is announced', async () => {
    const { seen, stop } = record();
    await t.db.$executeRawUnsafe('DELETE FROM post_search WHERE rowid = ?', -1);
    stop();
    expect(seen).toEqual(['change']);
  });

  it('when only sessions are written, or the settings row is read through upsert, then nothing is announced', async () => {
    const { seen, stop } = record();
    const expiresAt = new Date(Date.now() + 60_000);
    await t.db.session.upsert({ where: { sid: 's1' }, create: { sid: 's1', data: '{}', expiresAt }, update: { expiresAt } });
    await t.db.session.updateMany({ where: { sid: 's1' }, data: { expiresAt } });
    await t.db.session.deleteMany({ where: { sid: 's1' } });
    await t.db.setting.upsert({ where: { id: 1 }, create: { id: 1 }, update: {} });
    await t.db.post.findMany({ take: 1 });
    stop();
    expect(seen).toEqual([]);
  });

  it('when a batch transaction writes, then a change is announced', async () => {
    const { seen, stop } = record();
    await t.db.$transaction([t.db.tag.updateMany({ where: { slug: 'common' }, data: { name: 'common' } })]);
    stop();
    expect(seen.length).toBeGreaterThan(0);
  });
});
