import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/content/markdown.js';
import { defaultRefUrl } from '../../src/content/shortcode-refs.js';
import { activeContentIn } from '../helpers/inert.js';

const html = (markdown: string, options = {}) => renderMarkdown(markdown, options).html;

/** No shortcode delimiter left anywhere a reader could see it. */
const RAW_TAG = /\{\{\s*[<%]|[>%]\s*\}\}/;

describe('shortcodes (figure)', () => {
  it('when a figure has every argument, then it is an image with its link, title, caption and credit', () => {
    const out = html(
      '{{< figure src="/img/cat.jpg" alt="A cat" title="Our cat" caption="Asleep on *the* sofa" attr="Jane" ' +
        'attrlink="https://jane.example" link="/img/cat-large.jpg" target="_blank" rel="nofollow" width="600" height="400" >}}',
    );
    expect(out).toBe(
      '<figure><a href="/img/cat-large.jpg" target="_blank" rel="nofollow noopener">' +
        '<img src="/img/cat.jpg" alt="A cat" width="600" height="400" /></a>' +
        '<figcaption><p class="figure-title">Our cat</p>' +
        '<p>Asleep on <em>the</em> sofa <a href="https://jane.example">Jane</a></p></figcaption></figure>\n',
    );
  });

  it('when a figure has a caption but no alt, then the alt is the caption as plain text', () => {
    expect(html('{{< figure src="a.png" caption="A **bold** [cat](https://c.example)" >}}')).toBe(
      '<figure><img src="a.png" alt="A bold cat" />' +
        '<figcaption><p>A <strong>bold</strong> <a href="https://c.example">cat</a></p></figcaption></figure>\n',
    );
  });

  it('when a figure asks for alignment, then only an alignment class is kept', () => {
    expect(html('{{< figure src="a.png" class="align-center shadow" >}}')).toBe(
      '<figure class="align-center"><img src="a.png" alt="" /></figure>\n',
    );
    expect(html('{{< figure src="a.png" align=right >}}')).toContain('<figure class="align-right">');
  });

  it('when width or height is not a number, then it is left out', () => {
    expect(html('{{< figure src="a.png" width="50%" height="x" >}}')).toBe(
      '<figure><img src="a.png" alt="" /></figure>\n',
    );
  });

  it('when a figure stands on its own line between paragraphs, then it is not wrapped in a paragraph', () => {
    expect(html('Before\n{{< figure src="a.png" >}}\nAfter')).toBe(
      '<p>Before</p>\n<figure><img src="a.png" alt="" /></figure>\n<p>After</p>\n',
    );
  });
});

describe('shortcodes (highlight)', () => {
  it('when a highlight block names a language, then it renders as the same fenced block would', () => {
    const shortcode = html('{{< highlight go >}}\nfunc main() {}\n{{< /highlight >}}');
    expect(shortcode).toBe(html('```go\nfunc main() {}\n```').trimEnd() + '\n');
    expect(shortcode).toContain('<pre><code class="hljs language-go"><span class="hljs-function">');
  });

  it('when the language is unknown, then the code is escaped plain code', () => {
    expect(html('{{< highlight nosuch >}}\n<b>x</b> & y\n{{< /highlight >}}')).toBe(
      '<pre><code class="language-nosuch">&lt;b&gt;x&lt;/b&gt; &amp; y\n</code></pre>\n',
    );
  });

  it('when options ask for line numbers and marked lines, then each line shows its number and mark', () => {
    const out = html(
      '{{< highlight text "linenos=table,hl_lines=2 3-4,linenostart=10" >}}\na\nb\nc\nd\ne\n{{< /highlight >}}',
    );
    expect(out).toBe(
      '<pre><code class="hljs language-text">' +
        '<span class="line"><span class="ln">10</span>a\n</span>' +
        '<span class="line hl"><span class="ln">11</span>b\n</span>' +
        '<span class="line hl"><span class="ln">12</span>c\n</span>' +
        '<span class="line hl"><span class="ln">13</span>d\n</span>' +
        '<span class="line"><span class="ln">14</span>e\n</span></code></pre>\n',
    );
  });

  it('when a token spans lines, then each line closes and reopens it', () => {
    const out = html('{{< highlight go "hl_lines=1" >}}\n/* one\ntwo */\n{{< /highlight >}}');
    expect(out).toContain('<span class="line hl"><span class="hljs-comment">/* one</span>\n</span>');
    expect(out).toContain('<span class="line"><span class="hljs-comment">two */</span>\n</span>');
  });

  it('when a fence has Hugo attributes, then they apply as in the shortcode', () => {
    expect(html('```go {linenos=true}\nx := 1\n```\n')).toContain(
      '<span class="line"><span class="ln">1</span>x := ',
    );
  });

  it('when the block sits indented in a list item, then its common indentation is removed', () => {
    expect(html('- item\n\n    {{< highlight go >}}\n    x := 1\n    {{< /highlight >}}\n')).toContain(
      '<pre><code class="hljs language-go">x := <span class="hljs-number">1</span>\n</code></pre>',
    );
  });

  it('when the code shows an escaped shortcode, then the reader sees the literal tag', () => {
    expect(html('{{< highlight md >}}\n{{</* figure src="a.png" */>}}\n{{< /highlight >}}')).toContain(
      '{{&lt; figure src="a.png" &gt;}}',
    );
  });
});

describe('shortcodes (ref and relref)', () => {
  it.each([
    ['posts/guides/setup.md', '/posts/setup/'],
    ['/posts/x', '/posts/x/'],
    ['x.md', '/posts/x/'],
    ['posts/bundle/index.md', '/posts/bundle/'],
    ['/about.md', '/about/'],
    ['/about/index.md', '/about/'],
    ['x.md#part-one', '/posts/x/#part-one'],
    ['#part-one', '#part-one'],
    ['posts/Hello World.md', '/posts/hello-world/'],
    ['/posts/_index.md', '/posts/'],
    ['', null],
    ['!!!.md', null],
  ])('when the target is %j, then the default rule answers %j', (target, url) => {
    expect(defaultRefUrl(target)).toBe(url);
  });

  it('when a link points at a ref, then its href is the post URL', () => {
    expect(
      html('See [setup]({{< ref "posts/guides/setup.md" >}}) and [more]({{< relref "x.md#part" >}}).'),
    ).toBe('<p>See <a href="/posts/setup/">setup</a> and <a href="/posts/x/#part">more</a>.</p>\n');
  });

  it('when the render is given a resolver, then its answer is used', () => {
    const resolveRef = (target: string) => (target === 'posts/a.md' ? '/posts/renamed/' : null);
    expect(html('[a]({{< ref "posts/a.md" >}})', { resolveRef })).toBe(
      '<p><a href="/posts/renamed/">a</a></p>\n',
    );
  });

  it('when nothing resolves the target, then the link stays on the page and its text still shows', () => {
    expect(html('[gone]({{< ref "missing.md" >}})', { resolveRef: () => null })).toBe(
      '<p><a href="#">gone</a></p>\n',
    );
  });

  it('when the resolved URL has spaces or parentheses, then the link still parses', () => {
    expect(html('[a]({{< ref "x" >}})', { resolveRef: () => '/posts/a (b)/' })).toBe(
      '<p><a href="/posts/a%20%28b%29/">a</a></p>\n',
    );
  });
});

describe('shortcodes (embeds as link cards)', () => {
  it.each([
    [
      '{{< youtube dQw4w9WgXcQ >}}',
      'youtube',
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
      'YouTube',
      'Video dQw4w9WgXcQ',
      'Watch on YouTube',
    ],
    [
      '{{< youtube id="dQw4w9WgXcQ" title="A talk" start=90 >}}',
      'youtube',
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90',
      'YouTube',
      'A talk',
      'Watch on YouTube',
    ],
    [
      '{{< vimeo 146022717 >}}',
      'vimeo',
      'https://vimeo.com/146022717',
      'Vimeo',
      'Video 146022717',
      'Watch on Vimeo',
    ],
    [
      '{{< x user="SanDiegoZoo" id="1453110110599868418" >}}',
      'x',
      'https://x.com/SanDiegoZoo/status/1453110110599868418',
      'X',
      'Post by @SanDiegoZoo',
      'View on X',
    ],
    [
      '{{< tweet 877500564405444608 >}}',
      'x',
      'https://x.com/i/status/877500564405444608',
      'X',
      'Post 877500564405444608',
      'View on X',
    ],
    [
      '{{< twitter user="golang" id="1" >}}',
      'x',
      'https://x.com/golang/status/1',
      'X',
      'Post by @golang',
      'View on X',
    ],
    [
      '{{< instagram BWNjjyYFxVx >}}',
      'instagram',
      'https://www.instagram.com/p/BWNjjyYFxVx/',
      'Instagram',
      'Post BWNjjyYFxVx',
      'View on Instagram',
    ],
    [
      '{{< gist spf13 7896402 img.html >}}',
      'gist',
      'https://gist.github.com/spf13/7896402#file-img-html',
      'GitHub Gist',
      'img.html by spf13',
      'View on GitHub',
    ],
  ])(
    'when the post has %s, then it is a card linking out',
    (markdown, kind, href, provider, title, action) => {
      expect(html(markdown)).toBe(
        `<a class="embed-card embed-card-${kind}" href="${href}" rel="noopener noreferrer">` +
          `<span class="embed-card-provider">${provider}</span> <span class="embed-card-title">${title}</span> ` +
          `<span class="embed-card-action">${action}</span></a>\n`,
      );
    },
  );

  it('when a page has every embed, then nothing on it loads from another site', () => {
    const out = html(
      '{{< youtube abc >}}\n{{< vimeo 1 >}}\n{{< x user="u" id="1" >}}\n{{< instagram abc >}}\n{{< gist u 1 >}}\n',
    );
    expect(out).not.toMatch(/<(iframe|script|img|object|embed)\b/);
    expect(activeContentIn(out)).toEqual([]);
  });

  it.each([
    ['{{< youtube >}}'],
    ['{{< youtube "javascript:alert(1)" >}}'],
    ['{{< youtube "abc/../../evil" >}}'],
    ['{{< x user="a b" id="1" >}}'],
    ['{{< x user="u" id="12ab" >}}'],
    ['{{< gist "u" "not-hex!" >}}'],
    ['{{< vimeo "https://evil.example" >}}'],
  ])('when the identifiers in %s are missing or malformed, then nothing is shown', (markdown) => {
    expect(html(markdown)).toBe('');
  });
});

describe('shortcodes (collapsible sections, comments, unknown names)', () => {
  it('when details has a summary and is open, then its content is rendered Markdown inside <details open>', () => {
    expect(html('{{< details summary="See *more*" open=true >}}\nA **bold** word.\n{{< /details >}}')).toBe(
      '<details open><summary>See <em>more</em></summary>\n<p>A <strong>bold</strong> word.</p>\n</details>\n',
    );
  });

  it('when details has no summary, then the summary reads "Details" (its title is not the summary)', () => {
    expect(html('{{< details title="tip" >}}x{{< /details >}}')).toBe(
      '<details><summary>Details</summary>\n<p>x</p>\n</details>\n',
    );
  });

  it.each([
    [
      '{{< collapse summary="Open me" openByDefault=true >}}\nHidden\n{{< /collapse >}}',
      '<details open><summary>Open me</summary>',
    ],
    ['{{% expand "Click" %}}Hidden{{% /expand %}}', '<details><summary>Click</summary>'],
    ['{{< spoiler text="Ending" >}}Hidden{{< /spoiler >}}', '<details><summary>Ending</summary>'],
  ])('when a theme-style collapsible %s is used, then it becomes <details>', (markdown, open) => {
    const out = html(markdown);
    expect(out.startsWith(open)).toBe(true);
    expect(out).toContain('<p>Hidden</p>');
  });

  it('when details hold other shortcodes, then those render too', () => {
    const out = html(
      '{{< details summary="More" >}}\n{{< figure src="a.png" >}}\n\n{{< details >}}inner{{< /details >}}\n{{< /details >}}',
    );
    expect(out).toContain('<figure><img src="a.png" alt="" /></figure>');
    expect(out).toContain('<details><summary>Details</summary>\n<p>inner</p>\n</details>');
  });

  it('when a comment shortcode wraps text, then nothing of it is shown', () => {
    expect(html('A {{% comment %}}rewrite this{{% /comment %}}B')).toBe('<p>A B</p>\n');
  });

  it('when a shortcode is unknown, then its tags go and its content stays, as Markdown', () => {
    expect(html('{{< notice warning "Careful" >}}\nDo **not** {{< icon x >}}do this.\n{{< /notice >}}')).toBe(
      '<p>Do <strong>not</strong> do this.</p>\n',
    );
    expect(html('{{% hint %}}\n## Heads up\n{{% /hint %}}')).toBe('<h2 id="heads-up">Heads up</h2>\n');
  });

  it('when an inline template shortcode is used, then its template text is not shown', () => {
    expect(html('Year: {{< year.inline >}}{{ now.Year }}{{< /year.inline >}}.')).toBe('<p>Year: .</p>\n');
  });

  it('when a shortcode sits inside raw HTML or a quote, then it renders there', () => {
    expect(html('<div class="gallery">\n{{< figure src="a.png" >}}\n</div>')).toBe(
      '<div>\n<figure><img src="a.png" alt="" /></figure>\n</div>',
    );
    expect(html('> {{< youtube abc >}}')).toMatch(/^<blockquote>\n<a class="embed-card embed-card-youtube"/);
  });

  it('when a shortcode is shown in code, then the code shows it as written', () => {
    expect(html('```\n{{< youtube abc >}}\n```\n')).toBe(
      '<pre><code>{{&lt; youtube abc &gt;}}\n</code></pre>\n',
    );
    expect(html('Use `{{% notice %}}` here.')).toBe('<p>Use <code>{{% notice %}}</code> here.</p>\n');
  });
});

describe('shortcodes (what a reader sees, whatever is written)', () => {
  const MIXED = [
    '{{< figure src="a.png" caption="Cat" >}}',
    '{{% notice %}}Kept{{% /notice %}} {{< /orphan >}}',
    '{{< figure src="x" caption="never closed >}}',
    '{{< details summary="S" >}}\n{{< unknown a=1 >}}inside\n{{< /details >}}',
    '{{< highlight go >}}\nx := 1\n{{< /highlight >}}',
    'Broken {{< youtube abc',
  ].join('\n\n');

  it('when a post mixes built-ins, unknown, stray and broken tags, then no delimiter reaches the page', () => {
    const out = html(MIXED);
    expect(out).not.toMatch(RAW_TAG);
    expect(out).toContain('Kept');
    expect(out).toContain('inside');
  });

  it.each([
    ['a javascript: image', '{{< figure src="javascript:alert(1)" >}}'],
    ['a javascript: link', '{{< figure src="a.png" link="javascript:alert(1)" >}}'],
    [
      'a data: credit link',
      '{{< figure src="a.png" attr="me" attrlink="data:text/html,<script>alert(1)</script>" >}}',
    ],
    [
      'a script in the caption',
      '{{< figure src="a.png" caption="<script>alert(1)</script><img src=x onerror=alert(1)>" >}}',
    ],
    [
      'quotes in the title',
      '{{< figure src="a.png" title="x\\" onmouseover=\\"alert(1)" alt="\\"><script>alert(1)</script>" >}}',
    ],
    [
      'an event handler in the summary',
      '{{< details summary="<b onclick=alert(1)>s</b>" >}}x{{< /details >}}',
    ],
    ['a script in a collapsible', '{{< details >}}<script>alert(1)</script>{{< /details >}}'],
    [
      'an iframe in an unknown shortcode',
      '{{< rawhtml >}}<iframe src="https://evil.example"></iframe>{{< /rawhtml >}}',
    ],
    ['a javascript: ref', '[x]({{< ref "javascript:alert(1)" >}})'],
    [
      'a hostile highlight language',
      '{{< highlight "x\\"><script>alert(1)</script>" >}}code{{< /highlight >}}',
    ],
  ])('when a shortcode carries %s, then the page has nothing active', (_what, markdown) => {
    const out = html(markdown);
    expect(activeContentIn(out)).toEqual([]);
    // Handlers may show as text (escaped); activeContentIn checks that none is an attribute.
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toMatch(/\sstyle=/);
  });

  it('when a figure title has quotes, then they show as text', () => {
    expect(html('{{< figure src="a.png" title="The \\"best\\" cat" >}}')).toContain(
      '<p class="figure-title">The "best" cat</p>',
    );
  });

  it('when a heading holds an inline shortcode, then its id comes from the text a reader sees', () => {
    const { html: out, toc } = renderMarkdown('## Setup {{< ref "a.md" >}}\n\n## Demo {{< youtube abc >}}\n');
    expect(out).toContain('<h2 id="setup-postsa">');
    expect(toc.map((e) => e.id)).toEqual(['setup-postsa', 'demo-']);
  });
});

describe('shortcodes (hostile input)', () => {
  it('when figure tags are left unclosed, then they show nothing and a figure after them still renders', () => {
    const out = html(`${'{{< figure src="lost.png" '.repeat(2000)}\n\n{{< figure src="kept.png" >}}\n`);
    expect(out).toContain('<figure><img src="kept.png" alt="" /></figure>');
    expect(out).not.toContain('lost.png');
    expect(out).not.toMatch(RAW_TAG);
  });

  it('when hl_lines names thousands of ranges, then exactly those lines are marked', () => {
    const ranges = Array.from({ length: 3000 }, (_, i) => `${i * 2 + 1}`).join(',');
    const out = html(`\`\`\`text {hl_lines=[${ranges}]}\n${'x\n'.repeat(6000)}\`\`\`\n`);
    expect(out.match(/<span class="line hl">/g)).toHaveLength(3000);
    expect(out.match(/<span class="line">/g)).toHaveLength(3000);
    expect(out).toMatch(/^<pre><code class="hljs language-text"><span class="line hl">x\n<\/span><span class="line">x\n/);
  });

  it('when a fence opens hl_lines thousands of times without closing it, then its line numbers still apply', () => {
    const out = html(`\`\`\`text {${'hl_lines=[1 '.repeat(5000)}linenos=true}\na\nb\n\`\`\`\n`);
    expect(out.match(/<span class="ln">/g)).toHaveLength(2);
    expect(out).not.toContain('class="line hl"');
  });

  it('when a post asks to number more lines than it could hold, then the block past the allowance is not numbered', () => {
    const listing = `\`\`\`go {linenos=true}\n${'x := 1\n'.repeat(2000)}\`\`\`\n`;
    const empty = `\`\`\`text {linenos=true}\n${'\n'.repeat(50_000)}\`\`\`\n`;
    const out = html(`${listing}\n${empty}`);
    expect(out.match(/<span class="ln">/g)).toHaveLength(2000);
    expect(out).toContain(`<pre><code class="hljs language-text">${'\n'.repeat(50_000)}</code></pre>`);
  });

  it('when marked ranges overlap, run past the end or backwards, then each line is marked once at most', () => {
    const out = html('{{< highlight text "hl_lines=1-2 2-3 9-12 3-1" >}}\na\nb\nc\nd\n{{< /highlight >}}');
    expect(out.match(/<span class="line hl">/g)).toHaveLength(3);
  });

  it('when highlighted spans nest across hundreds of lines, then the lines are numbered without colours', () => {
    const code = `${'`${ '.repeat(300)}x${'\n'.repeat(300)}`;
    const out = html(`\`\`\`js {linenos=true}\n${code}\n\`\`\`\n`);
    expect(out.match(/<span class="ln">/g)).toHaveLength(301);
    expect(out).not.toContain('hljs-');
    expect(out.length).toBeLessThan(50 * code.length);
  });

  it('when a highlighted comment spans a few lines, then each numbered line keeps its colour', () => {
    const out = html('```go {linenos=true}\n/* a\nb\nc */\n```\n');
    expect(out.match(/<span class="hljs-comment">/g)).toHaveLength(3);
  });

  it('when a collapsible section holds 150,000 lines, then its indentation is still removed', () => {
    const out = html(`- item\n\n  {{< details >}}\n${'  a\n'.repeat(150_000)}  {{< /details >}}\n`);
    expect(out).toContain('<details><summary>Details</summary>\n<p>a\na\n');
  });
});
