import { describe, expect, it } from 'vitest';
import {
  DEFAULT_URL_RULES,
  expandPermalink,
  hugoPageUrl,
  permalinkProblem,
  resolveAlias,
  sanitizePath,
  type PageFacts,
  type UrlRules,
} from '../../src/content/hugo-urls.js';

const page = (over: Partial<PageFacts> = {}): PageFacts => ({
  contentPath: 'posts/hello-world.md',
  sections: ['posts'],
  slug: '',
  url: '',
  title: 'Hello World',
  date: { year: 2024, month: 4, day: 5, hour: 22, minute: 30, second: 0 },
  ...over,
});
const rules = (over: Partial<UrlRules> = {}): UrlRules => ({ ...DEFAULT_URL_RULES, ...over });

describe('sanitizePath, as Hugo makes paths', () => {
  it.each([
    ['Hello World', 'hello-world'],
    ['Vim (text editor)', 'vim-text-editor'],
    ['a - b', 'a-b'],
    ['C++ & Go: notes!', 'c++-go-notes'],
    ['My_Great.Post', 'my_great.post'],
    ['Café Crème', 'café-crème'],
    ['100%', '100'],
    ['50%20off', '50%20off'],
  ])('when given %j, then it becomes %j', (input, expected) => {
    expect(sanitizePath(input)).toBe(expected);
  });

  it('when the site disables lowercasing or removes accents, then the path follows', () => {
    expect(sanitizePath('Café Crème', { lowercase: false, removePathAccents: true })).toBe('Cafe-Creme');
  });
});

describe('hugoPageUrl without permalinks', () => {
  it.each([
    ['a post', page(), '/posts/hello-world/'],
    ['a nested post', page({ contentPath: 'posts/guides/setup.md' }), '/posts/guides/setup/'],
    ['a page bundle', page({ contentPath: 'posts/my-trip/index.md' }), '/posts/my-trip/'],
    ['a slug', page({ slug: 'Better Name' }), '/posts/better-name/'],
    ['a slug on a nested bundle', page({ contentPath: 'posts/a/b/index.md', slug: 'c' }), '/posts/a/c/'],
    ['a top-level page', page({ contentPath: 'about.md', sections: [] }), '/about/'],
    [
      'a file name with spaces and capitals',
      page({ contentPath: 'posts/My Great_Post.md' }),
      '/posts/my-great_post/',
    ],
    // Hugo sanitizes the whole path: the space before the slash becomes a hyphen.
    ['a file name ending in a space', page({ contentPath: 'posts/can we .md' }), '/posts/can-we-/'],
  ])('when the page is %s, then its URL is its path', (_name, facts, url) => {
    expect(hugoPageUrl(facts)).toBe(url);
  });

  it.each([
    ['with a trailing slash', '/Old/Path/', '/Old/Path/'],
    ['without a trailing slash', '/old/path', '/old/path/'],
    ['naming a file', '/2019/old.html', '/2019/old.html'],
    ['without a leading slash', 'old/path/', '/old/path/'],
    ['climbing with ..', '../../x/', '/x/'],
  ])('when url is set %s, then it is the URL as written', (_name, url, expected) => {
    expect(hugoPageUrl(page({ url, slug: 'ignored' }))).toBe(expected);
  });

  it('when uglyURLs is set, then the page is a .html file', () => {
    expect(hugoPageUrl(page(), rules({ uglyURLs: true }))).toBe('/posts/hello-world.html');
    expect(hugoPageUrl(page(), rules({ uglyURLs: { notes: true } }))).toBe('/posts/hello-world/');
  });

  it('when the default language lives in a subfolder, then its URLs start with it', () => {
    expect(hugoPageUrl(page(), rules({ languagePrefix: 'en' }))).toBe('/en/posts/hello-world/');
    expect(hugoPageUrl(page({ url: '/kept/' }), rules({ languagePrefix: 'en' }))).toBe('/kept/');
  });
});

describe('permalinks', () => {
  const withPattern = (pattern: string, facts = page(), section = 'posts') =>
    hugoPageUrl(facts, rules({ permalinks: [{ section, pattern }] }));

  it.each([
    ['/:year/:month/:day/:slug/', '/2024/04/05/hello-world/'],
    ['/:year/:monthname/:title/', '/2024/april/hello-world/'],
    ['/:section/:filename/', '/posts/hello-world/'],
    ['/:sections/:contentbasename/', '/posts/hello-world/'],
    ['/:slugorfilename/', '/hello-world/'],
    ['/:slugorcontentbasename/', '/hello-world/'],
    ['/:weekday-:weekdayname/:yearday/', '/5-friday/96/'],
    ['/:2006/:01/:02/:slug/', '/2024/04/05/hello-world/'],
    ['/:06/:1/:2/:title/', '/24/4/5/hello-world/'],
    ['/articles/:title.html', '/articles/hello-world.html/'],
  ])('when the pattern is %s, then the URL is %s', (pattern, url) => {
    expect(withPattern(pattern)).toBe(url);
  });

  it('when :slug has no slug to use, then it is the title; with one, the slug', () => {
    expect(withPattern('/:slug/', page({ title: 'A Quick Tip!' }))).toBe('/a-quick-tip/');
    expect(withPattern('/:slug/', page({ slug: 'custom' }))).toBe('/custom/');
    expect(withPattern('/:filename/', page({ slug: 'custom' }))).toBe('/hello-world/');
  });

  it('when :filename names a page bundle, then it is the folder', () => {
    expect(withPattern('/:filename/', page({ contentPath: 'posts/trip/index.md' }))).toBe('/trip/');
  });

  it('when the page sits in nested sections, then :sections and its slices follow them', () => {
    const nested = page({
      contentPath: 'docs/guides/setup/install.md',
      sections: ['docs', 'guides', 'setup'],
    });
    expect(withPattern('/:sections/:slug/', nested, 'docs')).toBe('/docs/guides/setup/hello-world/');
    expect(withPattern('/:sections[1:]/:filename/', nested, 'docs')).toBe('/guides/setup/install/');
    expect(withPattern('/:sections[last]/:filename/', nested, 'docs')).toBe('/setup/install/');
    expect(withPattern('/:sections[:last]/:filename/', nested, 'docs')).toBe('/docs/guides/install/');
    expect(withPattern('/:section/:filename/', nested, 'docs')).toBe('/docs/install/');
  });

  it("when the page has no date, then date tokens are Go's zero date", () => {
    expect(withPattern('/:year/:month/:slug/', page({ date: null }))).toBe('/1/01/hello-world/');
  });

  it('when rules name a section and one of its folders, then the longer one wins', () => {
    const facts = page({ contentPath: 'posts/guides/setup.md' });
    const two = rules({
      permalinks: [
        { section: 'posts', pattern: '/p/:slug/' },
        { section: 'posts/guides', pattern: '/g/:slug/' },
      ],
    });
    expect(hugoPageUrl(facts, two)).toBe('/g/hello-world/');
    expect(hugoPageUrl(page(), two)).toBe('/p/hello-world/');
  });

  it('when a rule is for another section, then the page keeps its path', () => {
    expect(withPattern('/n/:slug/', page(), 'notes')).toBe('/posts/hello-world/');
  });

  it('when url is set, then it wins over the pattern', () => {
    expect(withPattern('/:year/:slug/', page({ url: '/mine/' }))).toBe('/mine/');
  });

  it('when a pattern holds an escaped colon, then it is kept', () => {
    expect(expandPermalink('/a\\:b/:slug/', page())).toBe('/a:b/hello-world/');
  });

  it('when a pattern holds a token Hugo does not know, then it is named', () => {
    expect(permalinkProblem('/:year/:nope/')).toMatch(/:nope is not a permalink token/);
    expect(permalinkProblem('/:year/:month/:slug/')).toBeNull();
  });
});

describe('resolveAlias, as Hugo writes aliases', () => {
  it.each([
    ['relative', 'old', '/posts/hello/', '/posts/old/'],
    ['relative, from a nested page', 'old', '/posts/guides/setup/', '/posts/guides/old/'],
    ['relative with ..', '../up', '/posts/guides/setup/', '/posts/up/'],
    ['relative past the root', '../../../../x', '/posts/a/', '/x/'],
    ['relative, from a permalink', 'old', '/2024/04/hello/', '/2024/04/old/'],
    ['relative, from an ugly URL', 'old', '/posts/hello.html', '/posts/old/'],
    ['absolute', '/a/b', '/posts/hello/', '/a/b/'],
    ['absolute with its slash', '/a/b/', '/posts/hello/', '/a/b/'],
    ['an .html file', '/2019/old.html', '/posts/hello/', '/2019/old.html'],
    ['an .htm name (a folder for Hugo)', '/old.htm', '/posts/hello/', '/old.htm/'],
  ])('when an alias is %s, then it resolves as Hugo resolves it', (_name, alias, pageUrl, expected) => {
    expect(resolveAlias(alias, pageUrl)).toBe(expected);
  });

  it('when the site has uglyURLs, then aliases end in .html', () => {
    expect(resolveAlias('/legacy/two/', '/articles/two.html', true)).toBe('/legacy/two.html');
    expect(resolveAlias('old', '/articles/two.html', true)).toBe('/articles/old.html');
  });

  it('when an alias points at the home page, then it is refused', () => {
    expect(() => resolveAlias('/', '/posts/hello/')).toThrow(/home page/);
    expect(() => resolveAlias('..', '/posts/hello/')).toThrow(/home page/);
  });
});
