/** Revisions: every save of a post keeps one (who, when, title, summary, content). */
import type { Db } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';

type Tx = Prisma.TransactionClient;

export async function addRevision(
  tx: Tx,
  opts: { postId: number; authorId: number; fields: { title: string; summarySource: string; markdown: string } },
): Promise<void> {
  await tx.revision.create({
    data: {
      postId: opts.postId,
      authorId: opts.authorId,
      title: opts.fields.title,
      summarySource: opts.fields.summarySource,
      markdown: opts.fields.markdown,
    },
  });
}

const revisionSelect = {
  id: true,
  title: true,
  summarySource: true,
  markdown: true,
  createdAt: true,
  author: { select: { name: true, email: true } },
} satisfies Prisma.RevisionSelect;

/** A post's revisions, newest first (at most `limit`). */
export async function listRevisions(db: Db, postId: number, limit = 50) {
  return db.revision.findMany({
    where: { postId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
    select: revisionSelect,
  });
}

export async function countRevisions(db: Db, postId: number): Promise<number> {
  return db.revision.count({ where: { postId } });
}

/** One revision of post `postId` (null when it belongs to another post or does not exist). */
export async function getRevision(db: Db, postId: number, revisionId: number) {
  return db.revision.findFirst({ where: { id: revisionId, postId }, select: revisionSelect });
}
