import { describe, expect, it } from 'vitest';
import { deriveContent } from '../../src/content/derive.js';

const words = (n: number) => Array.from({ length: n }, () => 'word').join(' ');

describe('deriveContent', () => {
  it('when a post is saved, then html, toc, summary, counts and search text are derived together', () => {
    const derived = deriveContent({
      title: 'My Post',
      description: 'About things',
      markdown: `Intro paragraph.\n\n## Part one\n\n${words(300)}\n\n\`\`\`go\nfunc main() {}\n\`\`\`\n`,
      summarySource: '',
    });
    expect(derived.html).toContain('<h2 id="part-one">Part one</h2>');
    expect(derived.html).toContain('class="hljs language-go"');
    expect(derived.toc).toEqual([{ level: 2, id: 'part-one', text: 'Part one' }]);
    expect(derived.summaryText).toBe(`Intro paragraph. Part one ${words(300)}`);
    expect(derived.summaryTruncated).toBe(true);
    // 2 + 2 + 300 + 3 ("func", "main()", "{}"): code counts, as in Hugo.
    expect(derived.wordCount).toBe(307);
    expect(derived.readingTime).toBe(2);
    expect(derived.searchText).toBe(`My Post About things Intro paragraph. Part one ${words(300)} func main() {}`);
  });

  it('when the post has a front-matter summary, then it is the summary, not truncated', () => {
    const derived = deriveContent({ title: 'T', description: '', markdown: words(100), summarySource: 'tl;dr: it just works' });
    expect(derived).toMatchObject({ summaryText: 'tl;dr: it just works', summaryTruncated: false, wordCount: 100, readingTime: 1 });
    expect(derived.searchText).toBe(`T ${words(100)}`);
  });

  it('when a post has shortcodes, then counts, summary and search read what the reader sees', () => {
    const derived = deriveContent({
      title: 'T',
      description: '',
      markdown: [
        '{{< youtube dQw4w9WgXcQ >}}',
        'One two three.',
        '{{< figure src="/a.png" title="Cat" caption="A cat" >}}',
        '{{< highlight go >}}\nfunc main() {}\n{{< /highlight >}}',
        '{{% notice %}}Kept words{{% /notice %}}',
      ].join('\n\n'),
      summarySource: '',
    });
    // 3 + figure (1 + 2) + code (3) + 2: the card counts for nothing, as Hugo's frame does.
    expect(derived.wordCount).toBe(11);
    expect(derived.summaryText).toBe('One two three. Cat A cat func main() {} Kept words');
    expect(derived.searchText).not.toMatch(/\{\{|YouTube/);
  });

  it('when a resolver is given, then ref links use it', () => {
    const derived = deriveContent(
      { title: 'T', description: '', markdown: '[a]({{< ref "posts/a.md" >}})', summarySource: '' },
      { resolveRef: () => '/posts/elsewhere/' },
    );
    expect(derived.html).toBe('<p><a href="/posts/elsewhere/">a</a></p>\n');
  });

  it('when the post is empty, then everything is empty or zero', () => {
    expect(deriveContent({ title: '', description: '', markdown: '', summarySource: '' })).toEqual({
      html: '',
      toc: [],
      summaryText: '',
      summaryTruncated: false,
      wordCount: 0,
      readingTime: 0,
      searchText: '',
    });
  });
});
