/** Revisions: every save of a post keeps one (who, when, title, summary, content). */
import type { Db } from '../db.js';
import { Prisma } from '../generated/prisma/client.js';

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

export interface RevisionFacts {
  id: number;
  title: string;
  createdAt: Date;
  author: { name: string; email: string } | null;
  /** Size of the content, in bytes of UTF-8. */
  bytes: number;
  /** Size of the content of the revision saved before this one (null for the first). */
  olderBytes: number | null;
}

/**
 * One page of a post's revisions, newest first, without their texts: a post may have any number
 * of revisions of up to a million characters each, and the list must cost the same whatever they
 * hold. The sizes come from the rows' headers (octet_length reads no text).
 */
export async function listRevisionFacts(
  db: Db,
  postId: number,
  opts: { page: number; perPage: number },
): Promise<{ revisions: RevisionFacts[]; total: number }> {
  const [total, rows] = await Promise.all([
    db.revision.count({ where: { postId } }),
    db.revision.findMany({
      where: { postId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (opts.page - 1) * opts.perPage,
      // One more than shown: the size of the revision before the page's last.
      take: opts.perPage + 1,
      select: { id: true, title: true, createdAt: true, author: { select: { name: true, email: true } } },
    }),
  ]);
  const sizes =
    rows.length === 0
      ? []
      : await db.$queryRaw<{ id: number; bytes: number | bigint }[]>`
          SELECT id, octet_length(markdown) AS bytes FROM "Revision"
           WHERE id IN (${Prisma.join(rows.map((r) => r.id))})`;
  const bytesOf = new Map(sizes.map((s) => [Number(s.id), Number(s.bytes)]));
  const revisions = rows.slice(0, opts.perPage).map((r, i) => {
    const older = rows[i + 1];
    return { ...r, bytes: bytesOf.get(r.id) ?? 0, olderBytes: older ? (bytesOf.get(older.id) ?? 0) : null };
  });
  return { revisions, total };
}

/** The texts of some of a post's revisions, by id (ids of other posts' revisions are left out). */
export async function getRevisionTexts(db: Db, postId: number, ids: number[]) {
  const rows = await db.revision.findMany({
    where: { postId, id: { in: ids } },
    select: { id: true, summarySource: true, markdown: true },
  });
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * True when revision `revisionId` holds its post's current title, summary and content. Compared in
 * the database, so that neither text of up to a million characters is carried over to compare.
 */
export async function isCurrentRevision(db: Db, revisionId: number): Promise<boolean> {
  const rows = await db.$queryRaw<{ same: number | bigint }[]>`
    SELECT CASE WHEN r.title = p.title AND r."summarySource" = p."summarySource" AND r.markdown = p.markdown
                THEN 1 ELSE 0 END AS same
      FROM "Revision" r JOIN "Post" p ON p.id = r."postId"
     WHERE r.id = ${revisionId}`;
  return Number(rows[0]?.same ?? 0) === 1;
}

export async function countRevisions(db: Db, postId: number): Promise<number> {
  return db.revision.count({ where: { postId } });
}

/** One revision of post `postId` (null when it belongs to another post or does not exist). */
export async function getRevision(db: Db, postId: number, revisionId: number) {
  return db.revision.findFirst({ where: { id: revisionId, postId }, select: revisionSelect });
}
