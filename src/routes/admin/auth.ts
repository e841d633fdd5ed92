import { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Db } from '../../db.js';
import { isCsrfError } from '../../auth/csrf.js';
import { safeNext } from '../../auth/guards.js';
import { SignInGuard, type LoginLimits } from '../../auth/sign-in-guard.js';
import { PENDING_SIGN_IN_MS, renewSession, tooManyAttempts } from '../../auth/sign-in.js';
import { formValues } from '../../content/user-forms.js';
import { findUserForLogin, normalizeEmail } from '../../models/users.js';
import { BusyError } from '../../work/admission.js';
import { twoFactorSignInRouter } from './two-factor-sign-in.js';

const loginSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email.').max(254, 'That email is too long.'),
  password: z.string().min(1, 'Enter your password.').max(1000, 'That password is too long.'),
});

const WRONG = 'Email or password is incorrect.';

function renderLogin(
  res: Response,
  status: number,
  values: { email: string; next: string },
  errors: Record<string, string>,
) {
  res.status(status).render('admin/login', { values, errors, page: { title: 'Sign in' } });
}

/** What was typed into the sign-in form, to show it again (never the password). */
const typedValues = (req: Request) => ({
  email: String((req.body as Record<string, unknown> | undefined)?.email ?? ''),
  next: safeNext((req.body as Record<string, unknown> | undefined)?.next),
});

/**
 * A visitor's sign-in form refused for its token (left open past the cookie's life, or posted
 * from another site) is shown again, still 403, with the email kept and a fresh token: nothing
 * typed is lost but the password. Mount it after the CSRF check, on the router that holds /login.
 */
export const signInFormRefused: ErrorRequestHandler = (err, req, res, next) => {
  if (!isCsrfError(err) || req.user || req.method !== 'POST' || req.path !== '/login') return next(err);
  renderLogin(res, 403, typedValues(req), { form: 'This page had expired. Sign in again.' });
};

export type CompleteSignIn = (
  req: Request,
  res: Response,
  user: { id: number; email: string },
  next: string,
  how: string,
  notice?: { kind: 'success' | 'error'; text: string },
) => Promise<void>;

/**
 * Sign-in and sign-out. Guessing is limited by SignInGuard (per address, per email, and an
 * exponential back-off per account); a user with two-factor on gives a code next
 * (two-factor-sign-in.ts). The session id is renewed at each step.
 */
export function authRouter(db: Db, limits: Partial<LoginLimits> = {}): Router {
  const router = Router();
  const guard = new SignInGuard(db, limits);

  /** The user is who they say: a new session, the streak of failures forgotten, and on to `next`. */
  const completeSignIn: CompleteSignIn = async (req, res, user, next, how, notice) => {
    await guard.succeeded(user);
    await renewSession(req, (session) => {
      session.userId = user.id;
      if (notice) session.flash = [notice];
    });
    const actor = { id: user.id, email: user.email };
    await guard.audit(
      req,
      { action: 'auth.sign-in', target: `user:${user.id}`, summary: `Signed in ${how}` },
      actor,
    );
    res.redirect(303, next);
  };

  router.get('/login', (req, res) => {
    const next = safeNext(req.query.next);
    if (req.user) return res.redirect(302, next);
    renderLogin(res, 200, { email: '', next }, {});
  });

  router.post('/login', async (req: Request, res: Response) => {
    const parsed = loginSchema.safeParse(formValues(req.body, ['email', 'password'] as const));
    const values = typedValues(req);
    if (!parsed.success) {
      const errors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
      return renderLogin(res, 400, values, errors);
    }
    const email = normalizeEmail(parsed.data.email);
    const now = Date.now();
    const found = await findUserForLogin(db, email);
    const user = found?.active ? found : null;
    const wait = await guard.passwordWait(req, email, user, now);
    if (wait > 0) {
      res.set('Retry-After', String(wait));
      return renderLogin(res, 429, values, { form: tooManyAttempts(wait) });
    }
    let right: boolean;
    try {
      right = await guard.checkPassword(parsed.data.password, user?.passwordHash ?? null);
    } catch (err) {
      if (!(err instanceof BusyError)) throw err;
      res.set('Retry-After', String(err.retryAfterSeconds));
      return renderLogin(res, err.status, values, { form: err.message });
    }
    if (!right || !user) {
      const target = user ? `user:${user.id}` : '';
      const summary = `Wrong email or password for ${email}`;
      await guard.failed(req, email, user, { action: 'auth.sign-in-failed', target, summary }, now);
      return renderLogin(res, 401, values, { form: WRONG });
    }
    if (!user.totpSecret || !user.totpEnabledAt) {
      return completeSignIn(req, res, user, values.next, 'with a password');
    }
    // Not signed in yet: the session only remembers, for a while, that the password was right.
    await renewSession(req, (session) => {
      const expiresAt = now + PENDING_SIGN_IN_MS;
      session.pendingSignIn = {
        userId: user.id,
        email: user.email,
        next: values.next,
        attempts: 0,
        expiresAt,
      };
    });
    res.redirect(303, '/admin/login/two-factor');
  });

  router.use(twoFactorSignInRouter({ db, guard, completeSignIn }));

  router.post('/logout', async (req, res) => {
    if (req.user) {
      const what = { action: 'auth.sign-out', target: `user:${req.user.id}`, summary: 'Signed out' };
      await guard.audit(req, what, { id: req.user.id, email: req.user.email });
    }
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.clearCookie('byline.sid', { path: '/' });
    res.redirect(303, '/admin/login');
  });

  return router;
}
