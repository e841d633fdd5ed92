import type { Prisma } from '../generated/prisma/client.js';
import type { Db } from '../db.js';
import { sqlDate } from './sqlite-reader.js';

/**
 * The single public rule: a post is public exactly when it is published (or was scheduled),
 * its publish date has come (an undated page counts as published), it has not expired, and it
 * is not in the trash.
 * Every public surface filters with this, or with publicSql below.
 */
export function publicWhere(now: Date): Prisma.PostWhereInput {
  return {
    status: { in: ['published', 'scheduled'] },
    deletedAt: null,
    AND: [
      { OR: [{ publishedAt: null, status: 'published' }, { publishedAt: { lte: now } }] },
      { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    ],
  };
}

/**
 * publicWhere as an SQL condition on a Post row aliased `p`, for the raw queries of
 * search-sqlite.ts. Dates are compared as the adapter stores them (ISO 8601, +00:00).
 * test/integration/visibility.test.ts checks that both forms agree.
 */
export function publicSql(now: Date): { sql: string; params: string[] } {
  const at = sqlDate(now);
  return {
    sql:
      `p.status IN ('published', 'scheduled') AND p.deletedAt IS NULL` +
      ` AND ((p.publishedAt IS NULL AND p.status = 'published') OR p.publishedAt <= ?)` +
      ` AND (p.expiresAt IS NULL OR p.expiresAt > ?)`,
    params: [at, at],
  };
}

/** Hugo's default page order: weight (unweighted last), date newest first, title (case aside, as Hugo's collator), then slug. */
export const listOrder: Prisma.PostOrderByWithRelationInput[] = [
  { weight: { sort: 'asc', nulls: 'last' } },
  { publishedAt: { sort: 'desc', nulls: 'last' } },
  { titleKey: 'asc' },
  { slug: 'asc' },
];

/** listOrder backwards, to find the nearest newer neighbour with one row. */
export const reverseListOrder: Prisma.PostOrderByWithRelationInput[] = [
  { weight: { sort: 'desc', nulls: 'first' } },
  { publishedAt: { sort: 'asc', nulls: 'first' } },
  { titleKey: 'desc' },
  { slug: 'desc' },
];

export interface OrderKey {
  weight: number | null;
  publishedAt: Date | null;
  titleKey: string;
  slug: string;
}

type Field = keyof OrderKey;
type Side = 'after' | 'before';
const NONE: Prisma.PostWhereInput = { id: { in: [] } };

/** Rows strictly after (or before) `value` on one key of listOrder, nulls sorting last. */
function beyond(field: Field, value: OrderKey[Field], side: Side): Prisma.PostWhereInput {
  const descending = field === 'publishedAt';
  const later = (side === 'after') !== descending ? 'gt' : 'lt';
  if (value === null) return side === 'after' ? NONE : { [field]: { not: null } };
  const strictly = { [field]: { [later]: value } };
  const nullable = field === 'weight' || field === 'publishedAt';
  return side === 'after' && nullable ? { OR: [strictly, { [field]: null }] } : strictly;
}

/** Posts after (older) or before (newer) `p` in listOrder, as a lexicographic comparison. */
export function beyondInOrder(p: OrderKey, side: Side): Prisma.PostWhereInput {
  const fields: Field[] = ['weight', 'publishedAt', 'titleKey', 'slug'];
  return {
    OR: fields.map((field, i) => ({
      AND: [...fields.slice(0, i).map((f) => ({ [f]: p[f] })), beyond(field, p[field], side)],
    })),
  };
}

/**
 * The next moment the public rule gives a different answer with no write: the earliest publishedAt
 * or expiresAt after `after` of a live (published/scheduled, not trashed) post or page. The page
 * cache (src/cache/) keeps nothing past it.
 */
export async function nextVisibilityChange(db: Db, after: Date): Promise<Date | null> {
  const live = { type: { in: ['post', 'page'] }, status: { in: ['published', 'scheduled'] }, deletedAt: null };
  const [published, expires] = await Promise.all([
    db.post.aggregate({ where: { ...live, publishedAt: { gt: after } }, _min: { publishedAt: true } }),
    db.post.aggregate({ where: { ...live, expiresAt: { gt: after } }, _min: { expiresAt: true } }),
  ]);
  const times = [published._min.publishedAt, expires._min.expiresAt].filter((d): d is Date => d !== null);
  return times.length > 0 ? new Date(Math.min(...times.map((d) => d.getTime()))) : null;
}
