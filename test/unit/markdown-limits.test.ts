import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/content/markdown.js';
import { sanitizeHtml } from '../../src/content/sanitize.js';

const html = (markdown: string) => renderMarkdown(markdown).html;
const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

describe('renderMarkdown (task lists)', () => {
  it('when a task list is nested in another, then each item and each list is marked', () => {
    expect(html('- [ ] a\n  - [x] b\n- c\n')).toBe(
      '<ul class="contains-task-list">\n' +
        '<li class="task-list-item"><input class="task-list-item-checkbox" disabled type="checkbox" /> a\n' +
        '<ul class="contains-task-list">\n' +
        '<li class="task-list-item"><input class="task-list-item-checkbox" checked disabled type="checkbox" /> b</li>\n' +
        '</ul>\n</li>\n<li>c</li>\n</ul>\n',
    );
  });

  it('when a list has thousands of tasks, then every one is a checkbox', () => {
    const out = html('- [ ] a\n- [X] b\n'.repeat(2000));
    expect(count(out, /class="task-list-item"/g)).toBe(4000);
    expect(count(out, /checked/g)).toBe(2000);
    expect(count(out, /contains-task-list/g)).toBe(1);
  });
});

describe('renderMarkdown (tables)', () => {
  it('when a row is short, then it is filled with empty cells to the header width', () => {
    expect(html('| a | b | c |\n|---|---|---|\n| x |\n')).toContain('<tr>\n<td>x</td>\n<td></td>\n<td></td>\n</tr>');
  });

  it('when a table writes out all its cells, then every row renders however long the table is', () => {
    const rows = '| 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 |\n'.repeat(3000);
    const out = html(`| a | b | c | d | e | f | g | h |\n|---|---|---|---|---|---|---|---|\n${rows}`);
    expect(count(out, /<tr>/g)).toBe(3001);
  });

  it('when a one-column table has 40,000 rows, then every row renders (it fills no cell)', () => {
    const out = html(`| a |\n|---|\n${'| x |\n'.repeat(40_000)}`);
    expect(count(out, /<tr>/g)).toBe(40_001);
  });

  it('when tables would fill more empty cells than a quarter of the post’s length, then they stop and the rest is text', () => {
    const table = `${'|a'.repeat(128)}|\n${'|-'.repeat(128)}|\n${'x\n'.repeat(128)}\n`;
    const markdown = table.repeat(20);
    const out = html(markdown);
    expect(count(out, /<td><\/td>/g)).toBeLessThanOrEqual(markdown.length / 4 + 4096);
    expect(count(out, /<table>/g)).toBe(20);
    expect(out).toContain('<p>x\nx');
  });
});

describe('renderMarkdown (references)', () => {
  it('when a reference is used a few times, then each use links to it', () => {
    const out = html('[docs] and [docs][] and [again][docs]\n\n[docs]: https://example.com/docs "Docs"\n');
    expect(count(out, /<a href="https:\/\/example.com\/docs" title="Docs">/g)).toBe(3);
  });

  it('when a long reference is used thousands of times, then later uses keep their text but not the address', () => {
    const url = `https://example.com/${'a'.repeat(1000)}`;
    const markdown = `[r]: ${url}\n\n${'[r] '.repeat(2000)}`;
    const out = html(markdown);
    expect(count(out, /href=/g)).toBeGreaterThan(0);
    expect(count(out, /href=/g) * url.length).toBeLessThanOrEqual(markdown.length * 10 + 64 * 1024);
    expect(count(out, />r<\/a>/g)).toBe(2000);
  });

  it('when links are written inline, then all of them keep their address', () => {
    const markdown = Array.from({ length: 3000 }, (_, i) => `[é${i}](https://例え.jp/${'ü'.repeat(20)}/${i})`).join(' ');
    expect(count(html(markdown), /href="https:/g)).toBe(3000);
  });
});

describe('renderMarkdown (shortcode placeholders)', () => {
  it('when a writer types a shortcode’s placeholder, then the shortcode still shows once, where it stands', () => {
    const out = html(
      'BYLINESHORTCODE7F3C0E\n\n{{< highlight go >}}\nx := 1\n{{< /highlight >}}\n\nand BYLINESHORTCODE7F3C0E too\n',
    );
    expect(count(out, /<pre>/g)).toBe(1);
    expect(out).toContain('<p>BYLINESHORTCODE7F3C0E</p>\n<pre>');
    expect(out).toContain('<p>and BYLINESHORTCODE7F3C0E too</p>');
  });

  it('when an inline shortcode’s placeholder is typed many times, then its HTML is not repeated', () => {
    const out = html(`{{< figure src="a.png" caption="${'c'.repeat(500)}" >}}\n\n${'x BYLINESHORTCODE7F3C0E '.repeat(200)}`);
    expect(count(out, /<figure>/g)).toBe(1);
  });
});

describe('sanitizeHtml (nesting)', () => {
  it('when HTML nests deeper than 512 elements, then it is shown as its text in one paragraph', () => {
    const deep = `<p>a ${'<div>'.repeat(600)}deep <script>x()</script>${'</span>'.repeat(50)}</p>`;
    expect(sanitizeHtml(deep)).toBe('<p>a deep</p>\n');
  });

  it('when HTML nests 500 elements, then it keeps its markup', () => {
    const nested = `${'<div>'.repeat(500)}in${'</div>'.repeat(500)}`;
    expect(sanitizeHtml(nested)).toBe(nested);
  });
});

describe('renderMarkdown (text that looks like a placeholder)', () => {
  it('when a post with shortcodes shows a placeholder in prose, code and a fence, then each shows as typed', () => {
    const out = html(
      '{{< figure src="a.png" >}}\n\nSee `BYLINESHORTCODE7F3C0E` and BYLINESHORTCODE7F3C0E.\n\n```go\nx := BYLINESHORTCODE7F3C0E\n```\n',
    );
    expect(count(out, /<figure>/g)).toBe(1);
    expect(out).toContain('<p>See <code>BYLINESHORTCODE7F3C0E</code> and BYLINESHORTCODE7F3C0E.</p>');
    expect(out).toContain('x := BYLINESHORTCODE7F3C0E');
  });
});

describe('renderMarkdown (file names among links)', () => {
  it('when a paragraph names 10,000 files and one address, then only the address is a link', () => {
    const names = Array.from({ length: 10_000 }, (_, i) => `file${i}.md`);
    const out = html(`${names.slice(0, 5000).join(' ')} https://example.com/x ${names.slice(5000).join(' ')}`);
    expect(count(out, /<a /g)).toBe(1);
    expect(out).toContain('<a href="https://example.com/x">https://example.com/x</a>');
    expect(out).toContain('file0.md file1.md');
    expect(out).toContain('file9999.md</p>');
  });
});
