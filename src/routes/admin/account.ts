import { Router, type Request, type Response } from 'express';
import { flash } from '../../auth/flash.js';
import { userOf } from '../../auth/guards.js';
import { RateLimiter } from '../../auth/rate-limit.js';
import {
  accountNameSchema,
  changePasswordSchema,
  fieldErrors,
  formValues,
} from '../../content/user-forms.js';
import { checkUserPassword, endSessions, setPassword, updateUser } from '../../models/users.js';
import type { FeatureDeps } from './features.js';

const promised = (fn: (cb: (err?: unknown) => void) => void) =>
  new Promise<void>((resolve, reject) => fn((err) => (err ? reject(err) : resolve())));

/** Everyone signed in: change their own name and password. */
export function accountRouter({ db }: FeatureDeps): Router {
  const router = Router();
  // A stolen session must not become a way to guess the password behind it.
  const guesses = new RateLimiter(10, 15 * 60_000);

  function render(res: Response, status: number, name: string, errors: Record<string, string>) {
    res.status(status).render('admin/account', {
      page: { title: 'Your account' },
      adminSection: 'account',
      values: { name },
      errors,
    });
  }

  /** A new session id for this browser (keeping who it is), and every other session of the user ended. */
  async function renewSession(req: Request, userId: number) {
    await promised((cb) => req.session.regenerate(cb));
    req.session.userId = userId;
    flash(req, 'success', 'Password changed. You have been signed out everywhere else.');
    await promised((cb) => req.session.save(cb));
    await endSessions(db, userId, req.sessionID);
  }

  router.get('/account', (req, res) => render(res, 200, userOf(req).name, {}));

  router.post('/account/name', async (req, res) => {
    const user = userOf(req);
    const values = formValues(req.body, ['name'] as const);
    const parsed = accountNameSchema.safeParse(values);
    if (!parsed.success) return render(res, 400, values.name, fieldErrors(parsed.error));
    await updateUser(db, user.id, { name: parsed.data.name });
    flash(req, 'success', 'Name saved.');
    res.redirect(303, '/admin/account');
  });

  router.post('/account/password', async (req, res) => {
    const user = userOf(req);
    const parsed = changePasswordSchema.safeParse(
      formValues(req.body, ['currentPassword', 'newPassword', 'confirmPassword'] as const),
    );
    if (!parsed.success) return render(res, 400, user.name, fieldErrors(parsed.error));
    const { allowed, retryAfter } = guesses.hit(`user:${user.id}`);
    if (!allowed) {
      res.set('Retry-After', String(retryAfter));
      return render(res, 429, user.name, { currentPassword: 'Too many attempts. Try again later.' });
    }
    if (!(await checkUserPassword(db, user.id, parsed.data.currentPassword))) {
      return render(res, 400, user.name, { currentPassword: 'That is not your current password.' });
    }
    guesses.reset(`user:${user.id}`);
    await setPassword(db, user.id, parsed.data.newPassword);
    await renewSession(req, user.id);
    res.redirect(303, '/admin/account');
  });

  return router;
}
