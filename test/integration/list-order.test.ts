/**
 * The public lists read listOrder as two runs (weighted, then unweighted) so that SQLite can walk an
 * index; these tests hold them to listOrder itself, as Prisma sorts by it, on posts that tie on
 * every key but the last.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getNeighbours, listAllPublicPosts, listPublicPosts } from '../../src/models/posts.js';
import { getTerm } from '../../src/models/tags.js';
import { listOrder, publicWhere } from '../../src/models/visibility.js';
import type { Prisma } from '../../src/generated/prisma/client.js';
import { addPost } from '../helpers/app.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

const now = new Date(Date.UTC(2025, 0, 1));
const day = (d: number) => new Date(Date.UTC(2024, 0, d));

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  const posts: {
    slug: string;
    title: string;
    weight: number | null;
    publishedAt: Date | null;
    tagged: boolean;
  }[] = [
    { slug: 'a', title: 'Same', weight: null, publishedAt: day(5), tagged: true },
    { slug: 'b', title: 'Same', weight: null, publishedAt: day(5), tagged: false },
    { slug: 'c', title: 'Alpha', weight: null, publishedAt: day(5), tagged: true },
    // Hugo compares titles with a collator: case does not decide the order.
    { slug: 'm', title: 'beta in lower case', weight: null, publishedAt: day(5), tagged: true },
    { slug: 'n', title: 'ZETA', weight: null, publishedAt: day(5), tagged: false },
    { slug: 'd', title: 'Older', weight: null, publishedAt: day(1), tagged: true },
    { slug: 'e', title: 'Undated', weight: null, publishedAt: null, tagged: true },
    { slug: 'f', title: 'Undated too', weight: null, publishedAt: null, tagged: false },
    { slug: 'g', title: 'Heavy', weight: 2, publishedAt: day(9), tagged: true },
    { slug: 'h', title: 'Heavy', weight: 2, publishedAt: day(3), tagged: false },
    { slug: 'i', title: 'Light', weight: 1, publishedAt: day(2), tagged: true },
    { slug: 'j', title: 'Light undated', weight: 1, publishedAt: null, tagged: true },
    { slug: 'k', title: 'Newest', weight: null, publishedAt: day(20), tagged: true },
    { slug: 'l', title: 'Negative', weight: -3, publishedAt: day(4), tagged: false },
  ];
  for (const p of posts) {
    await addPost(t, {
      slug: p.slug,
      title: p.title,
      weight: p.weight,
      publishedAt: p.publishedAt,
      tags: p.tagged ? ['picked'] : ['other'],
    });
  }
  // Not public: a draft, a future post and a trashed one must not take a place in the order.
  await addPost(t, { slug: 'draft', status: 'draft', weight: 1 });
  await addPost(t, { slug: 'future', publishedAt: new Date(Date.UTC(2030, 0, 1)) });
  const trashed = await addPost(t, { slug: 'trashed', weight: null, publishedAt: day(6) });
  await t.db.post.update({ where: { id: trashed.id }, data: { deletedAt: now } });
});
afterAll(() => t.cleanup());

/** The slugs in listOrder, sorted by Prisma with listOrder's own NULLS LAST terms. */
async function expected(where: Prisma.PostWhereInput = {}) {
  const rows = await t.db.post.findMany({
    where: { type: 'post', ...publicWhere(now), ...where },
    orderBy: listOrder,
    select: { slug: true },
  });
  return rows.map((r) => r.slug);
}

async function paged(perPage: number, tagId?: number) {
  const slugs: string[] = [];
  let total = 0;
  for (let page = 1; page <= 20; page++) {
    const result = await listPublicPosts(t.db, { now, page, perPage, tagId });
    total = result.total;
    if (result.posts.length === 0) break;
    slugs.push(...result.posts.map((p) => p.slug));
  }
  return { slugs, total };
}

describe('public lists in listOrder', () => {
  it('when the posts are read page by page at any page size, then they come in listOrder with the right total', async () => {
    const order = await expected();
    expect(order).toEqual(['l', 'i', 'j', 'g', 'h', 'k', 'c', 'm', 'a', 'b', 'n', 'd', 'e', 'f']);
    for (const perPage of [1, 2, 3, 4, 5, 50]) {
      expect(await paged(perPage), `perPage ${perPage}`).toEqual({ slugs: order, total: order.length });
    }
  });

  it('when a tag page is read page by page, then its posts come in listOrder', async () => {
    const term = await getTerm(t.db, 'tags', 'picked');
    const order = await expected({ tags: { some: { tagId: term!.id } } });
    expect(order.length).toBeGreaterThan(4);
    for (const perPage of [2, 3, 10]) {
      expect(await paged(perPage, term!.id)).toEqual({ slugs: order, total: order.length });
    }
  });

  it('when archives list every post, then they come in listOrder', async () => {
    const all = await listAllPublicPosts(t.db, now);
    expect(all.map((p) => p.slug)).toEqual(await expected());
  });

  it('when a post asks for its neighbours, then they are the posts beside it in listOrder', async () => {
    const order = await expected();
    for (const [i, slug] of order.entries()) {
      const post = await t.db.post.findFirstOrThrow({ where: { type: 'post', slug } });
      const { prev, next } = await getNeighbours(t.db, post, now);
      expect({ slug, prev: prev?.slug ?? null, next: next?.slug ?? null }).toEqual({
        slug,
        prev: order[i - 1] ?? null,
        next: order[i + 1] ?? null,
      });
    }
  });
});

describe('the title order key', () => {
  it('when a title is written or changed by any path, then its order key follows it', async () => {
    const post = await addPost(t, { slug: 'keyed', title: 'MiXeD Case' });
    expect((await t.db.post.findUniqueOrThrow({ where: { id: post.id } })).titleKey).toBe('mixed case');
    await t.db.post.update({ where: { id: post.id }, data: { title: 'Now Renamed' } });
    expect((await t.db.post.findUniqueOrThrow({ where: { id: post.id } })).titleKey).toBe('now renamed');
    await t.db.post.delete({ where: { id: post.id } });
  });
});
