import type { Db } from '../db.js';
import { publicWhere } from './visibility.js';

/** The public post an old path points to, if any. */
export async function findRedirectTarget(db: Db, fromPath: string, now: Date) {
  const redirect = await db.redirect.findUnique({ where: { fromPath }, select: { postId: true } });
  if (!redirect) return null;
  return db.post.findFirst({
    where: { id: redirect.postId, ...publicWhere(now) },
    select: { type: true, slug: true },
  });
}
