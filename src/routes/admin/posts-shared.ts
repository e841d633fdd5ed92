/** What the posts and pages sections of the admin share: their kind, ids, loading and the role table. */
import type { Request, RequestHandler, Response } from 'express';
import { authorize, userOf } from '../../auth/guards.js';
import { can, type OwnedPost } from '../../auth/policy.js';
import { formatDate } from '../../content/dates.js';
import type { PostType } from '../../content/types.js';
import type { Db } from '../../db.js';
import { notFound } from '../../http-error.js';
import { getEditorPost, type EditorPost } from '../../models/admin-posts.js';
import type { SiteSettings } from '../../models/settings.js';

export interface Kind {
  type: PostType;
  /** Where the section lives under /admin. */
  base: '/posts' | '/pages';
  noun: string;
  Noun: string;
  plural: string;
  Plural: string;
  section: 'posts' | 'pages';
}

export const POSTS: Kind = {
  type: 'post',
  base: '/posts',
  noun: 'post',
  Noun: 'Post',
  plural: 'posts',
  Plural: 'Posts',
  section: 'posts',
};
export const PAGES: Kind = {
  type: 'page',
  base: '/pages',
  noun: 'page',
  Noun: 'Page',
  plural: 'pages',
  Plural: 'Pages',
  section: 'pages',
};

export const adminUrl = (kind: Kind, path = '') => `/admin${kind.base}${path}`;

/** Pages are for editors and administrators; posts for every role (the role table decides the rest). */
export function guardKind(kind: Kind): RequestHandler {
  return (req, _res, next) => {
    authorize(req, kind.type === 'page' ? 'page:manage' : 'post:create');
    next();
  };
}

/** Ids in admin URLs: positive integers without leading zeros; anything else is 404. */
export function parseId(raw: unknown): number {
  if (typeof raw !== 'string' || !/^[1-9]\d{0,9}$/.test(raw)) throw notFound();
  const id = Number(raw);
  if (id > 2_147_483_647) throw notFound();
  return id;
}

/** The post `:id` of this kind, or 404 (a page's id under /admin/posts is not found). */
export async function loadPost(db: Db, kind: Kind, rawId: unknown): Promise<EditorPost> {
  const post = await getEditorPost(db, parseId(rawId), kind.type);
  if (!post) throw notFound();
  return post;
}

export const owned = (post: { authorId: number | null; status: string; type: string }): OwnedPost => ({
  authorId: post.authorId,
  status: post.status,
  type: post.type,
});

export function mayEdit(
  req: Request,
  post: { authorId: number | null; status: string; type: string },
): boolean {
  return can(userOf(req), 'post:edit', owned(post));
}

/** Authors and contributors see only their own posts; editors and administrators see all. */
export function ownerFilter(req: Request): number | undefined {
  const user = userOf(req);
  return user.role === 'administrator' || user.role === 'editor' ? undefined : user.id;
}

export const settingsOf = (res: Response) => res.locals.settings as SiteSettings;

/** A date and time for admin tables, in the site's time zone. */
export function adminDate(date: Date | null, settings: SiteSettings): string {
  if (!date) return '';
  return formatDate(date, 'Jan 2, 2006 15:04', settings.timeZone);
}

export const authorName = (author: { name: string; email: string } | null) =>
  author ? author.name || author.email : '—';
