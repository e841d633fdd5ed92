import type { Db } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';
import { deriveContent, type DeriveInput } from '../content/derive.js';
import type { PostInput, PostType, TocEntry } from '../content/types.js';
import { beyondInOrder, publicWhere, type OrderKey } from './visibility.js';
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

/** Every column savePost writes, the derived ones computed here (the slow part of a save). */
function postColumns(input: PostInput, now: Date) {
  return {
    ...derivedColumns(input),
    status: input.status,
    publishedAt: input.publishedAt,
    expiresAt: input.expiresAt,
    weight: input.weight,
    showToc: input.showToc,
    extraJson: JSON.stringify(input.extra),
    updatedAt: input.updatedAt ?? now,
  };
}

/** savePost's writes, inside the caller's transaction. */
async function writePost(
  tx: Tx,
  input: PostInput,
  data: ReturnType<typeof postColumns>,
): Promise<{ id: number; created: boolean }> {
  const existing = await tx.post.findUnique({
    where: { type_slug: { type: input.type, slug: input.slug } },
    select: { id: true },
  });
  const post = existing
    ? await tx.post.update({
        where: { id: existing.id },
        data: { ...data, version: { increment: 1 } },
        select: { id: true },
      })
    : await tx.post.create({ data: { ...data, type: input.type, slug: input.slug }, select: { id: true } });
  // A post just created has no terms, aliases or search row to remove yet (ids are never reused).
  const fresh = !existing;
  await replaceTerms(tx, post.id, { tags: input.tags, categories: input.categories }, { fresh });
  await replaceAliases(tx, post.id, input.aliases, fresh);
  const doc = input.type === 'post' ? { title: input.title, body: data.searchText } : null;
  await updateSearchIndex(tx, post.id, doc, { fresh });
  return { id: post.id, created: fresh };
}

/** Creates or updates a post by (type, slug), deriving its content once, here. */
export async function savePost(
  db: Db,
  input: PostInput,
  now: Date = new Date(),
): Promise<{ id: number; created: boolean }> {
  const data = postColumns(input, now);
  return db.$transaction((tx) => writePost(tx, input, data));
}

export type SaveOutcome = { id: number; created: boolean } | { error: unknown };

/**
 * savePost for many posts (an import's batch), in one transaction: one commit instead of one per
 * post, which is most of what a save costs once the content is derived. When any post of the
 * batch fails, none of it is kept and each post is saved again on its own, so that a bad post
 * costs only itself, exactly as with savePost. Outcomes come back in the order of `inputs`.
 */
export async function savePosts(db: Db, inputs: PostInput[], now: Date = new Date()): Promise<SaveOutcome[]> {
  const outcomes = new Array<SaveOutcome>(inputs.length);
  const ready: { at: number; input: PostInput; data: ReturnType<typeof postColumns> }[] = [];
  for (const [at, input] of inputs.entries()) {
    try {
      ready.push({ at, input, data: postColumns(input, now) });
    } catch (error) {
      outcomes[at] = { error };
    }
  }
  if (ready.length === 0) return outcomes;
  try {
    const saved = await db.$transaction(
      async (tx) => {
        const results = [];
        for (const r of ready) results.push(await writePost(tx, r.input, r.data));
        return results;
      },
      // A batch of big posts on a busy machine may take a while; the default is 5 s.
      { timeout: 120_000 },
    );
    for (const [k, r] of ready.entries()) outcomes[r.at] = saved[k]!;
  } catch {
    for (const r of ready) {
      try {
        outcomes[r.at] = await db.$transaction((tx) => writePost(tx, r.input, r.data));
      } catch (error) {
        outcomes[r.at] = { error };
      }
    }
  }
  return outcomes;
}

async function replaceAliases(tx: Tx, postId: number, aliases: string[], fresh: boolean): Promise<void> {
  if (!fresh) await tx.redirect.deleteMany({ where: { postId, source: 'alias' } });
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

/*
 * listOrder (weight ascending with the unweighted last, then date newest first, title, slug) is
 * read as two runs: the weighted posts, then the unweighted ones. Within a run the order is plain
 * column order: SQLite puts NULLs last in a DESC sort by itself, so `publishedAt: 'desc'` is
 * listOrder's `nulls: 'last'`. Prisma writes `nulls: 'last'` as CASE expressions, which no index
 * can serve: every list would read and sort every post. In plain order SQLite walks
 * Post_public_list_idx and stops after the page.
 */
const weightedOrder: Prisma.PostOrderByWithRelationInput[] = [
  { weight: 'asc' },
  { publishedAt: 'desc' },
  { title: 'asc' },
  { slug: 'asc' },
];
const unweightedOrder: Prisma.PostOrderByWithRelationInput[] = [
  { publishedAt: 'desc' },
  { title: 'asc' },
  { slug: 'asc' },
];
const weightedRun = (where: Prisma.PostWhereInput) => ({ ...where, weight: { not: null } });
const unweightedRun = (where: Prisma.PostWhereInput) => ({ ...where, weight: null });

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
  // One count gives both runs' sizes: COUNT(weight) counts the weighted posts.
  const counts = await db.post.count({ where, select: { _all: true, weight: true } });
  const weighted = counts.weight;
  const skip = (opts.page - 1) * opts.perPage;
  const page = (
    run: Prisma.PostWhereInput,
    orderBy: Prisma.PostOrderByWithRelationInput[],
    from: number,
    take: number,
  ) => db.post.findMany({ where: run, orderBy, skip: from, take, select: listSelect });
  const first = skip < weighted ? await page(weightedRun(where), weightedOrder, skip, opts.perPage) : [];
  const rest = opts.perPage - first.length;
  const second =
    rest > 0 && skip + first.length < counts._all
      ? await page(unweightedRun(where), unweightedOrder, Math.max(0, skip - weighted), rest)
      : [];
  return { posts: [...first, ...second], total: counts._all };
}

const allSelect = {
  id: true,
  slug: true,
  title: true,
  readingTime: true,
  publishedAt: true,
  updatedAt: true,
} satisfies Prisma.PostSelect;

/**
 * Every public post (or page), in listOrder, with the few fields archives and the sitemap need:
 * all of them are in Post_public_list_idx, so this reads the index and never the posts' rows.
 */
export async function listAllPublicPosts(db: Db, now: Date, type: PostType = 'post') {
  const where: Prisma.PostWhereInput = { type, ...publicWhere(now) };
  const [weighted, unweighted] = await Promise.all([
    db.post.findMany({ where: weightedRun(where), orderBy: weightedOrder, select: allSelect }),
    db.post.findMany({ where: unweightedRun(where), orderBy: unweightedOrder, select: allSelect }),
  ]);
  return [...weighted, ...unweighted];
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

/** The two runs' orders backwards (SQLite puts NULLs first in an ASC sort), to find the nearest newer post. */
const reverseWeightedOrder: Prisma.PostOrderByWithRelationInput[] = [
  { weight: 'desc' },
  { publishedAt: 'asc' },
  { title: 'desc' },
  { slug: 'desc' },
];
const reverseUnweightedOrder: Prisma.PostOrderByWithRelationInput[] = [
  { publishedAt: 'asc' },
  { title: 'desc' },
  { slug: 'desc' },
];

/**
 * The public posts either side of `post` in list order: newer (prev) and older (next). Each side
 * is looked for in `post`'s own run first, then in the other run (the weighted run comes first).
 */
export async function getNeighbours(db: Db, post: OrderKey, now: Date) {
  const base: Prisma.PostWhereInput = { type: 'post', ...publicWhere(now) };
  const select = { slug: true, title: true } as const;
  const weighted = weightedRun(base);
  const unweighted = unweightedRun(base);
  const newer = (run: Prisma.PostWhereInput, orderBy: Prisma.PostOrderByWithRelationInput[]) =>
    db.post.findFirst({ where: { AND: [run, beyondInOrder(post, 'before')] }, orderBy, select });
  const older = (run: Prisma.PostWhereInput, orderBy: Prisma.PostOrderByWithRelationInput[]) =>
    db.post.findFirst({ where: { AND: [run, beyondInOrder(post, 'after')] }, orderBy, select });
  if (post.weight === null) {
    const [prev, next] = await Promise.all([
      newer(unweighted, reverseUnweightedOrder).then((p) => p ?? newer(weighted, reverseWeightedOrder)),
      older(unweighted, unweightedOrder),
    ]);
    return { prev, next };
  }
  const [prev, next] = await Promise.all([
    newer(weighted, reverseWeightedOrder),
    older(weighted, weightedOrder).then((p) => p ?? older(unweighted, unweightedOrder)),
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
