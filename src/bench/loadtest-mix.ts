/**
 * What the load test's readers ask for: a weighted mix of the reader's pages over the whole
 * generated blog, so the page cache holds many pages and misses some, as on a real site.
 */
import { slugify } from '../content/slug.js';
import { isPublicAt, type Corpus } from './hugo-corpus.js';
import type { Random } from './random.js';
import { PROSE } from './words.js';

/** The parts of the generated blog readers can reach. */
export interface ReadableSite {
  /** Slugs of the public posts, newest first: new posts are read most. */
  posts: string[];
  /** Tag slugs with their public post counts, busiest first. */
  tags: { slug: string; posts: number }[];
  /** Pages of the front-page list. */
  listPages: number;
  /** Words searched for: tag words (many hits) and prose words (a few). */
  searchWords: string[];
  /** Static pages, e.g. `about`. */
  pages: string[];
}

export const PER_PAGE = 10;

export type ReadKind =
  'front page' | 'list page' | 'post' | 'tag page' | 'feed' | 'sitemap' | 'search' | 'other';

/** Share of the reads per kind of page, in percent. */
export const READ_MIX: readonly (readonly [ReadKind, number])[] = [
  ['front page', 14],
  ['list page', 14],
  ['post', 38],
  ['tag page', 10],
  ['feed', 6],
  ['sitemap', 2],
  ['search', 10],
  ['other', 6],
];

function countBy(items: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** The readable parts of a generated blog as the site shows them at `now`. */
export function readableSite(corpus: Corpus, now: Date): ReadableSite {
  const visible = corpus.posts
    .filter((p) => isPublicAt(p, now))
    .sort((a, b) => b.date.getTime() - a.date.getTime());
  if (visible.length === 0) throw new Error('the generated blog has no public post');
  const tags = countBy(visible.flatMap((p) => p.tags.map((t) => slugify(t)))).map(([slug, posts]) => ({
    slug,
    posts,
  }));
  const tagWords = tags.map((t) => t.slug).filter((t) => /^[a-z]{4,}$/.test(t));
  const proseWords = [...new Set(PROSE.filter((w) => /^[a-z]{5,}$/.test(w)))];
  return {
    posts: visible.map((p) => p.slug),
    tags,
    listPages: Math.max(1, Math.ceil(visible.length / PER_PAGE)),
    searchWords: [...tagWords.slice(0, 60), ...proseWords.slice(0, 60)],
    pages: corpus.pages.map((p) => p.relPath.replace(/^content\//, '').replace(/(\/index)?\.md$/, '')),
  };
}

/** Picks from `[item, weight]` pairs in proportion to the weights. */
export function pickWeighted<T>(r: Random, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let u = r.next() * total;
  for (const [item, w] of items) {
    if (u < w) return item;
    u -= w;
  }
  const last = items.at(-1);
  if (!last) throw new Error('pick from an empty mix');
  return last[0];
}

const page = (base: string, n: number) => (n <= 1 ? base : `${base}page/${n}/`);

function searchQuery(r: Random, site: ReadableSite): string {
  const roll = r.next();
  // Mostly one word, sometimes two, now and then a word nothing contains.
  const words =
    roll < 0.6
      ? [r.pick(site.searchWords)]
      : roll < 0.92
        ? [r.pick(site.searchWords), r.pick(site.searchWords)]
        : [`zq${r.int(100, 999)}x`];
  return `/search/?q=${encodeURIComponent(words.join(' '))}`;
}

function otherPage(r: Random, site: ReadableSite): string {
  const choices = ['/tags/', '/archives/', '/posts/', ...site.pages.map((p) => `/${p}/`)];
  return r.pick(choices);
}

/** The path (and query) of one read of the given kind. */
export function readUrl(kind: ReadKind, r: Random, site: ReadableSite): string {
  switch (kind) {
    case 'front page':
      return '/';
    case 'list page':
      return page('/', r.int(2, Math.max(2, site.listPages)));
    case 'post':
      return `/posts/${site.posts[r.zipf(site.posts.length)]!}/`;
    case 'tag page': {
      const tag = site.tags[r.zipf(site.tags.length)]!;
      return page(`/tags/${tag.slug}/`, r.chance(0.7) ? 1 : r.int(1, Math.ceil(tag.posts / PER_PAGE)));
    }
    case 'feed':
      return r.chance(0.7) ? '/index.xml' : `/tags/${site.tags[r.zipf(site.tags.length)]!.slug}/index.xml`;
    case 'sitemap':
      return '/sitemap.xml';
    case 'search':
      return searchQuery(r, site);
    case 'other':
      return otherPage(r, site);
  }
}

export type Action = { kind: 'write' } | { kind: 'read'; page: ReadKind; url: string };

/** One visitor action: a save with probability `writeShare`, otherwise a read from the mix. */
export function pickAction(r: Random, site: ReadableSite, writeShare: number): Action {
  if (r.next() < writeShare) return { kind: 'write' };
  const page = pickWeighted(r, READ_MIX);
  return { kind: 'read', page, url: readUrl(page, r, site) };
}
