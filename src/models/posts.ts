import type { Db } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';
import { deriveContent, type DeriveInput } from '../content/derive.js';
import type { RenderOptions } from '../content/markdown.js';
import type { DerivedContent, PostInput, PostType, TocEntry } from '../content/types.js';
import { beyondInOrder, publicWhere, type OrderKey } from './visibility.js';
import { replaceTerms, replaceTermsOfPosts } from './tags.js';
import { removeFromSearch, updateSearchIndex, updateSearchIndexes } from './search-sqlite.js';

type Tx = Prisma.TransactionClient;

/**
 * How a save renders: an import knows where every `ref`/`relref` shortcode points (its renamed
 * posts included); other saves use the renderer's own rule.
 */
export type SaveOptions = Pick<RenderOptions, 'resolveRef'>;

/** The columns derived from a post's text, computed once when it is saved (editor, import, seed). */
export function derivedColumns(input: DeriveInput, options: SaveOptions = {}) {
  return columnsOfDerived(input, deriveContent(input, options));
}

/** The same columns from content already derived (by the server's render thread, src/work/render-pool.ts). */
export function columnsOfDerived(input: DeriveInput, derived: DerivedContent) {
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
function postColumns(input: PostInput, now: Date, options: SaveOptions) {
  return {
    ...derivedColumns(input, options),
    status: input.status,
    publishedAt: input.publishedAt,
    expiresAt: input.expiresAt,
    weight: input.weight,
    showToc: input.showToc,
    extraJson: JSON.stringify(input.extra),
    updatedAt: input.updatedAt ?? now,
    ...(input.coverImage === undefined ? {} : { coverImage: input.coverImage }),
  };
}

/** A post's terms, all taxonomies. */
const termsOfInput = (input: PostInput) => ({ tags: input.tags, categories: input.categories, series: input.series ?? [] });

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
  await replaceTerms(tx, post.id, termsOfInput(input), { fresh });
  await replaceRedirects(tx, post.id, input, fresh);
  const doc = input.type === 'post' ? { title: input.title, body: data.searchText } : null;
  await updateSearchIndex(tx, post.id, doc, { fresh });
  return { id: post.id, created: fresh };
}

/** Creates or updates a post by (type, slug), deriving its content once, here. */
export async function savePost(
  db: Db,
  input: PostInput,
  now: Date = new Date(),
  options: SaveOptions = {},
): Promise<{ id: number; created: boolean }> {
  const data = postColumns(input, now, options);
  return db.$transaction((tx) => writePost(tx, input, data));
}

type Ready = { input: PostInput; data: ReturnType<typeof postColumns> };

/**
 * writePost for many posts, with a few statements for the whole batch instead of several for
 * each post: one lookup of those that exist, one INSERT for the new ones, one pass over terms
 * (replaceTermsOfPosts) and over search rows. The result is what writePost one post after the
 * other gives; a batch naming the same post twice is written that way, one post after the other.
 */
async function writePosts(tx: Tx, batch: Ready[]): Promise<{ id: number; created: boolean }[]> {
  const key = (p: { type: string; slug: string }) => `${p.type}/${p.slug}`;
  if (new Set(batch.map((b) => key(b.input))).size < batch.length) {
    const results = [];
    for (const b of batch) results.push(await writePost(tx, b.input, b.data));
    return results;
  }
  const slugsOf = (type: PostType) => batch.filter((b) => b.input.type === type).map((b) => b.input.slug);
  const existing = await tx.post.findMany({
    where: {
      OR: (['post', 'page'] as const).flatMap((type) =>
        slugsOf(type).length > 0 ? [{ type, slug: { in: slugsOf(type) } }] : [],
      ),
    },
    select: { id: true, type: true, slug: true },
  });
  const ids = new Map(existing.map((p) => [key(p), p.id]));
  const known = new Set(ids.keys());
  for (const b of batch) {
    const id = ids.get(key(b.input));
    if (id !== undefined) {
      await tx.post.update({
        where: { id },
        data: { ...b.data, version: { increment: 1 } },
        select: { id: true },
      });
    }
  }
  const fresh = batch.filter((b) => !known.has(key(b.input)));
  if (fresh.length > 0) {
    const created = await tx.post.createManyAndReturn({
      data: fresh.map((b) => ({ ...b.data, type: b.input.type, slug: b.input.slug })),
      select: { id: true, type: true, slug: true },
    });
    for (const p of created) ids.set(key(p), p.id);
  }
  const saved = batch.map((b) => ({ b, id: ids.get(key(b.input))!, fresh: !known.has(key(b.input)) }));
  await replaceTermsOfPosts(
    tx,
    saved.map(({ b, id, fresh }) => ({
      postId: id,
      terms: termsOfInput(b.input),
      fresh,
    })),
  );
  for (const { b, id, fresh } of saved) await replaceRedirects(tx, id, b.input, fresh);
  await updateSearchIndexes(
    tx,
    saved.map(({ b, id, fresh }) => ({
      postId: id,
      doc: b.input.type === 'post' ? { title: b.input.title, body: b.data.searchText } : null,
      fresh,
    })),
  );
  return saved.map(({ id, fresh }) => ({ id, created: fresh }));
}

export type SaveOutcome = { id: number; created: boolean } | { error: unknown };

/**
 * savePost for many posts (an import's batch), in one transaction and a few statements for the
 * batch (writePosts): far less work per post than one savePost each. When any post of the batch
 * fails, none of it is kept and each post is saved again on its own, so that a bad post costs
 * only itself, exactly as with savePost. Outcomes come back in the order of `inputs`.
 */
export async function savePosts(
  db: Db,
  inputs: PostInput[],
  now: Date = new Date(),
  options: SaveOptions = {},
): Promise<SaveOutcome[]> {
  const outcomes = new Array<SaveOutcome>(inputs.length);
  const ready: (Ready & { at: number })[] = [];
  for (const [at, input] of inputs.entries()) {
    try {
      ready.push({ at, input, data: postColumns(input, now, options) });
    } catch (error) {
      outcomes[at] = { error };
    }
  }
  if (ready.length === 0) return outcomes;
  try {
    // A batch of big posts on a busy machine may take a while; the default timeout is 5 s.
    const saved = await db.$transaction((tx) => writePosts(tx, ready), { timeout: 120_000 });
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

/**
 * A post's redirects from its front matter: aliases (source 'alias', exported back as aliases) and
 * the URLs the imported site served it at (source 'hugo', never exported: export stays faithful).
 */
async function replaceRedirects(
  tx: Tx,
  postId: number,
  input: Pick<PostInput, 'aliases' | 'oldPaths'>,
  fresh: boolean,
): Promise<void> {
  if (!fresh) await tx.redirect.deleteMany({ where: { postId, source: { in: ['alias', 'hugo'] } } });
  const aliases = new Set(input.aliases);
  const rows = [
    ...[...aliases].map((fromPath) => ({ fromPath, source: 'alias' })),
    ...[...new Set(input.oldPaths ?? [])].filter((p) => !aliases.has(p)).map((fromPath) => ({ fromPath, source: 'hugo' })),
  ];
  for (const { fromPath, source } of rows) {
    await tx.redirect.upsert({
      where: { fromPath },
      create: { fromPath, postId, source },
      update: { postId, source },
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
 * listOrder (weight ascending with the unweighted last, then date newest first, title case aside, slug) is
 * read as two runs: the weighted posts, then the unweighted ones. Within a run the order is plain
 * column order: SQLite puts NULLs last in a DESC sort by itself, so `publishedAt: 'desc'` is
 * listOrder's `nulls: 'last'`. Prisma writes `nulls: 'last'` as CASE expressions, which no index
 * can serve: every list would read and sort every post. In plain order SQLite walks
 * Post_public_list_idx and stops after the page.
 */
const weightedOrder: Prisma.PostOrderByWithRelationInput[] = [
  { weight: 'asc' },
  { publishedAt: 'desc' },
  { titleKey: 'asc' },
  { slug: 'asc' },
];
const unweightedOrder: Prisma.PostOrderByWithRelationInput[] = [
  { publishedAt: 'desc' },
  { titleKey: 'asc' },
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
  { titleKey: 'desc' },
  { slug: 'desc' },
];
const reverseUnweightedOrder: Prisma.PostOrderByWithRelationInput[] = [
  { publishedAt: 'asc' },
  { titleKey: 'desc' },
  { slug: 'desc' },
];

/**
 * The public posts either side of `post` in list order: newer (prev) and older (next).
 *
 * Each side is looked for in `post`'s own run first, then in the other run (the weighted run
 * comes first). Within a run, a bound on the post's weight or date that SQLite can seek to
 * (`publishedAt <= d` …) comes with the exact condition, so it starts at the post in
 * Post_public_list_idx instead of walking from the newest post to it. Undated posts come after
 * every dated one of their run: they are looked for apart, with `publishedAt` null.
 */
export async function getNeighbours(db: Db, post: OrderKey, now: Date) {
  const base: Prisma.PostWhereInput = { type: 'post', ...publicWhere(now) };
  const select = { slug: true, title: true } as const;
  const weighted = weightedRun(base);
  const unweighted = unweightedRun(base);
  const first = (where: Prisma.PostWhereInput[], orderBy: Prisma.PostOrderByWithRelationInput[]) =>
    db.post.findFirst({ where: { AND: where }, orderBy, select });
  const before = beyondInOrder(post, 'before');
  const after = beyondInOrder(post, 'after');
  const lastWeighted = () => first([weighted], reverseWeightedOrder);
  const { weight, publishedAt } = post;

  let prev: Promise<{ slug: string; title: string } | null>;
  let next: Promise<{ slug: string; title: string } | null>;
  if (weight !== null) {
    prev = first([weighted, { weight: { lte: weight } }, before], reverseWeightedOrder);
    next = first([weighted, { weight: { gte: weight } }, after], weightedOrder).then(
      (p) => p ?? first([unweighted], unweightedOrder),
    );
  } else if (publishedAt !== null) {
    prev = first([unweighted, { publishedAt: { gte: publishedAt } }, before], reverseUnweightedOrder).then(
      (p) => p ?? lastWeighted(),
    );
    next = first([unweighted, { publishedAt: { lte: publishedAt } }, after], unweightedOrder).then(
      (p) => p ?? first([unweighted, { publishedAt: null }], unweightedOrder),
    );
  } else {
    prev = first([unweighted, { publishedAt: null }, before], reverseUnweightedOrder)
      .then((p) => p ?? first([unweighted, { publishedAt: { not: null } }], reverseUnweightedOrder))
      .then((p) => p ?? lastWeighted());
    next = first([unweighted, { publishedAt: null }, after], unweightedOrder);
  }
  const [newer, older] = await Promise.all([prev, next]);
  return { prev: newer, next: older };
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
