import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { auditFrom } from '../../auth/audit.js';
import { flash } from '../../auth/flash.js';
import { requireAction, userOf } from '../../auth/guards.js';
import { ROLES, type Role } from '../../auth/policy.js';
import { formatDate } from '../../content/dates.js';
import {
  addUserSchema,
  fieldErrors,
  formValues,
  ownAccountRefusal,
  roleSchema,
} from '../../content/user-forms.js';
import { notFound } from '../../http-error.js';
import { recordAudit, type AuditInput } from '../../models/audit.js';
import {
  addUser,
  getUser,
  issueSetPasswordToken,
  LastAdminError,
  listUsers,
  updateUser,
  updateUserKeepingAnAdmin,
} from '../../models/users.js';
import type { FeatureDeps } from './features.js';

declare module 'express-session' {
  interface SessionData {
    /** A set-password link waiting to be shown to the admin, once (POST-redirect-GET). */
    setPasswordLink?: { userId: number; token: string };
  }
}

/** How long a set-password link works. */
const LINK_HOURS = 72;
const userId = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number);

type User = NonNullable<Awaited<ReturnType<typeof getUser>>>;
type What = Pick<AuditInput, 'action' | 'summary'>;

/** Administrators manage accounts: add (with a one-time set-password link), change role, (de)activate. */
export function usersAdminRouter({ db }: FeatureDeps): Router {
  const router = Router();
  router.use('/users', requireAction('users:manage'));

  const dateOf = (res: Response, d: Date) =>
    formatDate(d, res.locals.settings?.dateFormat, res.locals.settings?.timeZone);

  async function loadTarget(req: Request): Promise<User> {
    const id = userId.safeParse(req.params.id);
    const user = id.success ? await getUser(db, id.data) : null;
    if (!user) throw notFound('No such user');
    return user;
  }

  /** An audit entry about `target`, once the change has been made. */
  const record = (req: Request, target: { id: number }, what: What) =>
    recordAudit(db, auditFrom(req, { ...what, target: `user:${target.id}` }));

  const view = (res: Response, status: number, name: string, locals: Record<string, unknown>) =>
    res.status(status).render(`admin/users/${name}`, { adminSection: 'users', roles: ROLES, ...locals });

  function renderUser(
    res: Response,
    status: number,
    user: User,
    role: string,
    errors: Record<string, string>,
  ) {
    const target = { ...user, created: dateOf(res, user.createdAt) };
    view(res, status, 'edit', { page: { title: user.email }, target, values: { role }, errors });
  }

  const renderNew = (
    res: Response,
    status: number,
    values: Record<string, string>,
    errors: Record<string, string>,
  ) => view(res, status, 'new', { page: { title: 'Add user' }, values, errors });

  /** Applies a role or active change unless it is refused; answers 409 with the reason when it is. */
  async function change(
    req: Request,
    res: Response,
    target: User,
    data: { role?: Role; active?: boolean },
    done: string,
    what: What | null,
  ) {
    const field = data.role ? 'role' : 'active';
    const problem = ownAccountRefusal(userOf(req).id, target.id, data);
    if (problem) return renderUser(res, 409, target, data.role ?? target.role, { [field]: problem });
    try {
      await updateUserKeepingAnAdmin(db, target.id, data);
    } catch (err) {
      if (!(err instanceof LastAdminError)) throw err;
      const message = `${target.email} is the last active administrator: make another user an administrator first.`;
      return renderUser(res, 409, target, data.role ?? target.role, { [field]: message });
    }
    if (what) await record(req, target, what);
    flash(req, 'success', done);
    res.redirect(303, `/admin/users/${target.id}`);
  }

  async function showLinkNext(req: Request, res: Response, user: User) {
    req.session.setPasswordLink = {
      userId: user.id,
      token: await issueSetPasswordToken(db, user.id, LINK_HOURS),
    };
    // The entry says a link was made, never what it is.
    await record(req, user, {
      action: 'user.reset-link',
      summary: `Made a set-password link for ${user.email}, valid ${LINK_HOURS} hours`,
    });
    res.redirect(303, `/admin/users/${user.id}/link`);
  }

  router.get('/users', async (_req, res) => {
    const users = (await listUsers(db)).map((u) => ({ ...u, created: dateOf(res, u.createdAt) }));
    view(res, 200, 'index', { page: { title: 'Users' }, users });
  });

  router.get('/users/new', (_req, res) => renderNew(res, 200, { email: '', name: '', role: 'author' }, {}));

  router.post('/users', async (req, res) => {
    const values = formValues(req.body, ['email', 'name', 'role'] as const);
    const parsed = addUserSchema.safeParse(values);
    if (!parsed.success) return renderNew(res, 400, values, fieldErrors(parsed.error));
    const user = await addUser(db, parsed.data);
    if (!user) return renderNew(res, 400, values, { email: 'There is already a user with this email.' });
    await record(req, user, { action: 'user.create', summary: `Added ${user.email} as ${user.role}` });
    flash(req, 'success', `User ${user.email} added.`);
    await showLinkNext(req, res, user);
  });

  router.get('/users/:id', async (req, res) => {
    const user = await loadTarget(req);
    renderUser(res, 200, user, user.role, {});
  });

  router.post('/users/:id/role', async (req, res) => {
    const user = await loadTarget(req);
    const parsed = roleSchema.safeParse(formValues(req.body, ['role'] as const));
    if (!parsed.success) return renderUser(res, 400, user, user.role, fieldErrors(parsed.error));
    const { role } = parsed.data;
    const what =
      role === user.role
        ? null
        : { action: 'user.role', summary: `Changed ${user.email} from ${user.role} to ${role}` };
    await change(req, res, user, { role }, `${user.email} is now ${role}.`, what);
  });

  router.post('/users/:id/deactivate', async (req, res) => {
    const user = await loadTarget(req);
    const what = user.active
      ? { action: 'user.deactivate', summary: `Deactivated ${user.email}; their sessions ended` }
      : null;
    await change(
      req,
      res,
      user,
      { active: false },
      `${user.email} deactivated; their sessions have ended.`,
      what,
    );
  });

  router.post('/users/:id/reactivate', async (req, res) => {
    const user = await loadTarget(req);
    await updateUser(db, user.id, { active: true });
    if (!user.active)
      await record(req, user, { action: 'user.activate', summary: `Reactivated ${user.email}` });
    flash(req, 'success', `${user.email} reactivated.`);
    res.redirect(303, `/admin/users/${user.id}`);
  });

  router.post('/users/:id/link', async (req, res) => {
    const user = await loadTarget(req);
    if (!user.active) return renderUser(res, 409, user, user.role, { link: 'Reactivate this user first.' });
    await showLinkNext(req, res, user);
  });

  /** Shows a set-password link once: it is taken out of the session as it is shown. */
  router.get('/users/:id/link', async (req, res) => {
    const user = await loadTarget(req);
    const pending = req.session.setPasswordLink;
    if (pending?.userId !== user.id) return res.redirect(303, `/admin/users/${user.id}`);
    delete req.session.setPasswordLink;
    const link = `${res.locals.site.baseUrl}/admin/set-password/${pending.token}`;
    view(res, 200, 'link', { page: { title: 'Set-password link' }, target: user, link, hours: LINK_HOURS });
  });

  return router;
}
