/**
 * Posts and pages as the editor's side sees them: every status, the trash, who wrote them.
 * Saving here derives the content once, keeps a revision, bumps the version (refusing a save
 * that started from an older one), keeps tags, search and old-slug redirects in step.
 */
import type { Db } from '../db.js';
import { Prisma } from '../generated/prisma/client.js';
import type { EditorFields } from '../content/post-form.js';
import type { DerivedContent, PostType } from '../content/types.js';
import { urlFor } from '../content/urls.js';
import { memoByContent } from './content-memo.js';
import { dateOf, readerOf, sqlDate } from './sqlite-reader.js';
import { columnsOfDerived } from './posts.js';
import { addRevision } from './revisions.js';
import { updateSearchIndex } from './search-sqlite.js';
import { replaceTerms } from './tags.js';

type Tx = Prisma.TransactionClient;

export const LIST_STATUSES = ['all', 'draft', 'scheduled', 'published', 'trash'] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];

/** Each filter of the admin list as an SQL condition on a Post row aliased `p`, with its parameters. */
function statusSql(status: ListStatus, now: Date): { sql: string; params: unknown[] } {
  switch (status) {
    case 'trash':
      return { sql: 'p.deletedAt IS NOT NULL', params: [] };
    case 'draft':
      return { sql: `p.deletedAt IS NULL AND p.status = 'draft'`, params: [] };
    case 'scheduled':
      return { sql: `p.deletedAt IS NULL AND p.status IN ('published', 'scheduled') AND p.publishedAt > ?`, params: [sqlDate(now)] };
    case 'published':
      return {
        sql: `p.deletedAt IS NULL AND p.status IN ('published', 'scheduled') AND (p.publishedAt IS NULL OR p.publishedAt <= ?)`,
        params: [sqlDate(now)],
      };
    case 'all':
      return { sql: 'p.deletedAt IS NULL', params: [] };
  }
}

/** `q` as a LIKE pattern matching titles that contain it (ASCII case aside, as SQLite's LIKE). */
const containsPattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface AdminListItem {
  id: number;
  type: string;
  slug: string;
  title: string;
  status: string;
  publishedAt: Date | null;
  expiresAt: Date | null;
  updatedAt: Date;
  deletedAt: Date | null;
  authorId: number | null;
  author: { name: string; email: string } | null;
}

/** An AdminListItem as the statement returns it: dates as stored, the author's columns flat. */
interface ListRow extends Omit<AdminListItem, 'publishedAt' | 'expiresAt' | 'updatedAt' | 'deletedAt' | 'author'> {
  publishedAt: string | null;
  expiresAt: string | null;
  updatedAt: string;
  deletedAt: string | null;
  authorName: string | null;
  authorEmail: string | null;
}

const itemOf = ({ authorName, authorEmail, ...r }: ListRow): AdminListItem => ({
  ...r,
  publishedAt: dateOf(r.publishedAt),
  expiresAt: dateOf(r.expiresAt),
  updatedAt: dateOf(r.updatedAt),
  deletedAt: dateOf(r.deletedAt),
  author: authorEmail === null ? null : { name: authorName ?? '', email: authorEmail },
});

/**
 * One page of posts (or pages) for the admin list, last updated first; `ownerId` limits to one
 * author's. One statement with the authors joined, read from Post_admin_list_idx alone, through
 * the read connection (the admin's busiest page; docs/decisions/019-admin-reads.md).
 */
export async function listAdminPosts(
  db: Db,
  opts: { type: PostType; status: ListStatus; q: string; page: number; perPage: number; ownerId?: number; now: Date },
): Promise<{ posts: AdminListItem[]; total: number }> {
  const reader = readerOf(db);
  const filter = statusSql(opts.status, opts.now);
  const conditions = ['p.type = ?', filter.sql];
  const params: unknown[] = [opts.type, ...filter.params];
  if (opts.q) {
    conditions.push(`p.title LIKE ? ESCAPE '\\'`);
    params.push(containsPattern(opts.q));
  }
  if (opts.ownerId !== undefined) {
    conditions.push('p.authorId = ?');
    params.push(opts.ownerId);
  }
  const where = conditions.join(' AND ');
  const order = opts.status === 'trash' ? 'p.deletedAt DESC, p.id DESC' : 'p.updatedAt DESC, p.id DESC';
  const rows = reader.all<ListRow>(
    `SELECT p.id, p.type, p.slug, p.title, p.status, p.publishedAt, p.expiresAt, p.updatedAt, p.deletedAt,
            p.authorId, u.name AS authorName, u.email AS authorEmail
       FROM Post p LEFT JOIN User u ON u.id = p.authorId
      WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`,
    [...params, opts.perPage, (opts.page - 1) * opts.perPage],
  );
  // Counting every post of a large blog costs more than the page itself; the count of a filter that
  // does not depend on the clock stays right until the content changes.
  const count = async () => reader.get<{ n: number }>(`SELECT count(*) AS n FROM Post p WHERE ${where}`, params)?.n ?? 0;
  const timeless = opts.status === 'all' || opts.status === 'draft' || opts.status === 'trash';
  const total = timeless ? await memoByContent(db, `admin-count:${where}:${JSON.stringify(params)}`, 5000, count) : await count();
  return { posts: rows.map(itemOf), total };
}

/** A post or page for the editor, with its tags (in order) and author; trashed ones included. */
export async function getEditorPost(db: Db, id: number, type: PostType) {
  const post = await db.post.findFirst({
    where: { id, type },
    include: {
      tags: { include: { tag: true }, orderBy: { position: 'asc' } },
      author: { select: { name: true, email: true } },
    },
  });
  if (!post) return null;
  return { ...post, tagNames: post.tags.filter((t) => t.tag.taxonomy === 'tags').map((t) => t.tag.name) };
}

export type EditorPost = NonNullable<Awaited<ReturnType<typeof getEditorPost>>>;

export type SaveResult =
  | { kind: 'saved'; id: number; version: number }
  | { kind: 'slug-taken' }
  | { kind: 'conflict' }
  | { kind: 'trashed' }
  | { kind: 'missing' };

async function slugTaken(tx: Tx, type: PostType, slug: string, exceptId?: number): Promise<boolean> {
  const other = await tx.post.findUnique({ where: { type_slug: { type, slug } }, select: { id: true } });
  return other !== null && other.id !== exceptId;
}

function columnsOf(fields: EditorFields, derived: DerivedContent, now: Date) {
  return {
    ...columnsOfDerived(fields, derived),
    slug: fields.slug,
    status: fields.status,
    publishedAt: fields.publishedAt,
    coverImage: fields.coverImage,
    updatedAt: now,
  };
}

async function afterWrite(
  tx: Tx,
  post: { id: number; type: string },
  fields: EditorFields,
  searchText: string,
  userId: number,
) {
  const categories = await tx.postTag.findMany({
    where: { postId: post.id, tag: { taxonomy: 'categories' } },
    orderBy: { position: 'asc' },
    select: { tag: { select: { name: true } } },
  });
  await replaceTerms(tx, post.id, { tags: fields.tags, categories: categories.map((c) => c.tag.name) });
  await updateSearchIndex(tx, post.id, post.type === 'post' ? { title: fields.title, body: searchText } : null);
  // The post now answers at its URL itself: an old-slug redirect from there would be dead weight.
  await tx.redirect.deleteMany({ where: { fromPath: urlFor({ type: post.type, slug: fields.slug }), source: 'slug' } });
  await addRevision(tx, { postId: post.id, authorId: userId, fields });
}

const isUniqueViolation = (err: unknown) =>
  err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';

/** Creates a post or page written by `userId`, version 1, with its first revision. */
export async function createEditorPost(
  db: Db,
  opts: { type: PostType; fields: EditorFields; derived: DerivedContent; userId: number; now: Date },
): Promise<SaveResult> {
  try {
    return await db.$transaction(async (tx) => {
      if (await slugTaken(tx, opts.type, opts.fields.slug)) return { kind: 'slug-taken' } as const;
      const columns = columnsOf(opts.fields, opts.derived, opts.now);
      const post = await tx.post.create({
        data: { ...columns, type: opts.type, authorId: opts.userId, createdAt: opts.now },
        select: { id: true, type: true, version: true },
      });
      await afterWrite(tx, post, opts.fields, columns.searchText, opts.userId);
      return { kind: 'saved', id: post.id, version: post.version } as const;
    });
  } catch (err) {
    if (isUniqueViolation(err)) return { kind: 'slug-taken' };
    throw err;
  }
}

/**
 * Saves the editor's fields over post `id` if it is still at `version`; otherwise nothing is
 * written and the answer is a conflict. A published post's old URL is kept as a 301.
 */
export async function updateEditorPost(
  db: Db,
  opts: {
    id: number;
    type: PostType;
    fields: EditorFields;
    derived: DerivedContent;
    version: number | undefined;
    userId: number;
    now: Date;
  },
): Promise<SaveResult> {
  const { id, fields } = opts;
  try {
    return await db.$transaction(async (tx) => {
      const current = await tx.post.findFirst({ where: { id, type: opts.type } });
      if (!current) return { kind: 'missing' } as const;
      if (current.deletedAt) return { kind: 'trashed' } as const;
      if (opts.version !== current.version) return { kind: 'conflict' } as const;
      if (await slugTaken(tx, opts.type, fields.slug, id)) return { kind: 'slug-taken' } as const;
      const columns = columnsOf(fields, opts.derived, opts.now);
      const { count } = await tx.post.updateMany({
        where: { id, version: current.version },
        data: { ...columns, version: { increment: 1 } },
      });
      if (count === 0) return { kind: 'conflict' } as const;
      if (current.slug !== fields.slug && current.status !== 'draft') {
        const fromPath = urlFor(current);
        await tx.redirect.upsert({
          where: { fromPath },
          create: { fromPath, postId: id, source: 'slug' },
          update: { postId: id, source: 'slug' },
        });
      }
      await afterWrite(tx, current, fields, columns.searchText, opts.userId);
      return { kind: 'saved', id, version: current.version + 1 } as const;
    });
  } catch (err) {
    if (isUniqueViolation(err)) return { kind: 'slug-taken' };
    throw err;
  }
}

/** The editor's fields of a stored post, e.g. to save them again with a revision's text. */
export function fieldsOf(post: EditorPost): EditorFields {
  return {
    title: post.title,
    slug: post.slug,
    summarySource: post.summarySource,
    description: post.description,
    markdown: post.markdown,
    tags: post.tagNames,
    status: post.status === 'draft' ? 'draft' : post.status === 'scheduled' ? 'scheduled' : 'published',
    publishedAt: post.publishedAt,
    coverImage: post.coverImage,
  };
}
