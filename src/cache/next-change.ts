/**
 * The next moment the public site changes by itself, with no write: a scheduled post's publish
 * time or a post's expiry. The page cache keeps nothing past it.
 * (A query of the page cache's own, next to it; it mirrors the public rule in models/visibility.ts.)
 */
import type { Db } from '../db.js';

/** The earliest publishedAt or expiresAt after `after` of a live (published/scheduled, not trashed) post or page. */
export async function nextVisibilityChange(db: Db, after: Date): Promise<Date | null> {
  const live = { type: { in: ['post', 'page'] }, status: { in: ['published', 'scheduled'] }, deletedAt: null };
  const [published, expires] = await Promise.all([
    db.post.aggregate({ where: { ...live, publishedAt: { gt: after } }, _min: { publishedAt: true } }),
    db.post.aggregate({ where: { ...live, expiresAt: { gt: after } }, _min: { expiresAt: true } }),
  ]);
  const times = [published._min.publishedAt, expires._min.expiresAt].filter((d): d is Date => d !== null);
  return times.length > 0 ? new Date(Math.min(...times.map((d) => d.getTime()))) : null;
}

/** The footer prints the year (server time): a new year is a change too. */
export function nextNewYear(after: Date): Date {
  return new Date(after.getFullYear() + 1, 0, 1);
}
