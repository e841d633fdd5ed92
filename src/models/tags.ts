import type { Db } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';
import { slugify } from '../content/slug.js';
import { publicWhere } from './visibility.js';

type Tx = Prisma.TransactionClient;
export type Taxonomy = 'tags' | 'categories' | 'series';
export const TAXONOMIES: readonly Taxonomy[] = ['tags', 'categories', 'series'];
/** A post's terms by taxonomy; a taxonomy left out keeps the terms it has. */
export type PostTerms = Partial<Record<Taxonomy, string[]>>;

type Term = { taxonomy: Taxonomy; slug: string; name: string };

/** A post's terms as stored: trimmed, slugged, without empty or repeated slugs, in written order. */
function termsOf(terms: PostTerms): Term[] {
  const wanted: Term[] = [];
  for (const taxonomy of TAXONOMIES) {
    const seen = new Set<string>();
    for (const raw of terms[taxonomy] ?? []) {
      const name = raw.trim();
      const slug = slugify(name);
      if (!slug || seen.has(slug)) continue;
      seen.add(slug);
      wanted.push({ taxonomy, slug, name });
    }
  }
  return wanted;
}

const keyOf = (t: { taxonomy: string; slug: string }) => `${t.taxonomy}/${t.slug}`;

/**
 * Replaces a post's terms, creating terms that don't exist yet; keeps the written order.
 * `fresh` skips removing the links of a post just created, which has none.
 */
export async function replaceTerms(
  tx: Tx,
  postId: number,
  terms: PostTerms,
  opts: { fresh?: boolean } = {},
): Promise<void> {
  await replaceTermsOfPosts(tx, [{ postId, terms, fresh: opts.fresh ?? false }]);
}

/**
 * replaceTerms for many posts at once, in a handful of queries whatever their number (an import
 * saves its posts a batch at a time). A term new to the blog is created with the name written
 * by the first of `posts` that has it, as saving them one after the other would.
 */
export async function replaceTermsOfPosts(
  tx: Tx,
  posts: { postId: number; terms: PostTerms; fresh: boolean }[],
): Promise<void> {
  // Posts are grouped by the taxonomies they name: the others keep their terms.
  const stale = new Map<string, number[]>();
  for (const p of posts.filter((q) => !q.fresh)) {
    const named = TAXONOMIES.filter((t) => p.terms[t] !== undefined).join(',');
    stale.set(named, [...(stale.get(named) ?? []), p.postId]);
  }
  for (const [named, ids] of stale) {
    if (!named) continue;
    const taxonomy = named.split(',');
    const every = taxonomy.length === TAXONOMIES.length;
    await tx.postTag.deleteMany({ where: { postId: { in: ids }, ...(every ? {} : { tag: { taxonomy: { in: taxonomy } } }) } });
  }
  const wanted = posts.map((p) => ({ postId: p.postId, terms: termsOf(p.terms) }));
  const all = new Map<string, Term>();
  for (const w of wanted) for (const t of w.terms) if (!all.has(keyOf(t))) all.set(keyOf(t), t);
  if (all.size === 0) return;
  const ids = await termIds(tx, [...all.values()]);
  await tx.postTag.createMany({
    data: wanted.flatMap((w) =>
      w.terms.map((t, position) => ({ postId: w.postId, tagId: ids.get(keyOf(t))!, position })),
    ),
  });
}

/** Ids of the terms by `taxonomy/slug`, creating the missing ones with the name given. */
async function termIds(tx: Tx, wanted: Term[]) {
  const bySlugs = (list: typeof wanted) =>
    TAXONOMIES.flatMap((taxonomy) => {
      const slugs = list.filter((t) => t.taxonomy === taxonomy).map((t) => t.slug);
      return slugs.length > 0 ? [{ taxonomy, slug: { in: slugs } }] : [];
    });
  const ids = new Map<string, number>();
  const found = await tx.tag.findMany({
    where: { OR: bySlugs(wanted) },
    select: { id: true, taxonomy: true, slug: true },
  });
  for (const t of found) ids.set(keyOf(t), t.id);
  const missing = wanted.filter((t) => !ids.has(keyOf(t)));
  if (missing.length > 0) {
    const created = await tx.tag.createManyAndReturn({
      data: missing,
      select: { id: true, taxonomy: true, slug: true },
    });
    for (const t of created) ids.set(keyOf(t), t.id);
  }
  return ids;
}

export async function getTerm(db: Db, taxonomy: Taxonomy, slug: string) {
  return db.tag.findUnique({ where: { taxonomy_slug: { taxonomy, slug } } });
}

/**
 * A term that has at least one public post, or null. A term only drafts, scheduled or trashed
 * posts use has no page or feed yet: answering for it would tell a reader its name ahead of time.
 */
export async function getPublicTerm(db: Db, taxonomy: Taxonomy, slug: string, now: Date) {
  return db.tag.findFirst({
    where: { taxonomy, slug, posts: { some: { post: { type: 'post', ...publicWhere(now) } } } },
  });
}

/**
 * Terms with at least one public post, and how many, by name. Two queries whatever the size of
 * the blog: links of public posts counted per term (read from Post_public_list_idx and
 * PostTag's key, never a post's row), then the names of this taxonomy's terms among them.
 */
export async function listPublicTerms(db: Db, taxonomy: Taxonomy, now: Date) {
  const counts = await db.postTag.groupBy({
    by: ['tagId'],
    where: { post: { type: 'post', ...publicWhere(now) } },
    _count: { _all: true },
  });
  if (counts.length === 0) return [];
  const countOf = new Map(counts.map((c) => [c.tagId, c._count._all]));
  const tags = await db.tag.findMany({
    where: { taxonomy, id: { in: [...countOf.keys()] } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, slug: true },
  });
  return tags.map((t) => ({ name: t.name, slug: t.slug, count: countOf.get(t.id) ?? 0 }));
}
