import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { addPost, BASE_URL, createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await addPost(t, { slug: 'first', title: 'First & <Best>', publishedAt: new Date('2024-04-25T00:00:00Z'), tags: ['go'] });
  await addPost(t, { slug: 'second', title: 'Second', publishedAt: new Date('2024-04-15T00:00:00Z') });
  await addPost(t, { type: 'page', slug: 'about', title: 'About', publishedAt: null });
});
afterAll(() => t.cleanup());

describe('feeds, sitemap and robots', () => {
  it('when a feed reader fetches /index.xml, then it gets RSS 2.0 with absolute links, newest first, escaped', async () => {
    const res = await request(t.app).get('/index.xml').expect(200);
    expect(res.headers['content-type']).toMatch(/application\/rss\+xml/);
    expect(res.text).toContain('<rss version="2.0"');
    expect(res.text).toContain(`<atom:link href="${BASE_URL}/index.xml"`);
    const links = [...res.text.matchAll(/<item>[\s\S]*?<link>([^<]+)<\/link>/g)].map((m) => m[1]);
    expect(links).toEqual([`${BASE_URL}/posts/first/`, `${BASE_URL}/posts/second/`]);
    expect(res.text).toContain('<title>First &amp; &lt;Best&gt;</title>');
    expect(res.text).toContain('<pubDate>Thu, 25 Apr 2024 00:00:00 +0000</pubDate>');
  });

  it('when a feed reader fetches a tag feed, then it holds only that tag\'s posts', async () => {
    const res = await request(t.app).get('/tags/go/index.xml').expect(200);
    expect(res.text).toContain('/posts/first/');
    expect(res.text).not.toContain('/posts/second/');
  });

  it('when a crawler fetches /sitemap.xml, then it lists the home page, posts, pages and tags', async () => {
    const res = await request(t.app).get('/sitemap.xml').expect(200);
    for (const path of ['/', '/posts/first/', '/posts/second/', '/about/', '/tags/go/']) {
      expect(res.text).toContain(`<loc>${BASE_URL}${path}</loc>`);
    }
  });

  it('when a crawler fetches /robots.txt, then it names the sitemap and keeps out of /admin/', async () => {
    const res = await request(t.app).get('/robots.txt').expect(200);
    expect(res.text).toContain(`Sitemap: ${BASE_URL}/sitemap.xml`);
    expect(res.text).toContain('Disallow: /admin/');
  });

  it('when a post page is served, then it carries canonical, OpenGraph, Twitter and JSON-LD BlogPosting', async () => {
    const res = await request(t.app).get('/posts/second/').expect(200);
    expect(res.text).toContain(`<link rel="canonical" href="${BASE_URL}/posts/second/"`);
    expect(res.text).toMatch(/<meta property="og:title" content="Second/);
    expect(res.text).toMatch(/<meta name="twitter:card"/);
    const ld = JSON.parse(res.text.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1]!);
    expect(ld['@type']).toBe('BlogPosting');
    expect(ld.headline).toBe('Second');
  });
});
