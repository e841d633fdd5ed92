import type { Db } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';
import { slugify } from '../content/slug.js';
import { publicWhere } from './visibility.js';

type Tx = Prisma.TransactionClient;
export type Taxonomy = 'tags' | 'categories';

/** Replaces a post's terms, creating terms that don't exist yet; keeps the written order. */
export async function replaceTerms(
  tx: Tx,
  postId: number,
  terms: Record<Taxonomy, string[]>,
): Promise<void> {
  await tx.postTag.deleteMany({ where: { postId } });
  let position = 0;
  for (const taxonomy of ['tags', 'categories'] as const) {
    const seen = new Set<string>();
    for (const raw of terms[taxonomy]) {
      const name = raw.trim();
      const slug = slugify(name);
      if (!slug || seen.has(slug)) continue;
      seen.add(slug);
      const tag = await tx.tag.upsert({
        where: { taxonomy_slug: { taxonomy, slug } },
        create: { taxonomy, slug, name },
        update: {},
      });
      await tx.postTag.create({ data: { postId, tagId: tag.id, position: position++ } });
    }
  }
}

export async function getTerm(db: Db, taxonomy: Taxonomy, slug: string) {
  return db.tag.findUnique({ where: { taxonomy_slug: { taxonomy, slug } } });
}

/** Terms with at least one public post, and how many, by name. */
export async function listPublicTerms(db: Db, taxonomy: Taxonomy, now: Date) {
  const visible = { post: { type: 'post', ...publicWhere(now) } } satisfies Prisma.PostTagWhereInput;
  const tags = await db.tag.findMany({
    where: { taxonomy, posts: { some: visible } },
    orderBy: { name: 'asc' },
    select: { name: true, slug: true, _count: { select: { posts: { where: visible } } } },
  });
  return tags.map((t) => ({ name: t.name, slug: t.slug, count: t._count.posts }));
}
