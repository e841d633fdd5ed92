/**
 * Full-text search on SQLite FTS5. Everything here speaks SQLite only; a PostgreSQL
 * deployment would replace this module, keeping its three exported functions.
 * The `post_search` table is made by a migration; its rowid is the post id.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';
import { publicSql } from './visibility.js';

type Tx = Prisma.TransactionClient;

/** Around each match in a SearchHit's snippet; no other control character is left in it. */
const MARK_OPEN = '\u0002';
const MARK_CLOSE = '\u0003';
/**
 * What FTS5 is asked to put around matches. A post may hold any character, U+0002 and U+0003
 * included, so these are drawn at random when the process starts: no text can hold them.
 */
const NONCE = randomBytes(12).toString('hex');
const FTS_OPEN = `[${NONCE}[`;
const FTS_CLOSE = `]${NONCE}]`;
/** C0 and C1 control characters but tab and newline: nothing a reader sees, and the markers' own. */
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** A snippet as FTS5 made it, with the post's own control characters gone and the matches marked. */
function markedSnippet(raw: string): string {
  return raw.replace(CONTROL, '').replaceAll(FTS_OPEN, MARK_OPEN).replaceAll(FTS_CLOSE, MARK_CLOSE);
}

/** Puts a post's search row in place (or removes it: `doc` null); `fresh`: a new post, with no row to remove. */
export async function updateSearchIndex(
  tx: Tx,
  postId: number,
  doc: { title: string; body: string } | null,
  opts: { fresh?: boolean } = {},
): Promise<void> {
  if (!opts.fresh) await tx.$executeRawUnsafe('DELETE FROM post_search WHERE rowid = ?', postId);
  if (doc) {
    await tx.$executeRawUnsafe(
      'INSERT INTO post_search (rowid, title, body) VALUES (?, ?, ?)',
      postId,
      doc.title,
      doc.body,
    );
  }
}

/**
 * updateSearchIndex for many posts at once: one DELETE for those that had a row, and
 * multi-row INSERTs for the documents.
 */
export async function updateSearchIndexes(
  tx: Tx,
  items: { postId: number; doc: { title: string; body: string } | null; fresh: boolean }[],
): Promise<void> {
  // SQLite allows 32,766 parameters in a statement: at most 1,000 rows (3 parameters each) at a time.
  const stale = items.filter((i) => !i.fresh).map((i) => i.postId);
  for (let at = 0; at < stale.length; at += 1000) {
    const chunk = stale.slice(at, at + 1000);
    await tx.$executeRawUnsafe(
      `DELETE FROM post_search WHERE rowid IN (${chunk.map(() => '?').join(', ')})`,
      ...chunk,
    );
  }
  const docs = items.flatMap((i) => (i.doc ? [{ postId: i.postId, ...i.doc }] : []));
  for (let at = 0; at < docs.length; at += 1000) {
    const chunk = docs.slice(at, at + 1000);
    await tx.$executeRawUnsafe(
      `INSERT INTO post_search (rowid, title, body) VALUES ${chunk.map(() => '(?, ?, ?)').join(', ')}`,
      ...chunk.flatMap((d) => [d.postId, d.title, d.body]),
    );
  }
}

export async function removeFromSearch(tx: Tx, postId: number): Promise<void> {
  await tx.$executeRawUnsafe('DELETE FROM post_search WHERE rowid = ?', postId);
}

/** Turns what a reader typed into an FTS5 query: every word must match, the last as a prefix. */
export function toFtsQuery(q: string): string | null {
  const words = q.match(/[\p{L}\p{N}_]+/gu);
  if (!words || words.length === 0) return null;
  return words
    .slice(0, 12)
    .map((w, i, all) => `"${w}"${i === all.length - 1 ? '*' : ''}`)
    .join(' ');
}

export interface SearchHit {
  id: number;
  slug: string;
  title: string;
  publishedAt: string | null;
  readingTime: number;
  /** Plain text around the matches, with U+0002/U+0003 around each match: escape, then mark. */
  snippet: string;
}

/**
 * Public posts matching `q`, best first (title matches weigh more).
 *
 * Shaped for speed on a big blog: the full-text table is the outer loop (CROSS JOIN keeps SQLite
 * from probing the FTS index once per post), and `ORDER BY rank` with the weights given through
 * `rank MATCH` lets FTS5 hand rows over already ranked, so the snippet is made only for the rows
 * returned, not for every match before a sort.
 */
export async function searchPublicPosts(
  db: Db,
  q: string,
  opts: { now: Date; limit: number },
): Promise<SearchHit[]> {
  const match = toFtsQuery(q);
  if (!match) return [];
  const visible = publicSql(opts.now);
  const hits = await db.$queryRawUnsafe<SearchHit[]>(
    `SELECT p.id AS id, p.slug AS slug, p.title AS title, p.publishedAt AS publishedAt,
            p.readingTime AS readingTime,
            snippet(post_search, 1, '${FTS_OPEN}', '${FTS_CLOSE}', '…', 24) AS snippet
       FROM post_search CROSS JOIN Post p ON p.id = post_search.rowid
      WHERE post_search MATCH ? AND post_search.rank MATCH 'bm25(8.0, 1.0)'
        AND p.type = 'post' AND ${visible.sql}
      ORDER BY post_search.rank
      LIMIT ?`,
    match,
    ...visible.params,
    opts.limit,
  );
  return hits.map((h) => ({ ...h, snippet: markedSnippet(h.snippet) }));
}

export const searchMarks = { open: MARK_OPEN, close: MARK_CLOSE };
