/**
 * The trash: a trashed post keeps its row (so it can come back) but leaves every public surface
 * at once — the public rule excludes deletedAt — and its search row is removed.
 */
import type { Db } from '../db.js';
import type { PostType } from '../content/types.js';
import { removeFromSearch, updateSearchIndex } from './search-sqlite.js';

export async function trashPost(db: Db, id: number, now: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.post.update({ where: { id }, data: { deletedAt: now } });
    await removeFromSearch(tx, id);
  });
}

export async function restoreFromTrash(db: Db, id: number): Promise<void> {
  await db.$transaction(async (tx) => {
    const post = await tx.post.update({
      where: { id },
      data: { deletedAt: null },
      select: { type: true, title: true, searchText: true },
    });
    await updateSearchIndex(
      tx,
      id,
      post.type === 'post' ? { title: post.title, body: post.searchText } : null,
    );
  });
}

/** The trashed posts of a type (for emptying), with what the role table needs to decide. */
export async function listTrashed(db: Db, type: PostType) {
  return db.post.findMany({
    where: { type, deletedAt: { not: null } },
    select: { id: true, authorId: true, status: true, type: true },
  });
}

/** Deletes trashed posts for good (only those among `ids` that are still in the trash). */
export async function deleteForever(db: Db, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  return db.$transaction(async (tx) => {
    // Only posts that really are in the trash: a live post's id passed in by mistake keeps its search row.
    const trashed = await tx.post.findMany({
      where: { id: { in: ids }, deletedAt: { not: null } },
      select: { id: true },
    });
    for (const { id } of trashed) await removeFromSearch(tx, id);
    const { count } = await tx.post.deleteMany({ where: { id: { in: trashed.map((p) => p.id) } } });
    return count;
  });
}
