import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/bench/hugo-corpus.js';
import { parseLoadtestArgs } from '../../src/bench/loadtest-options.js';
import {
  pickAction,
  pickWeighted,
  READ_MIX,
  readableSite,
  readUrl,
  type ReadKind,
} from '../../src/bench/loadtest-mix.js';
import { UsageError } from '../../src/bench/options.js';
import { createRandom } from '../../src/bench/random.js';

const now = new Date('2026-06-01T00:00:00Z');
const corpus = generateCorpus({ posts: 300, now });
const site = readableSite(corpus, now);

describe('readableSite', () => {
  it('when built from a generated blog, then it lists its public posts newest first, its tags and list pages', () => {
    const publicPosts = corpus.posts.filter((p) => !p.draft && p.date <= now);
    expect(site.posts).toHaveLength(publicPosts.length);
    expect(site.posts[0]).toBe([...publicPosts].sort((a, b) => b.date.getTime() - a.date.getTime())[0]!.slug);
    expect(site.listPages).toBe(Math.ceil(publicPosts.length / 10));
    expect(site.tags[0]!.posts).toBeGreaterThanOrEqual(site.tags.at(-1)!.posts);
    expect(site.pages).toEqual(['about']);
    expect(site.searchWords.length).toBeGreaterThan(20);
  });
});

describe('the read mix', () => {
  it('when the weights are added up, then they make 100%', () => {
    expect(READ_MIX.reduce((sum, [, w]) => sum + w, 0)).toBe(100);
  });

  it('when 20,000 actions are picked with 5% saves, then about 5% are saves and each kind of page comes about as often as its weight', () => {
    const r = createRandom(1);
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const a = pickAction(r, site, 0.05);
      const key = a.kind === 'write' ? 'write' : a.page;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect((counts.get('write') ?? 0) / 20_000).toBeCloseTo(0.05, 2);
    for (const [kind, weight] of READ_MIX) {
      expect(((counts.get(kind) ?? 0) / 19_000) * 100).toBeCloseTo(weight, -0.5);
    }
  });

  it('when reads are picked, then every URL is a path of the reader’s site, over many different pages', () => {
    const r = createRandom(2);
    const urls = new Set<string>();
    for (let i = 0; i < 5_000; i++) {
      const kind = pickWeighted(r, READ_MIX);
      const url = readUrl(kind, r, site);
      expect(url).toMatch(/^\/([a-z0-9-]+\/)*(index\.xml|sitemap\.xml|\?q=[^&]+)?$/);
      urls.add(url);
    }
    expect(urls.size).toBeGreaterThan(300);
  });

  it.each<[ReadKind, RegExp]>([
    ['front page', /^\/$/],
    ['list page', /^\/page\/\d+\/$/],
    ['post', /^\/posts\/[a-z0-9-]+\/$/],
    ['tag page', /^\/tags\/[a-z0-9-]+\/(page\/\d+\/)?$/],
    ['feed', /^(\/tags\/[a-z0-9-]+)?\/index\.xml$/],
    ['sitemap', /^\/sitemap\.xml$/],
    ['search', /^\/search\/\?q=\S+$/],
    ['other', /^\/(tags|archives|posts|about)\/$/],
  ])('when a %s is read, then its URL has that form', (kind, form) => {
    const r = createRandom(3);
    for (let i = 0; i < 50; i++) expect(readUrl(kind, r, site)).toMatch(form);
  });

  it('when a list or tag page number is picked, then it is never past the last page', () => {
    const r = createRandom(4);
    for (let i = 0; i < 2_000; i++) {
      const list = /^\/page\/(\d+)\/$/.exec(readUrl('list page', r, site));
      if (list) expect(Number(list[1])).toBeLessThanOrEqual(site.listPages);
      const tag = /^\/tags\/([a-z0-9-]+)\/page\/(\d+)\/$/.exec(readUrl('tag page', r, site));
      if (tag)
        expect(Number(tag[2])).toBeLessThanOrEqual(
          Math.ceil(site.tags.find((t) => t.slug === tag[1])!.posts / 10),
        );
    }
  });
});

describe('parseLoadtestArgs', () => {
  it('when nothing is given, then it runs 60 s at 64 connections with 5% saves', () => {
    expect(parseLoadtestArgs([])).toMatchObject({
      duration: 60,
      connections: 64,
      writeShare: 0.05,
      posts: 2000,
      editors: 4,
      keep: false,
    });
  });

  it('when options are given, then they are read as numbers and the output path is made absolute', () => {
    const opts = parseLoadtestArgs([
      '--duration',
      '3',
      '--connections=8',
      '--posts',
      '50',
      '--write-share',
      '0.2',
      '--out',
      'x.json',
    ]);
    expect(opts).toMatchObject({ duration: 3, connections: 8, posts: 50, writeShare: 0.2 });
    expect(opts.out).toMatch(/^\/.*x\.json$/);
  });

  it.each([
    [['--duration', 'long']],
    [['--connections', '0']],
    [['--write-share', '2']],
    [['--nope']],
    [['extra']],
  ])('when given %j, then it is a usage error naming the problem', (argv) => {
    expect(() => parseLoadtestArgs(argv)).toThrow(UsageError);
  });
});
