import type { Db } from '../db.js';
import { publicWhere } from './visibility.js';

/** Public static pages for the menu, by title. */
export async function listPublicPages(db: Db, now: Date) {
  return db.post.findMany({
    where: { type: 'page', ...publicWhere(now) },
    orderBy: [{ weight: { sort: 'asc', nulls: 'last' } }, { titleKey: 'asc' }],
    select: { slug: true, title: true },
  });
}
