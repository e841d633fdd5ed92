/**
 * Term pages (tags, categories, series) and their feeds exist only while a public post uses the
 * term: a term only drafts, scheduled or trashed posts use is unknown to a reader.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPost, createTestApp, type TestApp } from '../helpers/app.js';

const DAY = 86_400_000;
let t: TestApp;
let n = 0;
const uid = () => `${Date.now().toString(36)}${++n}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const anon = (url: string) => request(t.app).get(url);

beforeAll(async () => {
  t = await createTestApp();
  await addPost(t, { slug: 'public-one', tags: ['public-tag'] });
  await addPost(t, { slug: 'a-draft', status: 'draft', tags: ['draft-tag'], categories: ['draft-category'], series: ['draft-series'] });
  await addPost(t, { slug: 'a-scheduled', status: 'scheduled', publishedAt: new Date(Date.now() + DAY), tags: ['scheduled-tag'] });
  const trashed = await addPost(t, { slug: 'a-trashed', tags: ['trashed-tag'] });
  await t.db.post.update({ where: { id: trashed.id }, data: { deletedAt: new Date() } });
});
afterAll(() => t.cleanup());

describe('terms with no public post', () => {
  const hidden = [
    '/tags/draft-tag/',
    '/tags/scheduled-tag/',
    '/tags/trashed-tag/',
    '/categories/draft-category/',
    '/series/draft-series/',
  ];

  it.each(hidden)('when a reader opens %s, then it is the same 404 page as an unknown term', async (url) => {
    const unknownUrl = url.replace(/[^/]+\/$/, 'no-such-term/');
    const unknown = await anon(unknownUrl).expect(404);
    const res = await anon(url).expect(404);
    expect(res.text).toBe(unknown.text.replaceAll(unknownUrl, url));
  });

  it.each(hidden)('when a reader opens the feed of %s, then it is 404', async (url) => {
    await anon(`${url}index.xml`).expect(404);
  });

  it('when a reader opens /tags/ or the sitemap, then only terms of public posts are listed', async () => {
    for (const url of ['/tags/', '/sitemap.xml']) {
      const res = await anon(url).expect(200);
      expect(res.text, url).toContain('/tags/public-tag/');
      for (const term of ['draft-tag', 'scheduled-tag', 'trashed-tag']) expect(res.text, url).not.toContain(term);
    }
  });

  it('when the only post using a tag is public, then its page and feed answer 200', async () => {
    await anon('/tags/public-tag/').expect(200);
    await anon('/tags/public-tag/index.xml').expect(200);
  });
});

describe('a scheduled post reaching its moment', () => {
  it('when the moment passes, then the tag page and feed appear, even after being asked for before', async () => {
    const tag = `soon-${uid()}`;
    const at = Date.now() + 1500;
    await addPost(t, { slug: `soon-${uid()}`, title: `Soon ${tag}`, status: 'scheduled', publishedAt: new Date(at), tags: [tag] });
    for (const url of [`/tags/${tag}/`, `/tags/${tag}/index.xml`]) {
      await anon(url).expect(404);
      expect((await anon(url).expect(404)).headers['x-cache'], url).toBe('HIT');
    }

    await sleep(at - Date.now() + 10);

    expect((await anon(`/tags/${tag}/`).expect(200)).text).toContain(`Soon ${tag}`);
    expect((await anon(`/tags/${tag}/index.xml`).expect(200)).text).toContain(`Soon ${tag}`);
  });
});
