import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { addPost, createTestApp, type TestApp } from '../helpers/app.js';
import { entriesOf } from '../helpers/html.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  for (let i = 1; i <= 23; i++) {
    await addPost(t, {
      slug: `p${i}`,
      title: `Numbered ${String(i).padStart(2, '0')}`,
      publishedAt: new Date(Date.UTC(2023, 0, i)),
      tags: i % 2 ? ['odd'] : ['even'],
      aliases: i === 1 ? ['/old/first-post/', '/2023/01/01/first.html'] : [],
    });
  }
});
afterAll(() => t.cleanup());

describe('Hugo URLs', () => {
  it('when a reader asks for a post without the trailing slash, then it answers 301 to the slash form', async () => {
    const res = await request(t.app).get('/posts/p1').expect(301);
    expect(res.headers.location).toBe('/posts/p1/');
  });

  it('when the query string is present, then the slash redirect keeps it', async () => {
    const res = await request(t.app).get('/search?q=x').expect(301);
    expect(res.headers.location).toBe('/search/?q=x');
  });

  it('when a path starts with two slashes, then it is 404, not a redirect off the site', async () => {
    const res = await request(t.app).get('//evil.example/x');
    expect(res.status).toBe(404);
    expect(res.headers.location).toBeUndefined();
  });

  it('when a reader pages through, then page 2 and 3 hold the next posts and the last page has no Next', async () => {
    const p1 = entriesOf((await request(t.app).get('/').expect(200)).text);
    const p2 = entriesOf((await request(t.app).get('/page/2/').expect(200)).text);
    const p3res = await request(t.app).get('/page/3/').expect(200);
    expect(p1.map((e) => e.title)[0]).toBe('Numbered 23');
    expect(p2.map((e) => e.title)[0]).toBe('Numbered 13');
    expect(entriesOf(p3res.text).map((e) => e.title)).toEqual(['Numbered 03', 'Numbered 02', 'Numbered 01']);
    expect(p3res.text).toContain('href="/page/2/"');
    expect(p3res.text).not.toContain('class="next"');
  });

  it('when a reader asks for /page/1/, then it answers 301 to /', async () => {
    const res = await request(t.app).get('/page/1/').expect(301);
    expect(res.headers.location).toBe('/');
  });

  it.each(['/page/0/', '/page/4/', '/page/abc/', '/page/-1/', '/page/01/', '/page/99999999999999/', '/tags/odd/page/9/'])(
    'when a reader asks for the nonsense page %s, then it is 404',
    async (url) => {
      const res = await request(t.app).get(url).expect(404);
      expect(res.text).toContain('404');
    },
  );

  it.each(['/posts/nope/', '/posts/..%2f..%2fetc/', '/posts/%00/', '/tags/nope/', '/nope/', '/a/b/c/', '/posts/p1/extra/'])(
    'when a reader asks for the unknown URL %s, then it is a 404 page',
    async (url) => {
      await request(t.app).get(url).expect(404);
      expect(t.errors).toEqual([]);
    },
  );

  it('when a reader follows an alias, then it answers 301 to the post', async () => {
    const res = await request(t.app).get('/old/first-post/').expect(301);
    expect(res.headers.location).toBe('/posts/p1/');
    const html = await request(t.app).get('/2023/01/01/first.html').expect(301);
    expect(html.headers.location).toBe('/posts/p1/');
  });

  it('when a tag page is opened, then it lists only that tag\'s posts with a feed link', async () => {
    const res = await request(t.app).get('/tags/even/').expect(200);
    const titles = entriesOf(res.text).map((e) => e.title);
    expect(titles).toHaveLength(10);
    expect(titles.every((x) => Number(x.split(' ')[1]) % 2 === 0)).toBe(true);
    expect(res.text).toContain('/tags/even/index.xml');
  });

  it('when the search text is too long, then it answers 400 with a message and keeps the text', async () => {
    const q = 'x'.repeat(300);
    const res = await request(t.app).get(`/search/?q=${q}`).expect(400);
    expect(res.text).toContain('too long');
    expect(res.text).toContain(q);
  });

  it('when the search query is given twice, then it answers 4xx, not 500', async () => {
    const res = await request(t.app).get('/search/?q=a&q=b');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('when a reader searches, then matching posts come back with the match highlighted', async () => {
    const res = await request(t.app).get('/search/?q=numbered').expect(200);
    expect(res.text).toContain('<mark>');
    expect(res.text).toContain('/posts/p1');
  });

  it('when a search has FTS syntax in it, then it is treated as words, not an error', async () => {
    for (const q of ['"', 'AND OR NOT', 'a*b', 'NEAR(', '^', '(((', "'; DROP TABLE Post; --"]) {
      await request(t.app).get(`/search/?q=${encodeURIComponent(q)}`).expect(200);
    }
    expect(t.errors).toEqual([]);
  });
});
