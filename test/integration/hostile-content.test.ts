import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { addPost, createTestApp, type TestApp } from '../helpers/app.js';
import { activeContentIn } from '../helpers/inert.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await addPost(t, {
    slug: 'hostile',
    title: '<script>alert("title")</script>',
    description: '"><img src=x onerror=alert(1)>',
    tags: ['<b>tag</b>'],
    markdown: [
      '<script>alert(1)</script>',
      '<img src="x" onerror="alert(2)">',
      '[click](javascript:alert(3))',
      '<a href="jav&#x09;ascript:alert(4)">x</a>',
      '<svg><script>alert(5)</script></svg>',
      '<iframe src="https://evil.example"></iframe>',
      '<p style="position:fixed" onclick="alert(6)">styled</p>',
    ].join('\n\n'),
  });
});
afterAll(() => t.cleanup());

describe('hostile content in a post', () => {
  it.each(['/posts/hostile/', '/', '/search/?q=styled', '/index.xml', '/archives/'])(
    'when %s is served, then nothing in it can run',
    async (url) => {
      const res = await request(t.app).get(url).expect(200);
      expect(activeContentIn(res.text)).toEqual([]);
    },
  );

  it('when the post is served, then its content holds no SVG or MathML at all', async () => {
    const res = await request(t.app).get('/posts/hostile/').expect(200);
    const content = res.text.match(/<div class="post-content">([\s\S]*?)<\/div>\s*<footer/)?.[1];
    expect(content).toBeDefined();
    expect(content).not.toMatch(/<svg|<math/i);
  });

  it('when the title holds markup, then the page shows it as text', async () => {
    const res = await request(t.app).get('/posts/hostile/').expect(200);
    expect(res.text).toContain('&lt;script&gt;alert(');
  });
});
