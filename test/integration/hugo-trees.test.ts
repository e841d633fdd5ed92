/**
 * Hugo sites built the ways real blogs are built (weights, nested sections, several sections,
 * permalinks, url/slug front matter, bundles, translations, aliases, drafts, expired and future
 * posts, section pages, headless bundles, three front-matter formats, a broken configuration),
 * imported with the real models, then read as a reader reads them.
 */
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { importHugoSite, type ImportReport } from '../../src/import/import-site.js';
import { postToHugo } from '../../src/content/hugo-export.js';
import { listPostsForExport, savePost, savePosts } from '../../src/models/posts.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { entriesOf } from '../helpers/html.js';
import { jsonPage, PNG, runImportCli, tomlPage, writeHugoSite, yamlPage, type HugoSite } from '../helpers/hugo-tree.js';

/** The path a URL ends at after its redirects, with the statuses on the way. */
async function landing(app: Express, url: string): Promise<{ statuses: number[]; path: string }> {
  const statuses: number[] = [];
  let current = url;
  for (let hop = 0; hop < 4; hop++) {
    const res = await request(app).get(current);
    statuses.push(res.status);
    if (res.status !== 301) break;
    current = new URL(res.headers.location as string, 'http://blog.test').pathname;
  }
  return { statuses, path: current };
}

/** The titles of a paginated list, every page of it. */
async function listTitles(app: Express, base = '/'): Promise<string[]> {
  const titles: string[] = [];
  for (let page = 1; ; page++) {
    const res = await request(app).get(page === 1 ? base : `${base}page/${page}/`);
    if (res.status !== 200) break;
    const entries = entriesOf(res.text);
    if (entries.length === 0) break;
    titles.push(...entries.map((e) => e.title));
  }
  return titles;
}

const feedTitles = async (app: Express, url: string) =>
  [...(await request(app).get(url).expect(200)).text.matchAll(/<item>\s*<title>([^<]*)<\/title>/g)].map((m) =>
    m[1]!.replace(/&amp;/g, '&'),
  );

async function importInto(t: TestApp, dir: string) {
  const lines: string[] = [];
  const report = await importHugoSite(dir, {
    savePost: (input) => savePost(t.db, input),
    saveBatch: (inputs) => savePosts(t.db, inputs),
    log: (line) => lines.push(line),
  });
  return { report, lines };
}

const runCli = runImportCli;

const sites: HugoSite[] = [];
const apps: TestApp[] = [];
afterAll(async () => {
  for (const a of apps) await a.cleanup();
  for (const s of sites) s.cleanup();
});

async function importTree(files: Record<string, string | Buffer>) {
  const site = writeHugoSite(files);
  sites.push(site);
  const t = await createTestApp();
  apps.push(t);
  return { site, t, ...(await importInto(t, site.dir)) };
}

describe('a PaperMod blog: weights, nested folders, bundles, aliases, url and slug, translations', () => {
  let t: TestApp;
  let site: HugoSite;
  let report: ImportReport;
  let lines: string[];

  beforeAll(async () => {
    ({ t, site, report, lines } = await importTree({
      'hugo.toml':
        'baseURL = "https://blog.example.org/"\ntitle = "Field Notes"\n[params]\nmainSections = ["posts"]\n',
      'content/_index.md': yamlPage({ title: 'Home' }),
      'content/about.md': yamlPage({ title: 'About' }, 'Who writes here.\n'),
      'content/search.md': yamlPage({ title: 'Search', layout: 'search' }),
      'content/archives.md': yamlPage({ title: 'Archive', layout: 'archives' }),
      'content/posts/_index.md': yamlPage({ title: 'Posts' }),
      'content/posts/pinned-intro.md': yamlPage({ title: 'Pinned intro', date: '2022-01-05', weight: 1 }),
      'content/posts/second-pinned.md': yamlPage({ title: 'Second pinned', date: '2024-06-01', weight: 2 }),
      'content/posts/newest.md': yamlPage(
        {
          title: 'Newest',
          date: '2024-05-01',
          tags: ['Go'],
          series: ['Deep Dive'],
          author: ['Ann', 'Bo'],
          ShowToc: true,
          TocOpen: true,
        },
        'Opening.\n\n{{< notice tip >}}Read this.{{< /notice >}}\n',
      ),
      'content/posts/newest.fr.md': yamlPage({ title: 'Le plus récent', date: '2024-05-01' }),
      'content/posts/offset.md': jsonPage({
        title: 'Offset',
        date: '2024-04-26T10:00:00-0700',
        tags: ['Go'],
      }),
      'content/posts/older.md':
        '+++\ntitle = "Older"\ndate = 2024-04-25T10:00:00\ntags = ["Go"]\n+++\n\nOlder words.\n',
      'content/posts/spaced.md': yamlPage({ title: 'Spaced', date: '2024-04-24 08:30:00' }),
      'content/posts/custom-url.md': yamlPage({
        title: 'Custom URL',
        date: '2024-04-20',
        url: '/articles/custom/',
      }),
      'content/posts/custom-slug.md': tomlPage({
        title: 'Custom slug',
        date: '2024-04-15',
        slug: 'A Better Name',
      }),
      'content/posts/underscored_name.md': yamlPage({
        title: 'Underscored',
        date: 'Wed, 10 Apr 2024 09:00:00 +0000',
      }),
      'content/posts/bundle-trip/index.md': yamlPage(
        {
          title: 'Bundle trip',
          date: '2024-04-05',
          aliases: ['old-trip', '/2019/trip.html', '../top-level-trip'],
          cover: { image: 'photo.png', relative: true },
        },
        '![A photo](photo.png)\n',
      ),
      'content/posts/bundle-trip/photo.png': PNG,
      'content/posts/bundle-trip/notes.md': yamlPage({ title: 'A resource of the bundle' }),
      'content/posts/bundle-trip/index.fr.md': yamlPage({ title: 'Voyage' }),
      'content/posts/guides/setup.md': yamlPage({
        title: 'Guide setup',
        date: '2024-03-02',
        aliases: ['old-setup'],
      }),
      'content/posts/setup.md': yamlPage({ title: 'Setup', date: '2024-03-01' }),
      'content/posts/series-a/_index.md': yamlPage({ title: 'Series A' }),
      'content/posts/series-a/part-1.md': yamlPage({ title: 'Part one', date: '2024-02-01' }),
      'content/posts/unlisted.md': yamlPage({
        title: 'Unlisted',
        date: '2024-01-15',
        build: { list: 'never' },
      }),
      'content/posts/never.md': yamlPage({ title: 'Never', date: '2024-01-14', _build: { render: 'never' } }),
      'content/posts/snippets/index.md': yamlPage({ title: 'Snippets', headless: true }),
      'content/posts/snippets/one.md': yamlPage({ title: 'One snippet' }),
      'content/posts/draft.md': yamlPage({ title: 'Draft', date: '2024-01-10', draft: true }),
      'content/posts/future.md': yamlPage({ title: 'Future', date: '2024-01-09', publishDate: '2099-01-01' }),
      'content/posts/expired.md': yamlPage({
        title: 'Expired',
        date: '2019-01-01',
        expiryDate: '2020-01-01',
      }),
    }));
  });

  it("when the front page is read, then posts come in Hugo's order: weights first, then newest, and only the listed ones", async () => {
    expect(await listTitles(t.app)).toEqual([
      'Pinned intro',
      'Second pinned',
      'Newest',
      'Offset',
      'Older',
      'Spaced',
      'Custom URL',
      'Custom slug',
      'Underscored',
      'Bundle trip',
      'Guide setup',
      'Setup',
      'Part one',
    ]);
  });

  it("when the feed and a tag page are read, then they keep the front page's order", async () => {
    const front = await listTitles(t.app);
    expect(await feedTitles(t.app, '/index.xml')).toEqual(front);
    expect(await listTitles(t.app, '/tags/go/')).toEqual(['Newest', 'Offset', 'Older']);
    expect(await feedTitles(t.app, '/tags/go/index.xml')).toEqual(['Newest', 'Offset', 'Older']);
  });

  it.each([
    ['/posts/pinned-intro/', '/posts/pinned-intro/'],
    ['/posts/setup/', '/posts/setup/'],
    ['/posts/guides/setup/', '/posts/guides-setup/'],
    ['/posts/guides/old-setup/', '/posts/guides-setup/'],
    ['/posts/series-a/part-1/', '/posts/part-1/'],
    ['/posts/bundle-trip/', '/posts/bundle-trip/'],
    ['/posts/old-trip/', '/posts/bundle-trip/'],
    ['/2019/trip.html', '/posts/bundle-trip/'],
    ['/top-level-trip/', '/posts/bundle-trip/'],
    ['/articles/custom/', '/posts/custom-url/'],
    ['/articles/custom', '/posts/custom-url/'],
    ['/posts/a-better-name/', '/posts/a-better-name/'],
    ['/posts/underscored_name/', '/posts/underscored-name/'],
    ['/posts/unlisted/', '/unlisted/'],
    ['/about/', '/about/'],
    ['/search/', '/search/'],
    ['/archives/', '/archives/'],
  ])('when a reader follows the old link %s, then it answers (after a 301) at %s', async (oldUrl, byline) => {
    const { statuses, path: at } = await landing(t.app, oldUrl);
    expect(at).toBe(byline);
    expect(statuses.at(-1)).toBe(200);
    expect(statuses.slice(0, -1).every((s) => s === 301)).toBe(true);
  });

  it.each([
    '/posts/draft/',
    '/posts/future/',
    '/posts/expired/',
    '/posts/never/',
    '/posts/snippets/',
    '/posts/one-snippet/',
    '/posts/notes/',
  ])('when a reader asks for %s, which Hugo did not publish, then it is not found', async (url) => {
    expect((await landing(t.app, url)).statuses.at(-1)).toBe(404);
  });

  it('when the translations are looked for, then none is a post and the report names each with its original', async () => {
    expect(await t.db.post.count({ where: { title: { in: ['Le plus récent', 'Voyage'] } } })).toBe(0);
    expect(report.translations).toEqual([
      {
        file: 'content/posts/bundle-trip/index.fr.md',
        reason: 'translation (fr) of posts/bundle-trip/index.md',
      },
      { file: 'content/posts/newest.fr.md', reason: 'translation (fr) of posts/newest.md' },
    ]);
  });

  it("when a series is set, then its term page lists its posts as Hugo's /series/ does", async () => {
    expect(await listTitles(t.app, '/series/deep-dive/')).toEqual(['Newest']);
    expect((await request(t.app).get('/series/').expect(200)).text).toContain('Deep Dive');
  });

  it('when the import ends, then the report names section pages, pages set aside, slugs changed and redirects', () => {
    // Drafts, future and expired posts are imported too: the public rule keeps them out of sight.
    expect(report).toMatchObject({
      failed: 0,
      posts: { imported: 16, updated: 0 },
      pages: { imported: 2, updated: 0 },
      mainSections: ['posts'],
    });
    expect(report.sectionPages).toEqual([
      'content/_index.md',
      'content/posts/_index.md',
      'content/posts/series-a/_index.md',
    ]);
    expect(report.notRendered).toEqual([
      { file: 'content/archives.md', reason: 'Byline serves its own /archives/' },
      { file: 'content/posts/never.md', reason: 'build.render is "never": Hugo renders no page for it' },
      { file: 'content/posts/snippets/index.md', reason: 'headless bundle: Hugo renders no page for it' },
      { file: 'content/search.md', reason: 'Byline serves its own /search/' },
    ]);
    expect(report.renamed).toEqual([
      {
        file: 'content/posts/guides/setup.md',
        slug: 'guides-setup',
        wanted: 'setup',
        takenBy: 'content/posts/setup.md',
      },
    ]);
    expect(report.redirects).toContainEqual({
      from: '/posts/guides/setup/',
      to: '/posts/guides-setup/',
      file: 'content/posts/guides/setup.md',
      kind: 'moved',
    });
    expect(report.redirects).toContainEqual({
      from: '/posts/old-trip/',
      to: '/posts/bundle-trip/',
      file: 'content/posts/bundle-trip/index.md',
      kind: 'alias',
    });
    expect(report.unknownShortcodes).toEqual([{ name: 'notice', files: ['content/posts/newest.md'] }]);
    expect(report.warnings).toEqual([
      {
        file: 'content/posts/unlisted.md',
        reason: 'build.list is "never": imported as a page, as Hugo does not list it',
      },
    ]);
    expect(lines).toContainEqual(
      'content/posts/guides/setup.md: slug "setup" is taken by content/posts/setup.md; imported as "guides-setup", its old URL answers 301',
    );
  });

  it('when posts are stored, then theme keys are kept and the cover is the cover image', async () => {
    const newest = await t.db.post.findFirstOrThrow({ where: { slug: 'newest' } });
    expect(newest.showToc).toBe(true);
    expect(JSON.parse(newest.extraJson)).toEqual({
      series: ['Deep Dive'],
      author: ['Ann', 'Bo'],
      TocOpen: true,
    });
    expect((await t.db.post.findFirstOrThrow({ where: { slug: 'bundle-trip' } })).coverImage).toBe(
      'photo.png',
    );
  });

  it('when the blog is exported, then old URLs are not written as aliases and url is given back', async () => {
    const posts = await listPostsForExport(t.db);
    const text = (slug: string) => postToHugo(posts.find((p) => p.slug === slug)!).text;
    expect(text('guides-setup')).toContain('aliases:\n  - /posts/guides/old-setup/\n');
    expect(text('guides-setup')).not.toContain('/posts/guides/setup/');
    expect(text('custom-url')).toContain('url: /articles/custom/\n');
    expect(text('custom-url')).not.toContain('aliases');
    expect(text('newest')).toContain('series:\n  - Deep Dive\n');
  });

  it('when the same site is imported again, then everything is updated and the redirects are not doubled', async () => {
    const before = await t.db.redirect.count();
    const again = await importInto(t, site.dir);
    expect(again.report).toMatchObject({ imported: 0, updated: 18, failed: 0 });
    expect(await t.db.redirect.count()).toBe(before);
  });

  it('when the import command imports the site, then it ends with the report table and exits 0', () => {
    const result = runCli(site.dir, path.join(t.dir, 'cli'));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /Import report\n {2}Posts imported +16\n {2}Posts updated +0\n {2}Pages imported +2\n/,
    );
    expect(result.stdout).toMatch(/ {2}Translations skipped +2\n/);
    expect(result.stdout).toContain(
      '  /posts/guides/setup/ → /posts/guides-setup/  (content/posts/guides/setup.md)',
    );
    expect(result.stdout).toContain('  notice: content/posts/newest.md');
  });
});

describe('several sections with permalinks', () => {
  let t: TestApp;
  let report: ImportReport;

  beforeAll(async () => {
    ({ t, report } = await importTree({
      'config.yaml': [
        'baseURL: https://notes.example.net/blog/',
        'permalinks:',
        '  posts: /:year/:month/:slug/',
        '  notes: /notes/:title/',
        'params:',
        '  mainSections: [posts, notes]',
        '',
      ].join('\n'),
      'content/about.md': yamlPage({ title: 'About' }),
      'content/posts/first.md': yamlPage({ title: 'First', date: '2023-02-03' }),
      'content/posts/titled.md': yamlPage({
        title: 'Titled post',
        slug: 'custom',
        date: '2023-03-01T01:00:00+02:00',
        aliases: ['old-custom'],
      }),
      'content/notes/quick-tip.md': yamlPage({ title: 'A Quick Tip!', date: '2023-02-10' }),
      'content/notes/first.md': yamlPage({ title: 'First', date: '2023-01-20' }),
      'content/projects/tool.md': yamlPage({ title: 'A tool', date: '2022-05-05' }),
      'content/projects/about.md': yamlPage({ title: 'About the projects' }),
      'content/projects/listed.md': yamlPage({ title: 'Listed project', date: '2023-01-01', type: 'posts' }),
      'content/notes/typed-page.md': yamlPage({ title: 'Typed page', date: '2023-02-20', type: 'page' }),
    }));
  });

  it("when the front page is read, then it lists the main sections' pages, not the other section's", async () => {
    expect(await listTitles(t.app)).toEqual([
      'Titled post',
      'A Quick Tip!',
      'First',
      'First',
      'Listed project',
    ]);
  });

  it.each([
    ['/2023/02/first/', '/posts/posts-first/'],
    ['/2023/03/custom/', '/posts/custom/'],
    ['/2023/03/old-custom/', '/posts/custom/'],
    ['/notes/a-quick-tip/', '/posts/quick-tip/'],
    ['/notes/first/', '/posts/first/'],
    ['/projects/tool/', '/tool/'],
    ['/projects/about/', '/projects-about/'],
    ['/about/', '/about/'],
    ['/projects/listed/', '/posts/listed/'],
    ['/notes/typed-page/', '/typed-page/'],
  ])('when a reader follows %s, then it ends at %s', async (oldUrl, byline) => {
    const { statuses, path: at } = await landing(t.app, oldUrl);
    expect([at, statuses.at(-1)]).toEqual([byline, 200]);
  });

  it('when the site lived under a path, then the report says old URLs are kept relative to it', () => {
    expect(report.notes).toContainEqual(expect.stringMatching(/under \/blog\//));
    expect(report.mainSections).toEqual(['posts', 'notes']);
    expect(report.warnings).toEqual([
      {
        file: 'content/notes/typed-page.md',
        reason:
          'type "page" is not a main section (posts, notes): imported as a page, as PaperMod does not list it',
      },
    ]);
  });
});

describe('languages in their own folders', () => {
  let t: TestApp;
  let report: ImportReport;

  beforeAll(async () => {
    ({ t, report } = await importTree({
      'hugo.toml': [
        'defaultContentLanguage = "en"',
        'defaultContentLanguageInSubdir = true',
        '[languages.en]',
        'contentDir = "content/en"',
        'weight = 1',
        '[languages.de]',
        'contentDir = "content/de"',
        'weight = 2',
        '',
      ].join('\n'),
      'content/en/_index.md': yamlPage({ title: 'Home' }),
      'content/en/about.md': yamlPage({ title: 'About' }),
      'content/en/posts/hello.md': yamlPage({ title: 'Hello', date: '2024-02-02' }),
      'content/de/_index.md': yamlPage({ title: 'Start' }),
      'content/de/posts/hello.md': yamlPage({ title: 'Hallo', date: '2024-02-02' }),
      'content/de/posts/nur-deutsch.md': yamlPage({ title: 'Nur auf Deutsch', date: '2024-02-03' }),
    }));
  });

  it('when the lists are read, then only the default language is there', async () => {
    expect(await listTitles(t.app)).toEqual(['Hello']);
    expect(await t.db.post.count()).toBe(2);
  });

  it('when a reader follows the old English URL, then it answers 301 to the post', async () => {
    expect(await landing(t.app, '/en/posts/hello/')).toEqual({ statuses: [301, 200], path: '/posts/hello/' });
    expect(await landing(t.app, '/en/about/')).toEqual({ statuses: [301, 200], path: '/about/' });
  });

  it('when the import ends, then every German file is reported as a translation', () => {
    expect(report.translations).toEqual([
      { file: 'content/de/_index.md', reason: 'translation (de) of _index.md' },
      { file: 'content/de/posts/hello.md', reason: 'translation (de) of posts/hello.md' },
      { file: 'content/de/posts/nur-deutsch.md', reason: 'translation (de) of posts/nur-deutsch.md' },
    ]);
    expect(report.failed).toBe(0);
  });
});

describe('a configuration folder with a broken file, and uglyURLs', () => {
  let t: TestApp;
  let site: HugoSite;
  let report: ImportReport;
  let lines: string[];

  beforeAll(async () => {
    ({ t, site, report, lines } = await importTree({
      'config/_default/hugo.toml': 'baseURL = "https://x.test/"\nuglyURLs = true\n',
      'config/_default/params.yaml': 'mainSections: [articles]\n',
      'config/_default/permalinks.toml': 'articles = "/:year/\n',
      'content/articles/one.md': yamlPage({ title: 'One', date: '2024-01-01' }),
      'content/articles/two.md': yamlPage({
        title: 'Two',
        date: '2024-01-02',
        aliases: ['old-two', '/legacy/two/'],
      }),
      'content/blog/aside.md': yamlPage({ title: 'Aside', date: '2024-01-03' }),
    }));
  });

  it('when a configuration file does not parse, then it is named with its line and the import carries on', () => {
    expect(report.failures).toEqual([
      { file: 'config/_default/permalinks.toml', line: 1, reason: expect.stringMatching(/^bad TOML: /) },
    ]);
    expect(lines[0]).toMatch(/^config\/_default\/permalinks\.toml:1: bad TOML: /);
    expect(report).toMatchObject({
      failed: 1,
      posts: { imported: 2 },
      pages: { imported: 1 },
      mainSections: ['articles'],
    });
  });

  it.each([
    ['/articles/one.html', '/posts/one/'],
    ['/articles/old-two.html', '/posts/two/'],
    ['/legacy/two.html', '/posts/two/'],
    ['/blog/aside.html', '/aside/'],
  ])('when a reader follows %s, then it ends at %s', async (oldUrl, byline) => {
    expect(await landing(t.app, oldUrl)).toEqual({ statuses: [301, 200], path: byline });
  });

  it('when the import command meets the broken file, then it names it and exits 1', () => {
    const result = runCli(site.dir, path.join(t.dir, 'cli'));
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^config\/_default\/permalinks\.toml:1: bad TOML: /m);
    expect(result.stdout).toMatch(/Failed \(not imported\) +1\n/);
  });
});

describe('a content folder without configuration', () => {
  let t: TestApp;
  let report: ImportReport;

  beforeAll(async () => {
    ({ t, report } = await importTree({
      'content/blog/a.md': yamlPage({ title: 'A', date: '2024-01-01' }),
      'content/blog/b.md': yamlPage({ title: 'B', date: '2024-01-02' }),
      'content/blog/c.md': yamlPage({ title: 'C', date: '2024-01-03' }),
      'content/blog/c.de.md': yamlPage({ title: 'C auf Deutsch', date: '2024-01-03' }),
      'content/blog/notes.old.md': yamlPage({ title: 'Old notes', date: '2023-12-01' }),
      'content/blog/d.en.md': yamlPage({ title: 'D', date: '2024-01-05' }),
      'content/contact/index.md': yamlPage({ title: 'Contact' }),
      'content/til/x.md': yamlPage({ title: 'Today I learned', date: '2024-01-04' }),
    }));
  });

  it('when no main section is configured, then the section with the most pages holds the posts', async () => {
    expect(report.mainSections).toEqual(['blog']);
    expect(await listTitles(t.app)).toEqual(['D', 'C', 'B', 'A', 'Old notes']);
    expect(await landing(t.app, '/til/x/')).toEqual({ statuses: [301, 200], path: '/x/' });
  });

  it('when a file name ends in a language code, then it is a translation; another word is part of the name', async () => {
    expect(report.translations).toEqual([
      { file: 'content/blog/c.de.md', reason: 'translation (de) of blog/c.md' },
    ]);
    expect(await landing(t.app, '/blog/notes.old/')).toEqual({
      statuses: [301, 200],
      path: '/posts/notes-old/',
    });
  });

  it("when a file carries the default language's code, then it is the original", async () => {
    expect(await landing(t.app, '/blog/d/')).toEqual({ statuses: [301, 200], path: '/posts/d/' });
  });

  it('when a top-level folder is a page bundle, then it is a page at its own URL', async () => {
    expect(await landing(t.app, '/contact/')).toEqual({ statuses: [200], path: '/contact/' });
    expect(report.pages.imported).toBe(2);
  });
});

describe("dates from file names and the site's time zone", () => {
  let t: TestApp;

  beforeAll(async () => {
    ({ t } = await importTree({
      'hugo.toml':
        'timeZone = "Europe/Paris"\n[frontmatter]\ndate = [":filename", ":default"]\n[permalinks]\nposts = "/:year/:month/:day/:slug/"\n',
      'content/posts/2024-03-10-spring-notes.md': yamlPage({ title: 'Spring notes' }),
      'content/posts/evening.md': tomlPage({ title: 'Evening' })
        .replace('+++\n\n', '+++\n')
        .replace('title = "Evening"\n', 'title = "Evening"\ndate = 2024-03-11T21:30:00\n'),
    }));
  });

  it("when dates have no zone, then they are in the site's zone; a dated file name gives the date and the slug", async () => {
    const posts = await t.db.post.findMany({
      orderBy: { slug: 'asc' },
      select: { slug: true, publishedAt: true },
    });
    expect(posts.map((p) => [p.slug, p.publishedAt?.toISOString()])).toEqual([
      ['evening', '2024-03-11T20:30:00.000Z'],
      ['spring-notes', '2024-03-09T23:00:00.000Z'],
    ]);
  });

  it('when a reader follows the dated URLs, then they answer 301 to the posts', async () => {
    expect(await landing(t.app, '/2024/03/10/spring-notes/')).toEqual({
      statuses: [301, 200],
      path: '/posts/spring-notes/',
    });
    expect(await landing(t.app, '/2024/03/11/evening/')).toEqual({
      statuses: [301, 200],
      path: '/posts/evening/',
    });
  });
});
