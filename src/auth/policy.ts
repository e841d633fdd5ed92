/**
 * Who may do what: one table, checked on the server for every admin route and action.
 * administrator: everything, and only they read the audit log. editor: all posts and pages, publishing, media.
 * author: own posts, may publish them; media. contributor: own drafts only.
 */
export const ROLES = ['administrator', 'editor', 'author', 'contributor'] as const;
export type Role = (typeof ROLES)[number];

export type Action =
  | 'post:create'
  | 'post:edit'
  | 'post:publish'
  | 'post:delete'
  | 'page:manage'
  | 'media:upload'
  | 'media:delete'
  | 'users:manage'
  | 'settings:manage'
  /** Reading the audit log (who did what, from where): administrators only. */
  | 'audit:read';

export interface Actor {
  id: number;
  role: string;
}

export interface OwnedPost {
  authorId: number | null;
  /** The status the post has now (for edit/delete) or will have (for publish). */
  status: string;
  type?: string;
}

const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

export function can(actor: Actor, action: Action, post?: OwnedPost): boolean {
  if (!isRole(actor.role)) return false;
  const role = actor.role;
  if (role === 'administrator') return true;
  if (action === 'users:manage' || action === 'settings:manage' || action === 'audit:read') return false;
  if (role === 'editor') return true;
  if (action === 'page:manage') return false;
  if (post?.type === 'page') return false;
  const own = post ? post.authorId === actor.id : true;
  switch (action) {
    case 'post:create':
      return true;
    case 'media:upload':
      return role === 'author';
    case 'media:delete':
      return role === 'author' && own;
    case 'post:publish':
      return role === 'author' && own;
    case 'post:edit':
    case 'post:delete':
      if (!own) return false;
      return role === 'author' || post?.status === 'draft';
  }
  return false;
}

export function isRoleName(r: string): r is Role {
  return isRole(r);
}
