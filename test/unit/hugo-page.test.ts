import { describe, expect, it } from 'vitest';
import { FrontMatterError } from '../../src/content/front-matter.js';
import { postFromHugo, readHugoPage, type HugoPageOptions } from '../../src/content/hugo-post.js';
import { DEFAULT_URL_RULES } from '../../src/content/hugo-urls.js';

const now = new Date('2025-01-01T12:00:00Z');

const read = (text: string, relPath = 'posts/x.md', opts: Partial<HugoPageOptions> = {}) =>
  readHugoPage({ relPath, text }, { now, ...opts });
const yaml = (fm: string, relPath?: string, opts?: Partial<HugoPageOptions>) =>
  read(`---\ntitle: T\n${fm}---\n\nBody.\n`, relPath, opts);

function errorOf(fn: () => unknown): FrontMatterError {
  try {
    fn();
  } catch (error) {
    if (error instanceof FrontMatterError) return error;
    throw error;
  }
  throw new Error('expected a FrontMatterError');
}

describe('readHugoPage: JSON front matter', () => {
  it('when the file opens with a JSON object, then it is the front matter', () => {
    const page = read(
      '{\n  "title": "From JSON",\n  "tags": ["a"],\n  "note": "has } inside"\n}\n\nThe body.\n',
    );
    expect(page.input).toMatchObject({
      title: 'From JSON',
      tags: ['a'],
      markdown: 'The body.\n',
      extra: { note: 'has } inside' },
    });
  });

  it('when the JSON does not parse, then the error names its line', () => {
    const error = errorOf(() => read('{\n  "title": "x",\n  "date" "2024-01-01"\n}\n'));
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/^bad JSON front matter/);
  });

  it("when a JSON value is wrong, then the error names the key's line", () => {
    expect(errorOf(() => read('{\n  "title": "x",\n  "date": "soon"\n}\n')).line).toBe(3);
  });

  it('when the body opens with a shortcode, then it is not taken for JSON', () => {
    expect(
      postFromHugo({ relPath: 'posts/x.md', text: '---\ntitle: T\n---\n{{< x >}}\n' }, { now }).markdown,
    ).toBe('{{< x >}}\n');
  });
});

describe('readHugoPage: where Hugo served the page', () => {
  it('when the page sits where Byline serves it, then there is no old path', () => {
    const page = yaml('');
    expect(page.url).toBe('/posts/x/');
    expect(page.input.oldPaths).toEqual([]);
  });

  it('when the page is nested, then its Hugo URL is an old path', () => {
    expect(yaml('', 'posts/guides/setup.md').input).toMatchObject({
      slug: 'setup',
      oldPaths: ['/posts/guides/setup/'],
    });
  });

  it('when url is set, then it is an old path and stays in extra for export', () => {
    const page = yaml('url: /2019/01/old-address/\n');
    expect(page.input.oldPaths).toEqual(['/2019/01/old-address/']);
    expect(page.input.extra).toEqual({ url: '/2019/01/old-address/' });
  });

  it('when the section has a permalink pattern, then relative aliases sit next to that URL', () => {
    const rules = {
      ...DEFAULT_URL_RULES,
      permalinks: [{ section: 'posts', pattern: '/:year/:month/:contentbasename/' }],
    };
    const page = yaml('date: 2023-03-01T01:00:00+02:00\naliases: [old, ../up, /abs/]\n', 'posts/x.md', {
      rules,
    });
    expect(page.url).toBe('/2023/03/x/');
    expect(page.input.aliases).toEqual(['/2023/03/old/', '/2023/up/', '/abs/']);
  });

  it('when an alias points at the home page, then the error names the aliases line', () => {
    expect(errorOf(() => yaml('aliases: ["/"]\n')).line).toBe(3);
  });

  it('when the file name carries a date and the site reads it, then the date and slug come from it', () => {
    const first = yaml('date: 2020-01-01\n', 'posts/2024-03-10-spring-notes.md', {
      filenameDates: 'first',
      timeZone: 'Europe/Paris',
    });
    expect(first.input.slug).toBe('spring-notes');
    expect(first.input.publishedAt?.toISOString()).toBe('2024-03-09T23:00:00.000Z');
    const fallback = yaml('date: 2020-01-01\n', 'posts/2024-03-10-spring-notes.md', {
      filenameDates: 'fallback',
    });
    expect(fallback.input.slug).toBe('2024-03-10-spring-notes');
    expect(fallback.input.publishedAt?.toISOString()).toBe('2020-01-01T00:00:00.000Z');
  });
});

describe('readHugoPage: theme keys', () => {
  it('when series are given, then they are a taxonomy and stay in extra', () => {
    const page = yaml('Series: [Deep Dive, Deep Dive]\n');
    expect(page.input.series).toEqual(['Deep Dive']);
    expect(page.input.extra).toEqual({ Series: ['Deep Dive', 'Deep Dive'] });
  });

  it('when a cover is given as PaperMod writes it, or as an address, then it is the cover image', () => {
    expect(yaml('cover:\n  image: pic.jpg\n  alt: A pic\n  relative: true\n').input.coverImage).toBe(
      'pic.jpg',
    );
    expect(yaml('cover: /images/pic.jpg\n').input.coverImage).toBe('/images/pic.jpg');
    expect(yaml('').input.coverImage).toBe('');
  });

  it('when author is a string or a list, then it is kept as written', () => {
    expect(yaml('author: [Ann, Bo]\nauthors: [Ann]\n').input.extra).toEqual({
      author: ['Ann', 'Bo'],
      authors: ['Ann'],
    });
  });

  it.each([
    ['headless', 'headless: true\n', { headless: true, render: 'never', list: 'never' }],
    [
      '_build render never',
      '_build:\n  render: never\n',
      { headless: false, render: 'never', list: 'always' },
    ],
    ['build list never', 'build:\n  list: never\n', { headless: false, render: 'always', list: 'never' }],
    [
      'old booleans',
      '_build:\n  render: false\n  list: false\n',
      { headless: false, render: 'never', list: 'never' },
    ],
    [
      'render link',
      'build:\n  render: link\n  list: local\n',
      { headless: false, render: 'link', list: 'local' },
    ],
  ])('when the page says %s, then the build options say so', (_name, fm, build) => {
    expect(yaml(fm).build).toEqual(build);
  });

  it('when a page names its type, then it is read lowercased', () => {
    expect(yaml('type: Posts\n').pageType).toBe('posts');
    expect(yaml('').pageType).toBeNull();
  });
});
