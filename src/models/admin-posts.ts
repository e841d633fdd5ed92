/**
 * Posts and pages as the editor's side sees them: every status, the trash, who wrote them.
 * Saving here derives the content once, keeps a revision, bumps the version (refusing a save
 * that started from an older one), keeps tags, search and old-slug redirects in step.
 */
import type { Db } from '../db.js';
import { Prisma } from '../generated/prisma/client.js';
import type { EditorFields } from '../content/post-form.js';
import type { PostType } from '../content/types.js';
import { urlFor } from '../content/urls.js';
import { memoByContent } from './content-memo.js';
import { derivedColumns } from './posts.js';
import { addRevision } from './revisions.js';
import { updateSearchIndex } from './search-sqlite.js';
import { replaceTerms } from './tags.js';

type Tx = Prisma.TransactionClient;

export const LIST_STATUSES = ['all', 'draft', 'scheduled', 'published', 'trash'] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];

const LIVE = ['published', 'scheduled'];

function statusWhere(status: ListStatus, now: Date): Prisma.PostWhereInput {
  switch (status) {
    case 'trash':
      return { deletedAt: { not: null } };
    case 'draft':
      return { deletedAt: null, status: 'draft' };
    case 'scheduled':
      return { deletedAt: null, status: { in: LIVE }, publishedAt: { gt: now } };
    case 'published':
      return { deletedAt: null, status: { in: LIVE }, OR: [{ publishedAt: null }, { publishedAt: { lte: now } }] };
    case 'all':
      return { deletedAt: null };
  }
}

const listSelect = {
  id: true,
  type: true,
  slug: true,
  title: true,
  status: true,
  publishedAt: true,
  expiresAt: true,
  updatedAt: true,
  deletedAt: true,
  authorId: true,
  author: { select: { name: true, email: true } },
} satisfies Prisma.PostSelect;

export type AdminListItem = Prisma.PostGetPayload<{ select: typeof listSelect }>;

/** One page of posts (or pages) for the admin list, last updated first; `ownerId` limits to one author's. */
export async function listAdminPosts(
  db: Db,
  opts: { type: PostType; status: ListStatus; q: string; page: number; perPage: number; ownerId?: number; now: Date },
): Promise<{ posts: AdminListItem[]; total: number }> {
  const where: Prisma.PostWhereInput = {
    type: opts.type,
    ...statusWhere(opts.status, opts.now),
    ...(opts.q ? { title: { contains: opts.q } } : {}),
    ...(opts.ownerId !== undefined ? { authorId: opts.ownerId } : {}),
  };
  const orderBy: Prisma.PostOrderByWithRelationInput[] =
    opts.status === 'trash' ? [{ deletedAt: 'desc' }, { id: 'desc' }] : [{ updatedAt: 'desc' }, { id: 'desc' }];
  // Counting every post of a large blog costs more than the page itself; the count of a filter that
  // does not depend on the clock stays right until the content changes.
  const count = () => db.post.count({ where });
  const timeless = opts.status === 'all' || opts.status === 'draft' || opts.status === 'trash';
  const [posts, total] = await Promise.all([
    db.post.findMany({ where, orderBy, skip: (opts.page - 1) * opts.perPage, take: opts.perPage, select: listSelect }),
    timeless ? memoByContent(db, `admin-count:${JSON.stringify(where)}`, 5000, count) : count(),
  ]);
  return { posts, total };
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

function columnsOf(fields: EditorFields, now: Date) {
  return {
    ...derivedColumns(fields),
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
  opts: { type: PostType; fields: EditorFields; userId: number; now: Date },
): Promise<SaveResult> {
  try {
    return await db.$transaction(async (tx) => {
      if (await slugTaken(tx, opts.type, opts.fields.slug)) return { kind: 'slug-taken' } as const;
      const columns = columnsOf(opts.fields, opts.now);
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
  opts: { id: number; type: PostType; fields: EditorFields; version: number | undefined; userId: number; now: Date },
): Promise<SaveResult> {
  const { id, fields } = opts;
  try {
    return await db.$transaction(async (tx) => {
      const current = await tx.post.findFirst({ where: { id, type: opts.type } });
      if (!current) return { kind: 'missing' } as const;
      if (current.deletedAt) return { kind: 'trashed' } as const;
      if (opts.version !== current.version) return { kind: 'conflict' } as const;
      if (await slugTaken(tx, opts.type, fields.slug, id)) return { kind: 'slug-taken' } as const;
      const columns = columnsOf(fields, opts.now);
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
