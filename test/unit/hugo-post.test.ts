import { describe, expect, it } from 'vitest';
import { FrontMatterError } from '../../src/content/front-matter.js';
import { parseHugoDate, postFromHugo, readHugoPage } from '../../src/content/hugo-post.js';
import type { PostInput } from '../../src/content/types.js';

const now = new Date('2025-01-01T12:00:00Z');

function yamlPost(frontMatter: string, relPath = 'posts/hello-world.md', body = 'Body.\n'): PostInput {
  return postFromHugo({ relPath, text: `---\ntitle: Hello\n${frontMatter}---\n\n${body}` }, { now });
}

function errorOf(fn: () => unknown): FrontMatterError {
  try {
    fn();
  } catch (error) {
    if (error instanceof FrontMatterError) return error;
    throw error;
  }
  throw new Error('expected a FrontMatterError');
}

describe('postFromHugo: dates', () => {
  it.each([
    ['date-only YAML', 'date: 2024-04-25\n', '2024-04-25T00:00:00.000Z'],
    ['UTC date-time', 'date: 2024-04-25T10:00:00Z\n', '2024-04-25T10:00:00.000Z'],
    ['date-time with an offset', 'date: 2024-04-25T10:00:00-07:00\n', '2024-04-25T17:00:00.000Z'],
    ['date and time with a space, no zone', 'date: 2024-04-25 10:00:00\n', '2024-04-25T10:00:00.000Z'],
    ['quoted date-time with fractions', 'date: "2024-04-25T10:00:00.250+02:00"\n', '2024-04-25T08:00:00.250Z'],
    ['only publishDate', 'publishDate: 2024-05-01\n', '2024-05-01T00:00:00.000Z'],
  ])('when the front matter has a %s, then publishedAt is that instant', (_name, fm, iso) => {
    expect(yamlPost(fm).publishedAt?.toISOString()).toBe(iso);
  });

  it.each([
    ['date-only', 'date = 2024-04-25\n', '2024-04-25T00:00:00.000Z'],
    ['offset date-time', 'date = 2024-04-25T10:00:00-07:00\n', '2024-04-25T17:00:00.000Z'],
    ['local date-time', 'date = 2024-04-25T10:00:00\n', '2024-04-25T10:00:00.000Z'],
  ])('when TOML front matter has a %s value, then publishedAt is that instant', (_name, fm, iso) => {
    const post = postFromHugo({ relPath: 'posts/x.md', text: `+++\ntitle = "T"\n${fm}+++\nBody\n` }, { now });
    expect(post.publishedAt?.toISOString()).toBe(iso);
  });

  it('when both date and publishDate are set, then the post is published at publishDate and date is its last change', () => {
    const post = yamlPost('date: 2024-04-25\npublishDate: 2024-05-01\n');
    expect(post.publishedAt?.toISOString()).toBe('2024-05-01T00:00:00.000Z');
    expect(post.updatedAt?.toISOString()).toBe('2024-04-25T00:00:00.000Z');
  });

  it('when lastmod and expiryDate are set, then they are updatedAt and expiresAt', () => {
    const post = yamlPost('date: 2024-04-25\nlastmod: 2024-06-01\nexpiryDate: 2030-01-01\n');
    expect(post.updatedAt?.toISOString()).toBe('2024-06-01T00:00:00.000Z');
    expect(post.expiresAt?.toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });

  it('when there is no lastmod, then updatedAt is the date, as in Hugo', () => {
    expect(yamlPost('date: 2024-04-25\n').updatedAt?.toISOString()).toBe('2024-04-25T00:00:00.000Z');
  });

  it('when a published post has no date, then it stays undated, as Hugo leaves it (its zero date)', () => {
    const post = yamlPost('');
    expect(post.status).toBe('published');
    expect(post.publishedAt).toBeNull();
  });

  it('when a draft has no date, then it has no publication date yet', () => {
    const post = yamlPost('draft: true\n');
    expect(post.publishedAt).toBeNull();
    expect(post.updatedAt).toBeNull();
  });

  it.each(['date: 2024-13-01\n', 'date: 2024-02-30\n', 'date: yesterday\n', 'date: 2024-04-25T25:00:00Z\n'])(
    'when the date is %j, then the error names the date line',
    (fm) => {
      const error = errorOf(() => yamlPost(`slug: x\n${fm}`));
      expect(error.line).toBe(4);
      expect(error.message).toMatch(/^date .* is not a date/);
    },
  );

  it('when TOML holds a time without a date, then it is refused', () => {
    const text = '+++\ntitle = "T"\ndate = 10:00:00\n+++\n';
    expect(errorOf(() => postFromHugo({ relPath: 'posts/x.md', text }, { now })).line).toBe(3);
  });

  it('when an expiryDate is unreadable, then the error names its line', () => {
    expect(errorOf(() => yamlPost('date: 2024-04-25\nexpiryDate: soon\n')).line).toBe(4);
  });
});

describe('postFromHugo: status', () => {
  it('when draft is true, then the status is draft', () => {
    expect(yamlPost('date: 2024-04-25\ndraft: true\n').status).toBe('draft');
  });

  it('when draft is false or absent, then the status is published', () => {
    expect(yamlPost('date: 2024-04-25\ndraft: false\n').status).toBe('published');
    expect(yamlPost('date: 2024-04-25\n').status).toBe('published');
  });

  it('when the date is in the future, then the post is still published (the public rule hides it until then)', () => {
    const post = yamlPost('date: 2099-01-01\n');
    expect(post.status).toBe('published');
    expect(post.publishedAt?.toISOString()).toBe('2099-01-01T00:00:00.000Z');
  });
});

describe('postFromHugo: slugs', () => {
  it.each([
    ['the file name', 'posts/My Great_Post.md', '', 'my-great-post'],
    ['the folder of a page bundle', 'posts/bundled-post/index.md', '', 'bundled-post'],
    ['the front matter', 'posts/file-name.md', 'slug: Custom Slug!\n', 'custom-slug'],
    ['accented front matter, accents kept as Hugo keeps them', 'posts/x.md', 'slug: Café Crème\n', 'café-crème'],
    ['a nested file', 'posts/2020/05/deep.md', '', 'deep'],
  ])('when the slug comes from %s, then it is lowercase and URL-safe', (_name, relPath, fm, slug) => {
    expect(yamlPost(fm, relPath).slug).toBe(slug);
  });
});

describe('postFromHugo: taxonomies, aliases and the rest', () => {
  it('when tags and categories are lists, then they are kept in order', () => {
    const post = yamlPost('tags: [Go, Kubernetes]\ncategories:\n  - Tech\n');
    expect(post.tags).toEqual(['Go', 'Kubernetes']);
    expect(post.categories).toEqual(['Tech']);
  });

  it('when tags and categories are single strings, then each is a one-item list', () => {
    const post = yamlPost('tags: Go Lang\ncategories: Tech\n');
    expect(post.tags).toEqual(['Go Lang']);
    expect(post.categories).toEqual(['Tech']);
  });

  it('when tags are absent, then the lists are empty', () => {
    expect(yamlPost('').tags).toEqual([]);
  });

  it.each([
    ['relative', 'posts/x.md', 'old-url', '/posts/old-url/'],
    ['relative, in a bundle', 'posts/x/index.md', 'foo', '/posts/foo/'],
    ['relative, on a page', 'about.md', 'me', '/me/'],
    ['relative with ..', 'posts/x.md', '../top', '/top/'],
    ['absolute', 'posts/x.md', '/a/b', '/a/b/'],
    ['absolute with its slash', 'posts/x.md', '/a/b/', '/a/b/'],
    ['an absolute .html file', 'posts/x.md', '/2019/old.html', '/2019/old.html'],
    ['a relative .html file', 'posts/x.md', 'old.html', '/posts/old.html'],
  ])('when an alias is %s, then it becomes an absolute site path', (_name, relPath, alias, expected) => {
    expect(yamlPost(`aliases: [${JSON.stringify(alias)}]\n`, relPath).aliases).toEqual([expected]);
  });

  it('when an alias is a full URL, then the error names the aliases line', () => {
    const error = errorOf(() => yamlPost('aliases:\n  - https://example.com/x/\n'));
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/full URL/);
  });

  it('when weight is 0 or absent, then weight is null', () => {
    expect(yamlPost('weight: 0\n').weight).toBeNull();
    expect(yamlPost('').weight).toBeNull();
    expect(yamlPost('weight: 3\n').weight).toBe(3);
  });

  it('when PaperMod writes ShowToc, or showToc is given, then showToc is true', () => {
    expect(yamlPost('ShowToc: true\n').showToc).toBe(true);
    expect(yamlPost('showToc: true\n').showToc).toBe(true);
    expect(yamlPost('').showToc).toBe(false);
  });

  it('when summary and description are set, then they are kept', () => {
    const post = yamlPost('summary: Short.\ndescription: For search engines.\n');
    expect(post.summarySource).toBe('Short.');
    expect(post.description).toBe('For search engines.');
  });

  it('when the front matter has keys Byline does not know, then they go to extra unchanged', () => {
    const post = yamlPost('author: Ann\ncover:\n  image: a.png\n  hidden: true\nTocOpen: false\n');
    expect(post.extra).toEqual({ author: 'Ann', cover: { image: 'a.png', hidden: true }, TocOpen: false });
  });

  it('when a TOML extra value is a date, then extra keeps it as the text written', () => {
    const text = '+++\ntitle = "T"\nreviewed = 2024-04-25\n[params]\nx = 1\n+++\n';
    expect(postFromHugo({ relPath: 'posts/x.md', text }, { now }).extra).toEqual({ reviewed: '2024-04-25', params: { x: 1 } });
  });

  it('when the body holds a more marker, then the Markdown is kept as written', () => {
    const body = 'Intro.\n\n<!--more-->\n\nRest with trailing spaces  \n';
    expect(yamlPost('', 'posts/x.md', body).markdown).toBe(body);
  });

  it('when the type is page, then the input is a page', () => {
    expect(postFromHugo({ relPath: 'about.md', text: '---\ntitle: About\n---\n' }, { now, type: 'page' }).type).toBe('page');
  });

  it('when the title is missing, then the file name stands in for it (Hugo builds such pages)', () => {
    const page = readHugoPage({ relPath: 'posts/lazy_git-issues.md', text: '---\ndate: 2024-04-25\n---\n' }, { now });
    expect(page.input.title).toBe('lazy git issues');
    expect(page.titleFromFileName).toBe(true);
  });

  it('when the title is blank, then the file name stands in for it too', () => {
    const text = '---\ndate: 2024-04-25\ntitle: ""\n---\n';
    expect(postFromHugo({ relPath: 'posts/x.md', text }, { now }).title).toBe('x');
  });

  it('when there is no title and the file name gives none either, then the error says so and names line 1', () => {
    const error = errorOf(() => postFromHugo({ relPath: 'posts/_.md', text: '---\ndate: 2024-04-25\n---\n' }, { now }));
    expect(error.message).toMatch(/no title/);
    expect(error.line).toBe(1);
  });

  it('when a key is written twice, then the last one counts, as Hugo read it', () => {
    const text = '---\ntitle: First\ndisableHLJS: true\ndisableHLJS: false\ntitle: Second\n---\n';
    const input = postFromHugo({ relPath: 'posts/x.md', text }, { now });
    expect(input.title).toBe('Second');
    expect(input.extra.disableHLJS).toBe(false);
  });

  it('when keys are written in another case, then they are read as Hugo reads them', () => {
    const text = '---\nTitle: Hi\nDate: 2024-04-25\nDraft: true\n---\n';
    const post = postFromHugo({ relPath: 'posts/x.md', text }, { now });
    expect(post).toMatchObject({ title: 'Hi', status: 'draft', extra: {} });
  });
});

describe('parseHugoDate', () => {
  it('when given a number, then it is not a date', () => {
    expect(parseHugoDate(20240425)).toBeNull();
  });

  it('when the time has no seconds, then it is read as whole minutes in UTC', () => {
    expect(parseHugoDate('2024-04-25T10:00')?.toISOString()).toBe('2024-04-25T10:00:00.000Z');
  });
});

describe('postFromHugo (JSON front matter nesting)', () => {
  it('when JSON front matter nests 100,000 levels, then it is refused as front matter, not a crash', () => {
    const text = `{"title": "T", "x": ${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}\n\nBody\n`;
    const error = errorOf(() => postFromHugo({ relPath: 'posts/x.md', text }, { now }));
    expect(error).toBeInstanceOf(FrontMatterError);
    expect(error.message).toBe('front matter nests deeper than 64 levels');
  });
});
