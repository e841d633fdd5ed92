/** The admin lists of posts and pages (with the trash), and the trash's actions. */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { authorize, userOf } from '../../auth/guards.js';
import { can } from '../../auth/policy.js';
import { flash } from '../../auth/flash.js';
import type { Db } from '../../db.js';
import { HttpError } from '../../http-error.js';
import {
  LIST_STATUSES,
  listAdminPosts,
  type AdminListItem,
  type ListStatus,
} from '../../models/admin-posts.js';
import { deleteForever, listTrashed, restoreFromTrash, trashPost } from '../../models/trash.js';
import type { SiteSettings } from '../../models/settings.js';
import { urlFor } from '../present.js';
import type { FeatureDeps } from './features.js';
import { postTarget, recordAction } from './posts-audit.js';
import {
  adminDate,
  adminUrl,
  authorName,
  guardKind,
  loadPost,
  mayEdit,
  owned,
  ownerFilter,
  settingsOf,
  type Kind,
} from './posts-shared.js';

export const PER_PAGE = 20;

const listQuery = z.object({
  status: z.preprocess((s) => (s === '' ? undefined : s), z.enum(LIST_STATUSES).default('all')),
  q: z.string().trim().max(200).default(''),
  page: z
    .string()
    .regex(/^[1-9]\d{0,4}$/)
    .transform(Number)
    .default(1),
});

const STATUS_LABELS: Record<ListStatus, string> = {
  all: 'All',
  draft: 'Drafts',
  scheduled: 'Scheduled',
  published: 'Published',
  trash: 'Trash',
};

function statusLabel(post: AdminListItem, now: Date): string {
  if (post.deletedAt) return 'In trash';
  if (post.status === 'draft') return 'Draft';
  if (post.publishedAt && post.publishedAt > now) return 'Scheduled';
  if (post.expiresAt && post.expiresAt <= now) return 'Expired';
  return 'Published';
}

/** The badge colour (admin.css .badge-*) of each status label. */
const BADGES: Record<string, string> = {
  'In trash': 'trash',
  Draft: 'draft',
  Scheduled: 'scheduled',
  Published: 'published',
  Expired: 'draft',
};

/** publicWhere (models/visibility.ts), asked of one row already in hand. */
function isPublic(post: AdminListItem, now: Date): boolean {
  return (
    !post.deletedAt &&
    post.status !== 'draft' &&
    (post.publishedAt === null ? post.status === 'published' : post.publishedAt <= now) &&
    (post.expiresAt === null || post.expiresAt > now)
  );
}

function rowOf(req: Request, kind: Kind, post: AdminListItem, settings: SiteSettings, now: Date) {
  return {
    id: post.id,
    title: post.title,
    editUrl: !post.deletedAt && mayEdit(req, post) ? adminUrl(kind, `/${post.id}/edit`) : null,
    viewUrl: isPublic(post, now) ? urlFor(post) : null,
    restoreUrl:
      post.deletedAt && can(userOf(req), 'post:delete', owned(post))
        ? adminUrl(kind, `/${post.id}/restore`)
        : null,
    status: statusLabel(post, now),
    badge: BADGES[statusLabel(post, now)] ?? 'draft',
    author: authorName(post.author),
    published: adminDate(post.publishedAt, settings),
    updated: adminDate(post.deletedAt ?? post.updatedAt, settings),
  };
}

interface ListView {
  db: Db;
  kind: Kind;
  query: unknown;
  status?: number;
  errors?: Record<string, string>;
}

async function renderList(
  req: Request,
  res: Response,
  { db, kind, query, status = 200, errors = {} }: ListView,
) {
  const parsed = listQuery.safeParse(query);
  if (!parsed.success) throw new HttpError(400, 'That filter or page number could not be read.');
  const { status: filter, q, page } = parsed.data;
  const now = new Date();
  const settings = settingsOf(res);
  const { posts, total } = await listAdminPosts(db, {
    type: kind.type,
    status: filter,
    q,
    page,
    perPage: PER_PAGE,
    ownerId: ownerFilter(req),
    now,
  });
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));
  const link = (n: number) => {
    const params = new URLSearchParams();
    if (filter !== 'all') params.set('status', filter);
    if (q) params.set('q', q);
    if (n > 1) params.set('page', String(n));
    const qs = params.toString();
    return adminUrl(kind, qs ? `?${qs}` : '');
  };
  res.status(status).render('admin/posts/list', {
    page: { title: filter === 'trash' ? `${kind.Plural}: trash` : kind.Plural },
    adminSection: kind.section,
    kind: {
      ...kind,
      newUrl: adminUrl(kind, '/new'),
      listUrl: adminUrl(kind),
      emptyUrl: adminUrl(kind, '/trash/empty'),
    },
    filters: { status: filter, q },
    tabs: LIST_STATUSES.map((s) => ({
      label: STATUS_LABELS[s],
      url: adminUrl(kind, s === 'all' ? '' : `?status=${s}`),
      current: s === filter,
    })),
    rows: posts.map((p) => rowOf(req, kind, p, settings, now)),
    total,
    pagination: {
      page,
      pages,
      prevUrl: page > 1 ? link(page - 1) : null,
      nextUrl: page < pages ? link(page + 1) : null,
    },
    errors,
  });
}

const emptySchema = z.object({
  confirm: z.literal('yes', { error: 'Tick “Yes, delete these permanently” to empty the trash.' }),
});

export function postsListRouter({ db }: FeatureDeps, kind: Kind): Router {
  const router = Router();
  const base = kind.base;
  const guard = guardKind(kind);

  router.get(base, guard, (req, res) => renderList(req, res, { db, kind, query: req.query }));

  router.post(`${base}/trash/empty`, guard, async (req, res) => {
    const parsed = emptySchema.safeParse(req.body);
    if (!parsed.success) {
      const errors = { confirm: parsed.error.issues[0]?.message ?? 'Confirm first.' };
      return renderList(req, res, { db, kind, query: { status: 'trash' }, status: 400, errors });
    }
    const user = userOf(req);
    const ids = (await listTrashed(db, kind.type))
      .filter((p) => can(user, 'post:delete', owned(p)))
      .map((p) => p.id);
    const count = await deleteForever(db, ids);
    if (count > 0) {
      const what = `${count} ${count === 1 ? kind.noun : kind.plural}`;
      await recordAction(db, req, {
        action: `${kind.noun}.trash-empty`,
        target: `trash:${kind.plural}`,
        summary: `Emptied the trash: ${what} deleted for good (${ids.map((id) => `#${id}`).join(', ')})`,
      });
    }
    flash(
      req,
      'success',
      `Trash emptied: ${count} ${count === 1 ? kind.noun : kind.plural} deleted for good.`,
    );
    res.redirect(303, `${adminUrl(kind)}?status=trash`);
  });

  router.post(`${base}/:id/delete`, guard, async (req, res) => {
    const post = await loadPost(db, kind, req.params.id);
    authorize(req, 'post:delete', owned(post));
    if (!post.deletedAt) {
      await trashPost(db, post.id, new Date());
      await recordAction(db, req, {
        action: `${kind.noun}.trash`,
        target: postTarget(kind, post.id),
        summary: `Moved “${post.title}” to the trash`,
      });
    }
    flash(req, 'success', `“${post.title}” moved to the trash.`);
    res.redirect(303, adminUrl(kind));
  });

  router.post(`${base}/:id/restore`, guard, async (req, res) => {
    const post = await loadPost(db, kind, req.params.id);
    authorize(req, 'post:delete', owned(post));
    if (post.deletedAt) {
      await restoreFromTrash(db, post.id);
      await recordAction(db, req, {
        action: `${kind.noun}.restore`,
        target: postTarget(kind, post.id),
        summary: `Restored “${post.title}” from the trash`,
      });
    }
    flash(req, 'success', `“${post.title}” restored from the trash.`);
    res.redirect(303, adminUrl(kind, `/${post.id}/edit`));
  });

  return router;
}
