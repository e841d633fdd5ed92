import { Router, type Request, type Response } from 'express';
import type { Db } from '../../db.js';
import { flash } from '../../auth/flash.js';
import { checkSecondFactor } from '../../auth/second-factor.js';
import type { SignInGuard } from '../../auth/sign-in-guard.js';
import { MAX_CODE_ATTEMPTS, pendingSignIn, tooManyAttempts } from '../../auth/sign-in.js';
import { signInCodeSchema } from '../../content/two-factor-forms.js';
import { fieldErrors, formValues } from '../../content/user-forms.js';
import { getTwoFactor } from '../../models/two-factor.js';
import type { CompleteSignIn } from './auth.js';

const WRONG_CODE =
  'That code is not right. Check that your phone’s clock is correct, or use a recovery code.';

/**
 * /admin/login/two-factor: the second step of sign-in for a user with two-factor on. Wrong codes
 * count in the account's back-off; after a few the pending sign-in ends and the password is asked again.
 */
export function twoFactorSignInRouter(deps: {
  db: Db;
  guard: SignInGuard;
  completeSignIn: CompleteSignIn;
}): Router {
  const { db, guard, completeSignIn } = deps;
  const router = Router();

  function render(res: Response, status: number, errors: Record<string, string>) {
    res.status(status).render('admin/login-two-factor', { page: { title: 'Two-factor sign-in' }, errors });
  }

  function startAgain(req: Request, res: Response, message: string) {
    delete req.session.pendingSignIn;
    flash(req, 'error', message);
    res.redirect(303, '/admin/login');
  }

  router.get('/login/two-factor', (req, res) => {
    if (req.user) return res.redirect(302, '/admin/');
    if (!pendingSignIn(req, Date.now())) return res.redirect(302, '/admin/login');
    render(res, 200, {});
  });

  router.post('/login/two-factor', async (req, res) => {
    const now = Date.now();
    const started = req.session.pendingSignIn !== undefined;
    const pending = pendingSignIn(req, now);
    // Without a sign-in under way there is no stored session to carry a message: none is made for it.
    if (!pending && !started) return res.redirect(303, '/admin/login');
    if (!pending) return startAgain(req, res, 'Your sign-in took too long. Sign in again.');
    const parsed = signInCodeSchema.safeParse(formValues(req.body, ['code'] as const));
    if (!parsed.success) return render(res, 400, fieldErrors(parsed.error));
    const user = await getTwoFactor(db, pending.userId);
    if (!user?.active || !user.enabled) return startAgain(req, res, 'Sign in again.');
    const wait = guard.accountWait(user, now);
    if (wait > 0) {
      res.set('Retry-After', String(wait));
      return render(res, 429, { code: tooManyAttempts(wait) });
    }
    const target = `user:${user.id}`;
    const proof = await checkSecondFactor(db, user, parsed.data.code, now);
    if (!proof) {
      pending.attempts++;
      const what = { action: 'auth.2fa-failed', target, summary: `Wrong two-factor code for ${user.email}` };
      await guard.failed(req, user.email, user, what, now);
      if (pending.attempts >= MAX_CODE_ATTEMPTS)
        return startAgain(req, res, 'Too many wrong codes. Sign in again.');
      return render(res, 401, { code: WRONG_CODE });
    }
    if (proof.via === 'totp')
      return completeSignIn(req, res, user, pending.next, 'with a password and a code');
    const summary = `Recovery code used; ${proof.left} left`;
    await guard.audit(req, { action: 'auth.recovery-code-used', target, summary }, user);
    const few = proof.left <= 2;
    await completeSignIn(req, res, user, pending.next, 'with a password and a recovery code', {
      kind: few ? 'error' : 'success',
      text:
        `You signed in with a recovery code: ${proof.left} left, each good once.` +
        (few ? ' Turn two-factor sign-in off and on again in your account to get new ones.' : ''),
    });
  });

  return router;
}
