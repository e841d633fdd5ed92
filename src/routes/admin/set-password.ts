import { Router, type Request, type Response } from 'express';
import { flash } from '../../auth/flash.js';
import { fieldErrors, formValues, setPasswordSchema } from '../../content/user-forms.js';
import { notFound } from '../../http-error.js';
import { recordAudit } from '../../models/audit.js';
import { endSessions, findUserBySetPasswordToken, redeemSetPasswordToken } from '../../models/users.js';
import type { FeatureDeps } from './features.js';

/**
 * The one-time set-password link an administrator hands to a user (`/admin/set-password/<token>`),
 * reachable without signing in. A token that does not work is a plain 404, whoever it was for.
 */
export function setPasswordRouter({ db }: FeatureDeps): Router {
  const router = Router();

  router.use('/set-password', (_req, res, next) => {
    // The token is in the URL: never send it on to another site.
    res.set('Referrer-Policy', 'no-referrer');
    next();
  });

  async function holderOf(req: Request) {
    const user = await findUserBySetPasswordToken(db, String(req.params.token));
    if (!user) throw notFound();
    return user;
  }

  function render(res: Response, status: number, email: string, errors: Record<string, string>) {
    res.status(status).render('admin/set-password', { page: { title: 'Set your password' }, email, errors });
  }

  router.get('/set-password/:token', async (req, res) => {
    const user = await holderOf(req);
    render(res, 200, user.email, {});
  });

  router.post('/set-password/:token', async (req, res) => {
    const user = await holderOf(req);
    const parsed = setPasswordSchema.safeParse(
      formValues(req.body, ['newPassword', 'confirmPassword'] as const),
    );
    if (!parsed.success) return render(res, 400, user.email, fieldErrors(parsed.error));
    const id = await redeemSetPasswordToken(db, String(req.params.token), parsed.data.newPassword);
    if (id === null) throw notFound();
    // Whoever held a session as this user before is signed out; this browser keeps its own session.
    await endSessions(db, id, req.session.userId === id ? req.sessionID : undefined);
    // Nobody is signed in here: the actor is the account the one-time link belongs to.
    await recordAudit(db, {
      actor: { id, email: user.email },
      action: 'auth.password-set',
      target: `user:${id}`,
      summary: 'Set their password with a one-time link',
      ip: req.ip ?? '',
    });
    flash(req, 'success', 'Your password is set. Sign in with it now.');
    res.redirect(303, '/admin/login');
  });

  return router;
}
