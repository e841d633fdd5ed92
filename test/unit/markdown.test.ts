import { describe, expect, it } from 'vitest';
import { anchorize } from '../../src/content/heading-ids.js';
import { renderMarkdown } from '../../src/content/markdown.js';

const html = (markdown: string) => renderMarkdown(markdown).html;

describe('renderMarkdown (CommonMark + GFM)', () => {
  it.each([
    { feature: 'emphasis', markdown: 'a *b* **c**', contains: '<p>a <em>b</em> <strong>c</strong></p>' },
    { feature: 'strikethrough', markdown: '~~gone~~', contains: '<p><del>gone</del></p>' },
    { feature: 'straight quotes (no typographer)', markdown: `"it's" -- ...`, contains: `<p>"it's" -- ...</p>` },
    { feature: 'URL autolink', markdown: 'see https://example.com/a', contains: '<a href="https://example.com/a">https://example.com/a</a>' },
    { feature: 'www autolink (https, as goldmark)', markdown: 'see www.example.com', contains: '<a href="https://www.example.com">www.example.com</a>' },
    { feature: 'e-mail autolink', markdown: 'mail me@example.com', contains: '<a href="mailto:me@example.com">me@example.com</a>' },
    { feature: 'file names left alone', markdown: 'edit README.md and install.sh', contains: '<p>edit README.md and install.sh</p>' },
    { feature: 'raw HTML kept when harmless', markdown: '<details><summary>More</summary>\n\nHidden\n\n</details>', contains: '<details><summary>More</summary>' },
    { feature: 'images', markdown: '![A cat](/img/cat.png "Cat")', contains: '<img src="/img/cat.png" alt="A cat" title="Cat" />' },
    { feature: 'inline code escaped', markdown: 'use `<b>` here', contains: '<code>&lt;b&gt;</code>' },
  ])('when the markdown uses $feature, then the HTML has it', ({ markdown, contains }) => {
    expect(html(markdown)).toContain(contains);
  });

  it('when there is a GFM table, then it renders with alignment', () => {
    const out = html('| a | b |\n|:--|--:|\n| 1 | 2 |\n');
    expect(out).toContain('<table>');
    expect(out).toContain('<th class="align-left">a</th>');
    expect(out).toContain('<td class="align-right">2</td>');
    expect(out).not.toContain('style=');
  });

  it('when there is a task list, then checkboxes are disabled and keep their state', () => {
    const out = html('- [x] done\n- [ ] todo\n');
    expect(out).toMatch(/<li class="task-list-item"><input class="task-list-item-checkbox" checked disabled type="checkbox" \/> done<\/li>/);
    expect(out).toMatch(/<input class="task-list-item-checkbox" disabled type="checkbox" \/> todo/);
  });

  it('when the markdown has <!--more-->, then the comment is gone from the HTML', () => {
    expect(html('Intro.\n\n<!--more-->\n\nRest.\n')).toBe('<p>Intro.</p>\n<p>Rest.</p>\n');
  });

  it('when the markdown has a script, then it does not reach the HTML', () => {
    expect(html('Hi <script>alert(1)</script>\n\n<img src=x onerror="alert(1)">')).not.toMatch(/script|onerror|alert/);
  });
});

describe('renderMarkdown (code)', () => {
  it('when a fence names a known language, then it is highlighted with classes', () => {
    const out = html('```go\nfunc main() {}\n```\n');
    expect(out).toContain('<pre><code class="hljs language-go"><span class="hljs-function"><span class="hljs-keyword">func</span>');
  });

  it.each([
    { name: 'an unknown language', markdown: '```nosuchlang\n<b>x</b> & y\n```\n', open: '<pre><code class="language-nosuchlang">' },
    { name: 'no language', markdown: '```\n<b>x</b> & y\n```\n', open: '<pre><code>' },
    { name: 'an indented block', markdown: '    <b>x</b> & y\n', open: '<pre><code>' },
  ])('when a code block has $name, then it is escaped plain code', ({ markdown, open }) => {
    expect(html(markdown)).toBe(`${open}&lt;b&gt;x&lt;/b&gt; &amp; y\n</code></pre>\n`);
  });
});

describe('renderMarkdown (heading ids and toc)', () => {
  it('when headings repeat, then ids get -1, -2 like goldmark', () => {
    const { html: out, toc } = renderMarkdown('## Intro\n\n## Intro\n\n### Intro\n');
    expect(out).toContain('<h2 id="intro">Intro</h2>');
    expect(out).toContain('<h2 id="intro-1">Intro</h2>');
    expect(out).toContain('<h3 id="intro-2">Intro</h3>');
    expect(toc).toEqual([
      { level: 2, id: 'intro', text: 'Intro' },
      { level: 2, id: 'intro-1', text: 'Intro' },
      { level: 3, id: 'intro-2', text: 'Intro' },
    ]);
  });

  it('when headings span h1 to h6, then the toc lists only h2 to h4', () => {
    const { toc } = renderMarkdown('# One\n\n## Two\n\n### Three\n\n#### Four\n\n##### Five\n\n###### Six\n');
    expect(toc.map((entry) => entry.level)).toEqual([2, 3, 4]);
  });

  it('when a heading has inline markup, then the id and toc text use its plain text', () => {
    const { html: out, toc } = renderMarkdown('## Using `kubectl` with *Helm*\n');
    expect(out).toContain('<h2 id="using-kubectl-with-helm">');
    expect(toc).toEqual([{ level: 2, id: 'using-kubectl-with-helm', text: 'Using kubectl with Helm' }]);
  });

  it('when a heading ends with {#custom-id}, then that id is used and the block is not shown', () => {
    const { html: out, toc } = renderMarkdown('## Custom {#my-id}\n\n## My id\n');
    expect(out).toContain('<h2 id="my-id">Custom</h2>');
    expect(toc).toEqual([
      { level: 2, id: 'my-id', text: 'Custom' },
      { level: 2, id: 'my-id-1', text: 'My id' },
    ]);
  });
});

describe('anchorize (goldmark autoHeadingIDType: github)', () => {
  it.each([
    ['Background knowledge', 'background-knowledge'],
    ['C++ & Go!', 'c--go'],
    ["User space isn't slow", 'user-space-isnt-slow'],
    ['Why v1.2 — really?', 'why-v12--really'],
    ['snake_case stays', 'snake_case-stays'],
    ['Ärger über Öl', 'ärger-über-öl'],
    ['日本語 見出し', '日本語-見出し'],
    ['!!!', ''],
  ])('when the heading is %j, then the id is %j', (text, id) => {
    expect(anchorize(text)).toBe(id);
  });

  it('when a heading has no letters or digits, then its id is "heading"', () => {
    expect(renderMarkdown('## !!!\n').html).toBe('<h2 id="heading">!!!</h2>\n');
  });
});
