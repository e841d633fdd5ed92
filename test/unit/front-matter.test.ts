import { describe, expect, it } from 'vitest';
import {
  FrontMatterError,
  frontMatterKeyLine,
  parseFrontMatter,
  serializeFrontMatter,
} from '../../src/content/front-matter.js';

function errorOf(fn: () => unknown): FrontMatterError {
  try {
    fn();
  } catch (error) {
    if (error instanceof FrontMatterError) return error;
    throw error;
  }
  throw new Error('expected a FrontMatterError');
}

describe('parseFrontMatter', () => {
  it('when the file opens with ---, then the YAML is data and the rest is the body', () => {
    const parsed = parseFrontMatter('---\ntitle: Hello\ntags: [a, b]\n---\n\nBody text.\n');
    expect(parsed).toEqual({ data: { title: 'Hello', tags: ['a', 'b'] }, body: 'Body text.\n', format: 'yaml' });
  });

  it('when YAML holds a date, then it stays the text as written', () => {
    expect(parseFrontMatter('---\ndate: 2024-04-25\n---\n').data.date).toBe('2024-04-25');
  });

  it('when the file opens with +++, then the TOML is data', () => {
    const parsed = parseFrontMatter('+++\ntitle = "Hello"\ndraft = true\ntags = ["a"]\n+++\nBody\n');
    expect(parsed.format).toBe('toml');
    expect(parsed.data).toMatchObject({ title: 'Hello', draft: true, tags: ['a'] });
    expect(parsed.body).toBe('Body\n');
  });

  it('when TOML holds a date, then it comes back as a Date', () => {
    const { data } = parseFrontMatter('+++\ndate = 2024-04-25T10:00:00Z\n+++\n');
    expect(data.date).toBeInstanceOf(Date);
    expect((data.date as Date).getTime()).toBe(Date.parse('2024-04-25T10:00:00Z'));
  });

  it('when there is no front matter, then the whole text is the body', () => {
    expect(parseFrontMatter('# Just Markdown\n')).toEqual({ data: {}, body: '# Just Markdown\n', format: 'none' });
  });

  it('when the front matter is empty, then data is empty', () => {
    expect(parseFrontMatter('---\n---\nBody\n')).toEqual({ data: {}, body: 'Body\n', format: 'yaml' });
  });

  it('when the file has CRLF line ends and a BOM, then it parses like LF', () => {
    const parsed = parseFrontMatter('\uFEFF---\r\ntitle: Hello\r\n---\r\n\r\nLine one\r\nLine two\r\n');
    expect(parsed).toEqual({ data: { title: 'Hello' }, body: 'Line one\nLine two\n', format: 'yaml' });
  });

  it('when the body starts with indented code, then only the blank lines before it go', () => {
    expect(parseFrontMatter('---\ntitle: x\n---\n\n\n    code\n').body).toBe('    code\n');
  });

  it('when a YAML line is broken, then the error names that line of the file', () => {
    const error = errorOf(() => parseFrontMatter('---\ntitle: Hello\ndescription: a: b\nslug: x\n---\nBody\n'));
    expect(error.message).toMatch(/^bad YAML front matter: /);
    expect(error.message).not.toMatch(/\n/);
    expect(error.line).toBe(3);
  });

  it('when a YAML list is never closed, then the error names the line that opened it', () => {
    const error = errorOf(() => parseFrontMatter('---\ntitle: Hello\ntags: [a, b\ndate: 2024-04-25\n---\nBody\n'));
    expect(error.line).toBe(3);
  });

  it('when a YAML string is never closed, then the error names the line that opened it', () => {
    const error = errorOf(() => parseFrontMatter('---\ntitle: ok\ndescription: "unclosed\nslug: x\n---\n'));
    expect(error.line).toBe(3);
  });

  it('when YAML is indented with a tab, then the error names that line', () => {
    expect(errorOf(() => parseFrontMatter('---\ntitle: ok\n\tslug: x\n---\n')).line).toBe(3);
  });

  it('when a YAML key is repeated, then the last one counts, as Hugo read it', () => {
    expect(parseFrontMatter('---\ntitle: a\nslug: b\ntitle: c\n---\n').data).toEqual({ title: 'c', slug: 'b' });
  });

  it('when the TOML is broken, then the error names the line in the file', () => {
    const error = errorOf(() => parseFrontMatter('+++\ntitle = "x"\ndate = \n+++\n'));
    expect(error.message).toMatch(/^bad TOML front matter: /);
    expect(error.line).toBe(3);
  });

  it('when the BOM and CRLF precede broken YAML, then the line still counts file lines', () => {
    const error = errorOf(() => parseFrontMatter('\uFEFF---\r\ntitle: ok\r\ndescription: a: b\r\n---\r\n'));
    expect(error.line).toBe(3);
  });

  it('when the front matter is never closed, then the error points at line 1', () => {
    const error = errorOf(() => parseFrontMatter('---\ntitle: x\nBody\n'));
    expect(error.line).toBe(1);
    expect(error.message).toMatch(/never closed/);
  });

  it('when the front matter is a list, then it is refused', () => {
    expect(() => parseFrontMatter('---\n- a\n- b\n---\n')).toThrow(FrontMatterError);
  });

  it('when the file starts with a shortcode, then it is a body, not JSON front matter', () => {
    expect(parseFrontMatter('{{< youtube id >}}\n').format).toBe('none');
  });
});

describe('frontMatterKeyLine', () => {
  it('when a YAML key is written, then its file line is found, whatever its case', () => {
    expect(frontMatterKeyLine('---\ntitle: x\nDate: 2024\n---\n', 'date')).toBe(3);
  });

  it('when a TOML key is written, then its file line is found', () => {
    expect(frontMatterKeyLine('+++\ntitle = "x"\ndate = 2024-01-01\n+++\n', 'date')).toBe(3);
  });

  it('when the key only appears nested, then it is not found', () => {
    expect(frontMatterKeyLine('---\ncover:\n  date: x\n---\n', 'date')).toBeUndefined();
  });
});

describe('serializeFrontMatter', () => {
  it('when given ordered data and a body, then YAML keeps the order and a blank line precedes the body', () => {
    const text = serializeFrontMatter({ title: 'Hello', date: '2024-04-25T00:00:00Z', tags: ['a', 'b'] }, 'Body\n');
    expect(text).toBe('---\ntitle: Hello\ndate: 2024-04-25T00:00:00Z\ntags:\n  - a\n  - b\n---\n\nBody\n');
  });

  it('when the body has no final newline or several, then the file ends with exactly one', () => {
    expect(serializeFrontMatter({ title: 'a' }, 'Body')).toMatch(/Body\n$/);
    expect(serializeFrontMatter({ title: 'a' }, 'Body\n\n\n')).toMatch(/[^\n]\n$/);
  });

  it('when the body is empty, then the file ends after the front matter', () => {
    expect(serializeFrontMatter({ title: 'a' }, '')).toBe('---\ntitle: a\n---\n');
  });

  it('when a value needs quoting or is long, then it is quoted and never folded', () => {
    const long = 'word '.repeat(40).trim();
    const text = serializeFrontMatter({ title: 'a: b', slug: '2024', description: long }, '');
    expect(parseFrontMatter(text).data).toEqual({ title: 'a: b', slug: '2024', description: long });
    expect(text.split('\n').filter((l) => l.startsWith('description:'))[0]).toContain(long);
  });

  it('when serialized text is parsed, then data and body come back', () => {
    const data = { title: 'T', summary: 'line one\nline two', n: 3, nested: { a: [1, 2] } };
    const parsed = parseFrontMatter(serializeFrontMatter(data, '# Heading\n\nText\n'));
    expect(parsed).toEqual({ data, body: '# Heading\n\nText\n', format: 'yaml' });
  });
});

describe('parseFrontMatter (nesting)', () => {
  it('when YAML flow lists nest deeper than 64 levels, then it is refused with the line they open on', () => {
    const error = errorOf(() => parseFrontMatter(`---\ntitle: T\nx: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n---\nBody\n`));
    expect(error.message).toBe('front matter nests deeper than 64 levels');
    expect(error.line).toBe(3);
  });

  it('when YAML nests 20 levels or writes brackets in quotes and comments, then it is read', () => {
    const text = `---\ntitle: "[[[[ ${'['.repeat(100)}"\n# ${'{'.repeat(100)}\nx: ${'['.repeat(20)}1${']'.repeat(20)}\n---\n`;
    expect(parseFrontMatter(text).data.title).toBe(`[[[[ ${'['.repeat(100)}`);
  });

  it('when TOML nests deeper than 64 levels, then it is refused', () => {
    const text = `+++\ntitle = "T"\nx = ${'['.repeat(100)}1${']'.repeat(100)}\n+++\n`;
    expect(errorOf(() => parseFrontMatter(text)).message).toMatch(/nest|deep/i);
  });
});
