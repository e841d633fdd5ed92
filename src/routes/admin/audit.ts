/**
 * /admin/audit: who did what, when and from where, newest first; administrators only. Read-only:
 * there is no route here (or anywhere) that edits or deletes an entry.
 */
import { Router } from 'express';
import { z } from 'zod';
import { requireAction } from '../../auth/guards.js';
import { formatDate } from '../../content/dates.js';
import { HttpError, notFound } from '../../http-error.js';
import { listAudit } from '../../models/audit.js';
import type { SiteSettings } from '../../models/settings.js';
import type { FeatureDeps } from './features.js';

export const AUDIT_PER_PAGE = 50;

/** The filters, each an action prefix (actions are named `<kind>.<verb>`, e.g. post.publish). */
export const AUDIT_KINDS = {
  all: { label: 'All', prefix: undefined },
  'sign-in': { label: 'Sign-in and account', prefix: 'auth.' },
  posts: { label: 'Posts', prefix: 'post.' },
  pages: { label: 'Pages', prefix: 'page.' },
  media: { label: 'Media', prefix: 'media.' },
  users: { label: 'Users', prefix: 'user.' },
  settings: { label: 'Settings', prefix: 'settings.' },
} as const;
type AuditKind = keyof typeof AUDIT_KINDS;
const KIND_NAMES = Object.keys(AUDIT_KINDS) as [AuditKind, ...AuditKind[]];

const auditQuery = z.object({
  kind: z.preprocess((k) => (k === '' ? undefined : k), z.enum(KIND_NAMES).default('all')),
  page: z
    .string()
    .regex(/^[1-9]\d{0,5}$/)
    .transform(Number)
    .default(1),
});

const urlOf = (kind: AuditKind, page = 1) => {
  const params = new URLSearchParams();
  if (kind !== 'all') params.set('kind', kind);
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return `/admin/audit${qs ? `?${qs}` : ''}`;
};

export function auditAdminRouter({ db }: FeatureDeps): Router {
  const router = Router();
  router.use('/audit', requireAction('audit:read'));

  router.get('/audit', async (req, res) => {
    const parsed = auditQuery.safeParse(req.query);
    if (!parsed.success) throw new HttpError(400, 'That filter or page number could not be read.');
    const { kind, page } = parsed.data;
    const { entries, total } = await listAudit(db, {
      page,
      perPage: AUDIT_PER_PAGE,
      actionPrefix: AUDIT_KINDS[kind].prefix,
    });
    if (entries.length === 0 && page > 1) throw notFound();
    const { timeZone } = res.locals.settings as SiteSettings;
    const pages = Math.max(1, Math.ceil(total / AUDIT_PER_PAGE));
    res.render('admin/audit', {
      page: { title: 'Audit log' },
      adminSection: 'audit',
      tabs: KIND_NAMES.map((k) => ({ label: AUDIT_KINDS[k].label, url: urlOf(k), current: k === kind })),
      rows: entries.map((e) => ({
        whenIso: e.createdAt.toISOString(),
        when: formatDate(e.createdAt, 'Jan 2, 2006 15:04:05 MST', timeZone),
        who: e.actorEmail || '—',
        action: e.action,
        summary: e.summary,
        target: e.target,
        ip: e.ip,
      })),
      total,
      pagination: {
        page,
        pages,
        prevUrl: page > 1 ? urlOf(kind, page - 1) : null,
        nextUrl: page < pages ? urlOf(kind, page + 1) : null,
      },
    });
  });

  return router;
}
