import { describe, expect, it } from 'vitest';
import { postFromHugo } from '../../src/content/hugo-post.js';
import { generateCorpus, isPublicAt } from '../../src/bench/hugo-corpus.js';
import { createRandom } from '../../src/bench/random.js';
import { chooseUrls } from '../../src/bench/targets.js';

const now = new Date('2026-06-01T12:00:00Z');
const contentPath = (relPath: string) => relPath.replace(/^content\//, '');

describe('generateCorpus', () => {
  it('when called twice with the same seed and moment, then it writes the same blog', () => {
    const a = generateCorpus({ posts: 50, now });
    const b = generateCorpus({ posts: 50, now });
    expect(b).toEqual(a);
    expect(generateCorpus({ posts: 50, now, seed: 5 }).posts[0]!.text).not.toBe(a.posts[0]!.text);
  });

  it('when imported the way `npm run import` reads it, then every post parses to its slug, tags and status', () => {
    const corpus = generateCorpus({ posts: 300, now });
    expect(corpus.posts).toHaveLength(300);
    for (const post of corpus.posts) {
      const input = postFromHugo({ relPath: contentPath(post.relPath), text: post.text }, { now });
      expect(input.slug).toBe(post.slug);
      expect(input.tags).toEqual(post.tags);
      expect(input.status).toBe(post.draft ? 'draft' : 'published');
      expect(input.publishedAt?.getTime()).toBe(post.date.getTime());
    }
    expect(new Set(corpus.posts.map((p) => p.relPath)).size).toBe(300);
  });

  it('when it makes 2,000 posts, then they have the mix of a real blog', () => {
    const { posts } = generateCorpus({ posts: 2000, now });
    const years = posts.map((p) => p.date.getUTCFullYear());
    expect(Math.max(...years) - Math.min(...years)).toBeGreaterThanOrEqual(9);
    expect(posts.filter((p) => p.draft).length).toBeGreaterThan(0);
    expect(posts.filter((p) => !p.draft && !isPublicAt(p, now)).length).toBeGreaterThan(0);
    expect(posts.filter((p) => /^```[a-z]+$/m.test(p.text)).length).toBeGreaterThan(posts.length / 2);
    expect(posts.filter((p) => p.text.startsWith('+++')).length).toBeGreaterThan(0);
    expect(posts.filter((p) => p.relPath.endsWith('/index.md')).length).toBeGreaterThan(0);
    expect(posts.every((p) => /^## /m.test(p.text))).toBe(true);
    expect(new Set(posts.flatMap((p) => p.tags)).size).toBeGreaterThan(150);
  });
});

describe('chooseUrls', () => {
  it('when the blog has thousands of posts, then it measures page 50, the busiest tag and a search with many matches', () => {
    const corpus = generateCorpus({ posts: 3000, now });
    const { urls, facts } = chooseUrls(corpus, now);
    expect(urls.map((u) => u.url)).toContain('/page/50/');
    expect(facts.tagPosts).toBeGreaterThan(300);
    const search = urls.find((u) => u.name === 'search')!;
    const word = decodeURIComponent(search.url.split('=')[1]!);
    const matching = corpus.posts.filter((p) => p.text.includes(word)).length;
    expect(matching).toBeGreaterThan(30);
    // The admin list twice: at the run's connections, and at the editors' count its target is read at.
    expect(urls.filter((u) => !u.public).map((u) => [u.url, u.connections])).toEqual([
      ['/admin/posts', undefined],
      ['/admin/posts', 10],
    ]);
  });

  it('when the blog is small, then the page measured is its last page', () => {
    const corpus = generateCorpus({ posts: 100, now });
    const { urls, facts } = chooseUrls(corpus, now);
    expect(urls[1]!.url).toBe(`/page/${Math.ceil(facts.publicPosts / 10)}/`);
  });

  it('when the post is chosen, then it is public and has a code block', () => {
    const corpus = generateCorpus({ posts: 200, now });
    const { urls } = chooseUrls(corpus, now);
    const slug = urls.find((u) => u.name === 'post')!.url.split('/')[2];
    const post = corpus.posts.find((p) => p.slug === slug)!;
    expect(isPublicAt(post, now)).toBe(true);
    expect(post.codeBlocks).toBeGreaterThan(0);
  });
});

describe('createRandom', () => {
  it('when drawing Zipf indexes, then the first is the most frequent and all stay in range', () => {
    const r = createRandom(1);
    const counts = new Array<number>(20).fill(0);
    for (let i = 0; i < 20_000; i++) counts[r.zipf(20)]! += 1;
    expect(counts[0]).toBeGreaterThan(counts[1]!);
    expect(counts[1]).toBeGreaterThan(counts[10]!);
    expect(counts.every((c) => c > 0)).toBe(true);
  });

  it('when drawing integers, then they fall within the bounds given, both included', () => {
    const r = createRandom(2);
    const seen = new Set(Array.from({ length: 500 }, () => r.int(3, 5)));
    expect([...seen].sort()).toEqual([3, 4, 5]);
  });
});
