import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/content/markdown.js';
import { autoSummaryEnd, summarize } from '../../src/content/summary.js';

/** Summarizes markdown the way deriveContent does: from its own rendered HTML. */
function summaryOf(markdown: string, frontMatterSummary = '') {
  return summarize(markdown, renderMarkdown(markdown).html, frontMatterSummary);
}

const words = (n: number, word = 'word') => Array.from({ length: n }, () => word).join(' ');

const KUBERNETES_CLIENT = `Like most other Kubernetes controllers in, Istio is written in Go and relies on the client-go library. While this provides an excellent low-level building block, usage in higher level code in Istio led to a variety of issues that led us to develop our own higher level, opinionated client for Istio. This post covers the issues we faced and how we incrementally solved them.

## Background knowledge

At a high level, client-go provides a few layers for interactions with the API server:

- Typed clientsets, for direct requests such as get, list, create and watch.
- Informers, which list and watch a resource type and keep a local cache up to date.

## Why a new client

The rest of the post goes on here.
`;

const GO_BINARY_SIZES = `In [Analyzing Go Build Times](/posts/go-build-times/), I went over how to analyze and understand Go build times, and what factors impact build times. A close cousin to build times is build sizes. Large binaries can lead to a variety of issues such as:

- Generally, slower build times
- Increased costs of storage
- Increased costs and time to distribute
- Increased memory usage at runtime (more on this in another article, hopefully)

So its generally nice to keep them small.

## Analyzing binary sizes

\`\`\`shell
go build -o app . && ls -lh app
\`\`\`

There are a few tools out there that help.
`;

describe('summarize (real front-page entries)', () => {
  it.each([
    {
      title: 'Building a better Kubernetes Client',
      markdown: KUBERNETES_CLIENT,
      frontMatter: '',
      summaryText:
        'Like most other Kubernetes controllers in, Istio is written in Go and relies on the client-go library. While this provides an excellent low-level building block, usage in higher level code in Istio led to a variety of issues that led us to develop our own higher level, opinionated client for Istio. This post covers the issues we faced and how we incrementally solved them. Background knowledge At a high level, client-go provides a few layers for interactions with the API server:',
      summaryTruncated: true,
    },
    {
      title: 'Analyzing Go Binary Sizes',
      markdown: GO_BINARY_SIZES,
      frontMatter: '',
      summaryText:
        'In Analyzing Go Build Times, I went over how to analyze and understand Go build times, and what factors impact build times. A close cousin to build times is build sizes. Large binaries can lead to a variety of issues such as: Generally, slower build times Increased costs of storage Increased costs and time to distribute Increased memory usage at runtime (more on this in another article, hopefully) So its generally nice to keep them small.',
      summaryTruncated: true,
    },
    {
      title: 'Securing Prometheus with Istio Ambient',
      markdown: `${words(120)}\n\nMore.\n`,
      frontMatter: 'tl;dr: it just works',
      summaryText: 'tl;dr: it just works',
      summaryTruncated: false,
    },
  ])('when the post is "$title", then the front page shows its summary', (entry) => {
    expect(summaryOf(entry.markdown, entry.frontMatter)).toEqual({
      summaryText: entry.summaryText,
      summaryTruncated: entry.summaryTruncated,
    });
  });
});

describe('summarize', () => {
  it.each([
    {
      name: 'a <!--more--> divider is present',
      markdown: `First paragraph.\n\nSecond *one*.\n\n<!--more-->\n\n${words(200)}\n`,
      frontMatter: '',
      expected: { summaryText: 'First paragraph. Second one.', summaryTruncated: true },
    },
    {
      name: 'the divider sits inside a paragraph',
      markdown: 'one two<!--more--> three four\n',
      frontMatter: '',
      expected: { summaryText: 'one two', summaryTruncated: true },
    },
    {
      name: 'nothing follows the divider',
      markdown: 'one two three\n\n<!--more-->\n',
      frontMatter: '',
      expected: { summaryText: 'one two three', summaryTruncated: false },
    },
    {
      name: 'both a divider and a front-matter summary exist',
      markdown: 'Manual part.\n\n<!--more-->\n\nRest.\n',
      frontMatter: 'From front matter',
      expected: { summaryText: 'Manual part.', summaryTruncated: true },
    },
    {
      name: 'the front-matter summary has markdown',
      markdown: words(10),
      frontMatter: 'A *short* [summary](/x/) & more',
      expected: { summaryText: 'A short summary & more', summaryTruncated: false },
    },
    {
      name: 'the content has no more than 70 words',
      markdown: `## Intro\n\n${words(30)}\n\n${words(38)}\n`,
      frontMatter: '',
      expected: { summaryText: `Intro ${words(68)}`, summaryTruncated: false },
    },
    {
      name: 'the 70th word falls in the last paragraph',
      markdown: `${words(40)}\n\n${words(40)}\n`,
      frontMatter: '',
      expected: { summaryText: words(80), summaryTruncated: false },
    },
    {
      name: 'the first paragraph alone reaches 70 words',
      markdown: `${words(75)}\n\nSecond paragraph.\n`,
      frontMatter: '',
      expected: { summaryText: words(75), summaryTruncated: true },
    },
    {
      name: 'a list crosses 70 words but no paragraph follows it',
      markdown: `${words(10)}\n\n- ${words(70)}\n- more\n`,
      frontMatter: '',
      expected: { summaryText: `${words(10)} ${words(70)} more`, summaryTruncated: false },
    },
    {
      name: 'a code block crosses 70 words before a paragraph',
      markdown: `${words(10)}\n\n\`\`\`\n${words(70, 'x')}\n\`\`\`\n\nAfter code.\n\nMuch later.\n`,
      frontMatter: '',
      expected: { summaryText: `${words(10)} ${words(70, 'x')} After code.`, summaryTruncated: true },
    },
    {
      name: 'the text is Chinese (each character is a word)',
      markdown: `${'这是中文'.repeat(10)}\n\n${'全中文'.repeat(20)}\n\n第三段。\n`,
      frontMatter: '',
      expected: { summaryText: `${'这是中文'.repeat(10)} ${'全中文'.repeat(20)}`, summaryTruncated: true },
    },
    {
      name: 'the content is empty',
      markdown: '',
      frontMatter: '',
      expected: { summaryText: '', summaryTruncated: false },
    },
  ])('when $name, then the summary follows Hugo', ({ markdown, frontMatter, expected }) => {
    expect(summaryOf(markdown, frontMatter)).toEqual(expected);
  });
});

describe('summarize (posts with Hugo shortcodes)', () => {
  it('when a post starts with a video, then the summary starts with its text, as Hugo (a frame has no words)', () => {
    const markdown = `{{< youtube dQw4w9WgXcQ >}}\n\n${words(75)}\n\nMore.\n`;
    expect(summaryOf(markdown)).toEqual({ summaryText: words(75), summaryTruncated: true });
  });

  it('when a post starts with a figure, then its caption leads the summary and no tag shows', () => {
    const markdown = `{{< figure src="/a.png" caption="A *sleepy* cat" >}}\n\nShort text.\n`;
    expect(summaryOf(markdown)).toEqual({ summaryText: 'A sleepy cat Short text.', summaryTruncated: false });
  });

  it('when a post is only a card, then the summary is empty and not truncated', () => {
    expect(summaryOf('{{< gist spf13 7896402 >}}\n')).toEqual({ summaryText: '', summaryTruncated: false });
  });

  it('when a manual summary ends in a collapsible section, then the summary is its text', () => {
    const markdown = '{{< details summary="Why" >}}\nBecause.\n{{< /details >}}\n\n<!--more-->\n\nRest.\n';
    expect(summaryOf(markdown)).toEqual({ summaryText: 'Why Because.', summaryTruncated: true });
  });

  it('when an unknown shortcode wraps the opening, then only its content is in the summary', () => {
    expect(summaryOf('{{% notice info %}}\nHeads up.\n{{% /notice %}}\n')).toEqual({
      summaryText: 'Heads up.',
      summaryTruncated: false,
    });
  });
});

describe('autoSummaryEnd', () => {
  it.each([
    { html: '<p>First paragraph</p><p>Second paragraph</p>', length: 2, end: '<p>First paragraph</p>'.length },
    { html: '<p>aa bb</p><p>cc dd</p><p>ee ff</p>', length: 3, end: '<p>aa bb</p><p>cc dd</p>'.length },
    { html: '<p>one two three</p>', length: 70, end: '<p>one two three</p>'.length },
  ])('when the limit is $length words, then the cut is after the paragraph that reaches it', ({ html, length, end }) => {
    expect(autoSummaryEnd(html, length)).toBe(end);
  });

  it('when a word is glued to a tag attribute, then it is not counted, as in Hugo', () => {
    // `href="/x">Go` looks like an attribute, so "Go" is skipped: 3 words, not 4.
    const first = '<p>aa <a href="/x">Go bb</a> cc</p>';
    expect(autoSummaryEnd(`${first}<p>dd ee</p>`, 4)).toBe(`${first}<p>dd ee</p>`.length);
    expect(autoSummaryEnd(`${first}<p>dd ee</p>`, 3)).toBe(first.length);
  });

  it('when a paragraph ends with a one-letter word, then that word is not counted, as in Hugo', () => {
    expect(autoSummaryEnd('<p>aa bb c</p><p>dd ee</p>', 3)).toBe('<p>aa bb c</p><p>dd ee</p>'.length);
  });
});

describe('summarize (a very long first paragraph)', () => {
  it('when the first paragraph holds 100,000 words, then it is the whole summary, marked truncated', () => {
    const first = Array.from({ length: 100_000 }, (_, i) => `w${i}`).join(' ');
    const html = `<p>${first}</p>\n<p>Second.</p>\n`;
    const summary = summarize(`${first}\n\nSecond.\n`, html, '');
    expect(summary.summaryText).toBe(first);
    expect(summary.summaryTruncated).toBe(true);
  });
});
