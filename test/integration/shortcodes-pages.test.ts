import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { addPost, createTestApp, type TestApp } from '../helpers/app.js';
import { makeUser, signIn, tokenFrom } from '../helpers/admin.js';
import { entriesOf } from '../helpers/html.js';
import { activeContentIn } from '../helpers/inert.js';

/** A post the way a Hugo blog writes one: every built-in shortcode and an unknown one. */
const EVERY_BUILTIN = [
  'An opening line before the media.',
  '{{< figure src="/images/cat.jpg" alt="A cat" title="Our cat" caption="Asleep on *the* sofa" attr="Jane" attrlink="https://jane.example" >}}',
  'The setup is in [the guide]({{< ref "posts/guides/setup.md" >}}), the rest [here]({{< relref "/posts/more#details" >}}).',
  '{{< highlight go "hl_lines=2" >}}\npackage main\nfunc main() {}\n{{< /highlight >}}',
  '{{< youtube id="dQw4w9WgXcQ" title="A talk" >}}',
  '{{< vimeo 146022717 >}}',
  '{{< x user="SanDiegoZoo" id="1453110110599868418" >}}',
  '{{< tweet user="golang" id="1" >}}',
  '{{< instagram BWNjjyYFxVx >}}',
  '{{< gist spf13 7896402 >}}',
  '{{< details summary="More *context*" >}}\nHidden **detail**.\n{{< /details >}}',
  '{{< collapse summary="Folded" >}}\nFolded text.\n{{< /collapse >}}',
  '{{% comment %}}Note to self: rewrite.{{% /comment %}}',
  '{{% notice warning %}}\nKept **inside** an unknown shortcode.\n{{% /notice %}}',
].join('\n\n');

/** `{{<`, `{{%`, `>}}` or `%}}` as HTML, attribute text or JSON carries them. */
const RAW_TAG = /\{\{\s*(<|%|&lt;|\\u003c)|(>|%|&gt;|\\u003e)\s*\}\}/i;

const PUBLIC_CONTENT = /<div class="post-content">([\s\S]*?)<\/div>\n<footer class="post-footer">/;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await addPost(t, { slug: 'setup', title: 'Setup guide', publishedAt: new Date(Date.UTC(2023, 0, 1)) });
  await addPost(t, { slug: 'more', title: 'More', publishedAt: new Date(Date.UTC(2023, 0, 2)) });
  await addPost(t, {
    slug: 'everything',
    title: 'Every shortcode',
    markdown: EVERY_BUILTIN,
    publishedAt: new Date(Date.UTC(2024, 5, 1)),
  });
  await addPost(t, {
    slug: 'video-first',
    title: 'Video first',
    markdown:
      '{{< youtube dQw4w9WgXcQ >}}\n\nThe talk explains caching in plain words.\n\n{{< figure src="/a.png" caption="A chart" >}}\n',
    publishedAt: new Date(Date.UTC(2024, 5, 2)),
  });
  await addPost(t, {
    slug: 'syntax',
    title: 'Shortcode syntax',
    markdown: 'How to embed: `{{</* youtube ID */>}}`.\n\n```\n{{< youtube ID >}}\n```\n',
    publishedAt: new Date(Date.UTC(2022, 0, 1)),
  });
});
afterAll(() => t.cleanup());

async function page(url: string): Promise<string> {
  return (await request(t.app).get(url).expect(200)).text;
}

describe('a post written with Hugo shortcodes, on its public page', () => {
  it('when the page is served, then no shortcode delimiter shows anywhere in it', async () => {
    const html = await page('/posts/everything/');
    expect(html).not.toMatch(RAW_TAG);
    expect(html).not.toContain('Note to self');
  });

  it('when a post shows shortcode syntax in code, then the reader sees the literal tags there', async () => {
    const html = await page('/posts/syntax/');
    expect(html).toContain('<code>{{&lt; youtube ID &gt;}}</code>');
    expect(html).toContain('<pre><code>{{&lt; youtube ID &gt;}}\n</code></pre>');
    expect(html).not.toContain('embed-card');
  });

  it('when the page is served, then the figure, collapsible sections and highlighted code are there', async () => {
    const html = await page('/posts/everything/');
    expect(html).toContain('<figure><img src="/images/cat.jpg" alt="A cat" />');
    expect(html).toContain(
      '<figcaption><p class="figure-title">Our cat</p><p>Asleep on <em>the</em> sofa <a href="https://jane.example">Jane</a></p></figcaption>',
    );
    expect(html).toContain(
      '<details><summary>More <em>context</em></summary>\n<p>Hidden <strong>detail</strong>.</p>\n</details>',
    );
    expect(html).toContain('<details><summary>Folded</summary>');
    expect(html).toContain('<span class="line hl"><span class="hljs-function">');
    expect(html).toContain('<p>Kept <strong>inside</strong> an unknown shortcode.</p>');
  });

  it('when the page is served, then embeds are link cards and nothing from another site loads', async () => {
    const html = await page('/posts/everything/');
    expect(activeContentIn(html)).toEqual([]);
    expect(html).not.toMatch(/<iframe|<script[^>]+src="https?:/);
    const cards = [
      ...html.matchAll(/<a class="embed-card embed-card-(\w+)" href="([^"]+)" rel="noopener noreferrer">/g),
    ];
    expect(cards.map((m) => [m[1], m[2]])).toEqual([
      ['youtube', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
      ['vimeo', 'https://vimeo.com/146022717'],
      ['x', 'https://x.com/SanDiegoZoo/status/1453110110599868418'],
      ['x', 'https://x.com/golang/status/1'],
      ['instagram', 'https://www.instagram.com/p/BWNjjyYFxVx/'],
      ['gist', 'https://gist.github.com/spf13/7896402'],
    ]);
    expect(html).toContain('<span class="embed-card-action">Watch on YouTube</span>');
  });

  it('when the post refers to other posts, then its links reach them', async () => {
    const html = await page('/posts/everything/');
    expect(html).toContain('<a href="/posts/setup/">the guide</a>');
    expect(html).toContain('<a href="/posts/more/#details">here</a>');
    await request(t.app).get('/posts/setup/').expect(200);
    await request(t.app).get('/posts/more/').expect(200);
  });

  it.each(['/', '/index.xml', '/posts/index.xml', '/search/?q=sofa'])(
    'when %s lists the post, then no shortcode text shows in its entry either',
    async (url) => {
      const html = await page(url);
      const entry = html.match(
        /<(article|item|li)\b[^>]*>(?:(?!<\/\1>)[\s\S])*Every shortcode[\s\S]*?<\/\1>/,
      )?.[0];
      expect(entry).toBeDefined();
      expect(entry).not.toMatch(RAW_TAG);
      expect(activeContentIn(html)).toEqual([]);
    },
  );
});

describe('summaries of posts that start with a shortcode', () => {
  it('when a post opens with a video, then its front-page summary is its text, clean', async () => {
    const entry = entriesOf(await page('/')).find((e) => e.title === 'Video first');
    expect(entry?.summary).toBe('The talk explains caching in plain words. A chart');
  });

  it('when a post opens with text and media, then its summary has no markup or card text', async () => {
    const entry = entriesOf(await page('/')).find((e) => e.title === 'Every shortcode');
    expect(
      entry?.summary.startsWith('An opening line before the media. Our cat Asleep on the sofa Jane'),
    ).toBe(true);
    expect(entry?.summary).not.toMatch(/\{\{|\}\}|Watch on|<|&lt;/);
  });
});

describe('the editor preview of a post with shortcodes', () => {
  it('when the preview is asked for the same text, then it gives the HTML the public page shows', async () => {
    const author = await makeUser(t, 'author');
    const agent = await signIn(t.app, author.email);
    const token = await tokenFrom(agent, '/admin/posts');
    const res = await agent
      .post('/admin/preview')
      .set('X-CSRF-Token', token)
      .send({ title: 'Every shortcode', content: EVERY_BUILTIN, summary: '', description: '' })
      .expect(200);
    const publicHtml = PUBLIC_CONTENT.exec(await page('/posts/everything/'))?.[1];
    expect(publicHtml).toBeDefined();
    expect(res.body.html).toBe(publicHtml);
    expect(activeContentIn(res.body.html)).toEqual([]);
  });
});
