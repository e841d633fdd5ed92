import type { Db } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';
import { deriveContent, type DeriveInput } from '../content/derive.js';
import type { PostInput, PostType, TocEntry } from '../content/types.js';
import { beyondInOrder, listOrder, publicWhere, reverseListOrder, type OrderKey } from './visibility.js';
import { replaceTerms } from './tags.js';
import { removeFromSearch, updateSearchIndex } from './search-sqlite.js';

type Tx = Prisma.TransactionClient;

/** The columns derived from a post's text, computed once when it is saved (editor, import, seed). */
export function derivedColumns(input: DeriveInput) {
  const derived = deriveContent(input);
  return {
    title: input.title,
    markdown: input.markdown,
    summarySource: input.summarySource,
    description: input.description,
    html: derived.html,
    tocJson: JSON.stringify(derived.toc),
    summaryText: derived.summaryText,
    summaryTruncated: derived.summaryTruncated,
    wordCount: derived.wordCount,
    readingTime: derived.readingTime,
    searchText: derived.searchText,
  };
}

/** Creates or updates a post by (type, slug), deriving its content once, here. */
export async function savePost(
  db: Db,
  input: PostInput,
  now: Date = new Date(),
): Promise<{ id: number; created: boolean }> {
  const derived = derivedColumns(input);
  const data = {
    ...derived,
    status: input.status,
    publishedAt: input.publishedAt,
    expiresAt: input.expiresAt,
    weight: input.weight,
    showToc: input.showToc,
    extraJson: JSON.stringify(input.extra),
    updatedAt: input.updatedAt ?? now,
  };
  return db.$transaction(async (tx) => {
    const existing = await tx.post.findUnique({
      where: { type_slug: { type: input.type, slug: input.slug } },
      select: { id: true },
    });
    const post = existing
      ? await tx.post.update({ where: { id: existing.id }, data: { ...data, version: { increment: 1 } } })
      : await tx.post.create({ data: { ...data, type: input.type, slug: input.slug } });
    await replaceTerms(tx, post.id, { tags: input.tags, categories: input.categories });
    await replaceAliases(tx, post.id, input.aliases);
    await updateSearchIndex(tx, post.id, input.type === 'post' ? { title: input.title, body: derived.searchText } : null);
    return { id: post.id, created: !existing };
  });
}

async function replaceAliases(tx: Tx, postId: number, aliases: string[]): Promise<void> {
  await tx.redirect.deleteMany({ where: { postId, source: 'alias' } });
  for (const fromPath of new Set(aliases)) {
    await tx.redirect.upsert({
      where: { fromPath },
      create: { fromPath, postId, source: 'alias' },
      update: { postId, source: 'alias' },
    });
  }
}

export async function deletePost(db: Db, id: number): Promise<void> {
  await db.$transaction(async (tx) => {
    await removeFromSearch(tx, id);
    await tx.post.delete({ where: { id } });
  });
}

const listSelect = {
  id: true,
  slug: true,
  title: true,
  summaryText: true,
  summaryTruncated: true,
  readingTime: true,
  publishedAt: true,
} satisfies Prisma.PostSelect;

export type PostListItem = Prisma.PostGetPayload<{ select: typeof listSelect }>;

/** One page of public posts, in Hugo's order, optionally for one term. */
export async function listPublicPosts(
  db: Db,
  opts: { now: Date; page: number; perPage: number; tagId?: number },
): Promise<{ posts: PostListItem[]; total: number }> {
  const where: Prisma.PostWhereInput = {
    type: 'post',
    ...publicWhere(opts.now),
    ...(opts.tagId ? { tags: { some: { tagId: opts.tagId } } } : {}),
  };
  const [posts, total] = await Promise.all([
    db.post.findMany({
      where,
      orderBy: listOrder,
      skip: (opts.page - 1) * opts.perPage,
      take: opts.perPage,
      select: listSelect,
    }),
    db.post.count({ where }),
  ]);
  return { posts, total };
}

/** Every public post, newest first, with the few fields feeds, sitemap and archives need. */
export async function listAllPublicPosts(db: Db, now: Date, type: PostType = 'post') {
  return db.post.findMany({
    where: { type, ...publicWhere(now) },
    orderBy: listOrder,
    select: { ...listSelect, updatedAt: true },
  });
}

export async function getPublicPost(db: Db, opts: { slug: string; type: PostType; now: Date }) {
  const post = await db.post.findFirst({
    where: { type: opts.type, slug: opts.slug, ...publicWhere(opts.now) },
    include: {
      tags: { include: { tag: true }, orderBy: { position: 'asc' } },
      author: { select: { name: true } },
    },
  });
  if (!post) return null;
  return { ...post, toc: JSON.parse(post.tocJson) as TocEntry[] };
}

/** The public posts either side of `post` in list order: newer (prev) and older (next). */
export async function getNeighbours(
  db: Db,
  post: OrderKey,
  now: Date,
) {
  const base: Prisma.PostWhereInput = { type: 'post', ...publicWhere(now) };
  const select = { slug: true, title: true } as const;
  const [prev, next] = await Promise.all([
    db.post.findFirst({ where: { AND: [base, beyondInOrder(post, 'before')] }, orderBy: reverseListOrder, select }),
    db.post.findFirst({ where: { AND: [base, beyondInOrder(post, 'after')] }, orderBy: listOrder, select }),
  ]);
  return { prev, next };
}

/** Every post and page in the shape the exporter writes back. */
export async function listPostsForExport(db: Db): Promise<PostInput[]> {
  const posts = await db.post.findMany({
    orderBy: [{ type: 'asc' }, { slug: 'asc' }],
    include: {
      tags: { include: { tag: true }, orderBy: { position: 'asc' } },
      redirects: { where: { source: 'alias' }, orderBy: { fromPath: 'asc' } },
    },
  });
  return posts.map((p) => ({
    type: p.type === 'page' ? 'page' : 'post',
    slug: p.slug,
    title: p.title,
    markdown: p.markdown,
    summarySource: p.summarySource,
    description: p.description,
    status: p.status === 'draft' ? 'draft' : p.status === 'scheduled' ? 'scheduled' : 'published',
    publishedAt: p.publishedAt,
    expiresAt: p.expiresAt,
    updatedAt: p.updatedAt,
    weight: p.weight,
    showToc: p.showToc,
    tags: p.tags.filter((t) => t.tag.taxonomy === 'tags').map((t) => t.tag.name),
    categories: p.tags.filter((t) => t.tag.taxonomy === 'categories').map((t) => t.tag.name),
    aliases: p.redirects.map((r) => r.fromPath),
    extra: JSON.parse(p.extraJson) as Record<string, unknown>,
  }));
}

export async function countPosts(db: Db): Promise<number> {
  return db.post.count();
}
