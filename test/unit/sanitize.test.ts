import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/content/markdown.js';
import { sanitizeHtml } from '../../src/content/sanitize.js';

// Markup that could run script or escape the allow-list. (As escaped text it is harmless.)
const DANGER =
  /<(script|svg|math|iframe|style|form|object|embed|button|textarea|meta|base)\b|\son\w+=|(href|src)="[^"]*(javascript|vbscript|data):|\sstyle=/i;

describe('sanitizeHtml (hostile input)', () => {
  it.each([
    ['script tag', '<p>hi</p><script>alert(1)</script>', '<p>hi</p>'],
    ['event handler on img', '<img src=x onerror=alert(1)>', '<img src="x" />'],
    ['javascript: link', '<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['javascript: link with entity-encoded tab', '<a href="jav&#x09;ascript:alert(1)">x</a>', '<a>x</a>'],
    ['javascript: link with leading spaces and capitals', '<a href="  JaVaScRiPt:alert(1)">x</a>', '<a>x</a>'],
    ['javascript: link with a NUL byte', '<a href="java\u0000script:alert(1)">x</a>', '<a>x</a>'],
    ['vbscript: link', '<a href="vbscript:msgbox(1)">x</a>', '<a>x</a>'],
    ['script inside svg', '<svg><script>alert(1)</script><text>t</text></svg>', ''],
    ['svg with onload', '<svg onload="alert(1)"><circle r="1"/></svg>', ''],
    ['MathML', '<math><mi>x</mi><maction actiontype="statusline">y</maction></math>', ''],
    ['iframe', '<iframe src="https://evil.example"></iframe>', ''],
    ['style element', '<style>body{display:none}</style>', ''],
    ['form and its controls', '<form action="/steal"><input type="password" name="p"><button>Go</button></form>', 'Go'],
    ['object and embed', '<object data="x.swf"></object><embed src="x.swf">', ''],
    ['data: image', '<img src="data:image/svg+xml;base64,PHN2Zz4=">', '<img />'],
    ['data: link', '<a href="data:text/html,<script>alert(1)</script>">x</a>', '<a>x</a>'],
    ['protocol-relative link', '<a href="//evil.example/x">x</a>', '<a>x</a>'],
    ['inline style on a paragraph', '<p style="position:fixed;top:0">x</p>', '<p>x</p>'],
    ['extra style on a table cell', '<td style="text-align:right;background:url(x)">x</td>', '<td class="align-right">x</td>'],
    ['a style on a table cell that is not an alignment', '<td style="background:url(x)">x</td>', '<td>x</td>'],
    ['non-checkbox input', '<input type="text" value="x">', ''],
    ['foreign classes', '<span class="hljs-string admin-only">x</span>', '<span class="hljs-string">x</span>'],
    ['a foreign class on a figure', '<figure class="align-center site-header">x</figure>', '<figure class="align-center">x</figure>'],
    ['a foreign class on a link', '<a class="embed-card button-danger" href="/x">x</a>', '<a class="embed-card" href="/x">x</a>'],
    ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', ''],
    ['base href', '<base href="https://evil.example/">', ''],
  ])('when the input has a %s, then it does not survive', (_name, input, expected) => {
    const output = sanitizeHtml(input);
    expect(output).toBe(expected);
    expect(output).not.toMatch(DANGER);
  });

  it.each([
    ['[x](javascript:alert(1))'],
    ['[x](JAVASCRIPT:alert(1))'],
    ['<javascript:alert(1)>'],
    ['![x](data:image/png;base64,AAAA)'],
    ['<a href="jav&#x09;ascript:alert(1)">x</a>'],
    ['<svg><script>alert(1)</script></svg>'],
    ['<p onclick="alert(1)">x</p>'],
  ])('when markdown contains %j, then the rendered HTML is harmless', (markdown) => {
    expect(renderMarkdown(markdown).html).not.toMatch(DANGER);
  });
});

describe('sanitizeHtml (article markup)', () => {
  it.each([
    ['<h2 id="intro">Intro</h2>'],
    ['<p>a <em>b</em> <strong>c</strong> <del>d</del> <ins>e</ins> <mark>f</mark> <kbd>g</kbd> x<sup>2</sup> H<sub>2</sub>O</p>'],
    ['<ul><li>a</li></ul><ol start="3"><li>b</li></ol>'],
    ['<blockquote><p>q</p></blockquote><hr /><p>a<br />b</p>'],
    ['<figure><img src="/a.png" alt="A" title="T" width="10" height="20" loading="lazy" /><figcaption>Cap</figcaption></figure>'],
    ['<details><summary>More</summary><p>Hidden</p></details>'],
    ['<table><thead><tr><th class="align-center">h</th></tr></thead><tbody><tr><td>c</td></tr></tbody></table>'],
    ['<pre><code class="hljs language-go"><span class="hljs-keyword">func</span></code></pre>'],
    ['<a href="https://example.com/" title="Ex">e</a> <a href="/posts/x/#y">r</a> <a href="mailto:a@b.c">m</a>'],
    ['<ul class="contains-task-list"><li class="task-list-item"><input class="task-list-item-checkbox" checked type="checkbox" disabled /> d</li></ul>'],
    ['<figure class="align-right"><img src="/a.png" alt="" /><figcaption><p class="figure-title">T</p><p>C</p></figcaption></figure>'],
    ['<details open><summary>S</summary><p>x</p></details>'],
    ['<pre><code class="hljs language-go"><span class="line hl"><span class="ln">1</span>x\n</span></code></pre>'],
    [
      '<a class="embed-card embed-card-youtube" href="https://www.youtube-nocookie.com/embed/x" rel="noopener noreferrer">' +
        '<span class="embed-card-provider">YouTube</span> <span class="embed-card-title">T</span> <span class="embed-card-action">Watch</span></a>',
    ],
  ])('when the input is %j, then it is kept as is', (input) => {
    expect(sanitizeHtml(input)).toBe(input);
  });

  it('when a link opens a new tab, then rel="noopener" is added and other rel tokens stay', () => {
    expect(sanitizeHtml('<a href="/x" target="_blank">x</a>')).toBe('<a href="/x" target="_blank" rel="noopener">x</a>');
    expect(sanitizeHtml('<a href="/x" target="_blank" rel="nofollow">x</a>')).toBe(
      '<a href="/x" target="_blank" rel="nofollow noopener">x</a>',
    );
  });

  it('when a checkbox is not disabled, then it becomes disabled', () => {
    expect(sanitizeHtml('<input type="checkbox" checked>')).toBe('<input type="checkbox" checked disabled />');
  });
});

describe('sanitizeHtml (form fields)', () => {
  it('when a post holds thousands of text fields among checkboxes, then only the checkboxes stay, disabled', () => {
    const out = sanitizeHtml('<p>a <input type="text"> <input TYPE=checkbox checked> <input/type=password></p>'.repeat(5000));
    expect(out.match(/<input/g)).toHaveLength(5000);
    expect(out).not.toMatch(/text"|password/);
    expect(out.startsWith('<p>a  <input type="checkbox" checked disabled />')).toBe(true);
  });

  it('when an input is written inside an attribute or a comment, then the text around it is untouched', () => {
    expect(sanitizeHtml('<a title="<input type=text>" href="/x">x</a><!-- <input> -->y')).toBe(
      '<a title="&lt;input type=text&gt;" href="/x">x</a>y',
    );
  });
});
