import { slugify } from '../content/slug.js';
import { isPublicAt, type Corpus } from './hugo-corpus.js';

export interface BenchUrl {
  name: string;
  /** Path and query. */
  url: string;
  public: boolean;
  /** Concurrent connections for this URL, when not the run's (--connections). */
  connections?: number;
}

/**
 * The admin list's target is read at this many signed-in connections: a team of editors all
 * clicking at the same instant. Fifty at once is a public page's load (a post shared); the admin
 * list is measured at that too, for the table (docs/decisions/019-admin-reads.md).
 */
export const ADMIN_EDITORS = 10;
export const ADMIN_TARGET_URL = `admin list, ${ADMIN_EDITORS} editors`;

export interface CorpusFacts {
  posts: number;
  publicPosts: number;
  drafts: number;
  future: number;
  withCode: number;
  tags: number;
  /** Public posts on the tag page measured. */
  tagPosts: number;
  markdownBytes: number;
}

const PER_PAGE = 10;

function countBy(items: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/**
 * The URLs the bench measures, chosen from what the generated blog holds: page 50 (or the last
 * page of a smaller blog), a post in the middle with a code block, the busiest tag, and a search
 * for a word that matches a few hundred posts at 10,000.
 */
export function chooseUrls(corpus: Corpus, now: Date): { urls: BenchUrl[]; facts: CorpusFacts } {
  const visible = corpus.posts.filter((p) => isPublicAt(p, now));
  const lastPage = Math.max(1, Math.ceil(visible.length / PER_PAGE));
  const page = Math.min(50, lastPage);
  const withCode = visible.filter((p) => p.codeBlocks > 0);
  const post = withCode[Math.floor(withCode.length / 2)] ?? visible[Math.floor(visible.length / 2)];
  if (!post) throw new Error('the generated blog has no public post');
  const tagCounts = countBy(visible.flatMap((p) => p.tags));
  const [topTag, topCount] = tagCounts[0] ?? ['', 0];
  const words = tagCounts.filter(([t]) => /^[a-z]{4,}$/.test(t));
  const searchWord = (words[Math.min(9, words.length - 1)] ?? words[0])?.[0] ?? 'server';
  const urls: BenchUrl[] = [
    { name: 'front page', url: '/', public: true },
    { name: `page ${page}`, url: page > 1 ? `/page/${page}/` : '/', public: true },
    { name: 'post', url: `/posts/${post.slug}/`, public: true },
    { name: 'tag page', url: `/tags/${slugify(topTag)}/`, public: true },
    { name: 'feed', url: '/index.xml', public: true },
    { name: 'sitemap', url: '/sitemap.xml', public: true },
    { name: 'search', url: `/search/?q=${encodeURIComponent(searchWord)}`, public: true },
    { name: 'admin list', url: '/admin/posts', public: false },
    { name: ADMIN_TARGET_URL, url: '/admin/posts', public: false, connections: ADMIN_EDITORS },
  ];
  const facts: CorpusFacts = {
    posts: corpus.posts.length,
    publicPosts: visible.length,
    drafts: corpus.posts.filter((p) => p.draft).length,
    future: corpus.posts.filter((p) => !p.draft && p.date.getTime() > now.getTime()).length,
    withCode: corpus.posts.filter((p) => p.codeBlocks > 0).length,
    tags: new Set(corpus.posts.flatMap((p) => p.tags)).size,
    tagPosts: topCount,
    markdownBytes: corpus.posts.reduce((sum, p) => sum + Buffer.byteLength(p.text), 0),
  };
  return { urls, facts };
}
