import { describe, expect, it } from 'vitest';
import { htmlToPlainText, withoutEmbedCards } from '../../src/content/plain-text.js';

describe('htmlToPlainText', () => {
  it.each([
    ['<ul><li>Generally, slower build times</li><li>Increased costs</li></ul>', 'Generally, slower build times Increased costs'],
    ['<h2 id="x">Title</h2><p>Body</p>', 'Title Body'],
    ['<p>a<br>b</p><pre><code>x\n  y</code></pre>', 'a b x y'],
    ['<table><tr><td>1</td><td>2</td></tr></table>', '1 2'],
    ['<p>in<em>line</em> <a href="/x">link</a> <code>code</code></p>', 'inline link code'],
    ['<p>Tom &amp; Jerry &lt;3 &quot;q&quot; &#39;s&#x27; &hellip; &nbsp;x</p>', 'Tom & Jerry <3 "q" \'s\' … x'],
    ['<p>&unknown; &#0; &#x110000;</p>', '&unknown; \ufffd \ufffd'],
    ['<!-- hidden --><p>shown</p><script>nope()</script><style>p{}</style>', 'shown'],
    ['<img src="a.png" alt="alt text">after', 'after'],
    ['<a title="a > b" href="/">x</a>', 'x'],
    ['  \n\t ', ''],
    ['plain text', 'plain text'],
    [
      '<p>a</p><a class="embed-card embed-card-youtube" href="https://www.youtube-nocookie.com/embed/x" rel="noopener noreferrer"><span class="embed-card-provider">YouTube</span> <span class="embed-card-title">Talk</span></a><p>b</p>',
      'a b',
    ],
    ['<a href="/x" class="external embed-card">card</a><a class="embedded" href="/y">kept</a>', 'kept'],
  ])('when the HTML is %j, then the text is %j', (html, text) => {
    expect(htmlToPlainText(html)).toBe(text);
  });

  it('when the HTML has a link card, then withoutEmbedCards removes it and keeps the rest', () => {
    const card = '<a class="embed-card" href="https://vimeo.com/1"><span class="embed-card-title">Video</span></a>';
    expect(withoutEmbedCards(`<p>a</p>${card}<p>b</p>`)).toBe('<p>a</p> <p>b</p>');
  });
});

describe('htmlToPlainText (HTML that is not well formed)', () => {
  it.each([
    ['an unclosed tag', 'a <b c', 'a <b c'],
    ['an unclosed comment', 'a <!-- b', 'a <!-- b'],
    ['an unclosed script', 'a <script>b', 'a b'],
    ['an unclosed quote in a tag', 'a <b title="x>y', 'a <b title="x>y'],
    ['a tag after an unclosed one (one tag to the first >, as HTML reads it)', 'a <b <i>c</i>', 'a c'],
  ])('when the HTML has %s, then what is not a tag stays text', (_case, html, text) => {
    expect(htmlToPlainText(html)).toBe(text);
  });

  it('when thousands of tags are never closed, then the text before them is kept', () => {
    expect(htmlToPlainText(`<p>start</p>${'<a href="x" '.repeat(5000)}`)).toBe(`start ${'<a href="x" '.repeat(5000).trim()}`);
  });

  it('when a link card is never closed, then it is kept as text', () => {
    expect(withoutEmbedCards('<a class="embed-card" href="/x">card')).toBe('<a class="embed-card" href="/x">card');
  });
});
