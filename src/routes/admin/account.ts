import { Router, type Request, type Response } from 'express';
import { auditFrom } from '../../auth/audit.js';
import { flash } from '../../auth/flash.js';
import { userOf } from '../../auth/guards.js';
import { RateLimiter } from '../../auth/rate-limit.js';
import { checkSecondFactor } from '../../auth/second-factor.js';
import { renewSession } from '../../auth/sign-in.js';
import { disableTwoFactorSchema } from '../../content/two-factor-forms.js';
import {
  accountNameSchema,
  changePasswordSchema,
  fieldErrors,
  formValues,
} from '../../content/user-forms.js';
import { recordAudit } from '../../models/audit.js';
import { disableTwoFactor, getTwoFactor } from '../../models/two-factor.js';
import { checkUserPassword, endSessions, setPassword, updateUser } from '../../models/users.js';
import type { FeatureDeps } from './features.js';

/** Everyone signed in: change their own name and password, and turn two-factor sign-in off. */
export function accountRouter({ db }: FeatureDeps): Router {
  const router = Router();
  // A stolen session must not become a way to guess the password (or the code) behind it.
  const guesses = new RateLimiter(10, 15 * 60_000);

  async function render(
    req: Request,
    res: Response,
    status: number,
    name: string,
    errors: Record<string, string>,
  ) {
    const user = userOf(req);
    const twoFactor = await getTwoFactor(db, user.id);
    res.status(status).render('admin/account', {
      page: { title: 'Your account' },
      adminSection: 'account',
      values: { name },
      errors,
      twoFactor: {
        enabled: Boolean(twoFactor?.enabled),
        since: twoFactor?.totpEnabledAt?.toISOString().slice(0, 10) ?? '',
        codesLeft: twoFactor?.recoveryHashes.length ?? 0,
      },
    });
  }

  /** 429 with a message on `field` when this user has guessed too often; false when they may go on. */
  function tooManyGuesses(req: Request, res: Response, field: string): Promise<void> | false {
    const user = userOf(req);
    const { allowed, retryAfter } = guesses.hit(`user:${user.id}`);
    if (allowed) return false;
    res.set('Retry-After', String(retryAfter));
    return render(req, res, 429, user.name, { [field]: 'Too many attempts. Try again later.' });
  }

  router.get('/account', (req, res) => render(req, res, 200, userOf(req).name, {}));

  router.post('/account/name', async (req, res) => {
    const user = userOf(req);
    const values = formValues(req.body, ['name'] as const);
    const parsed = accountNameSchema.safeParse(values);
    if (!parsed.success) return render(req, res, 400, values.name, fieldErrors(parsed.error));
    await updateUser(db, user.id, { name: parsed.data.name });
    await recordAudit(
      db,
      auditFrom(req, { action: 'auth.name', target: `user:${user.id}`, summary: `Changed their name to “${parsed.data.name}”` }),
    );
    flash(req, 'success', 'Name saved.');
    res.redirect(303, '/admin/account');
  });

  router.post('/account/password', async (req, res) => {
    const user = userOf(req);
    const parsed = changePasswordSchema.safeParse(
      formValues(req.body, ['currentPassword', 'newPassword', 'confirmPassword'] as const),
    );
    if (!parsed.success) return render(req, res, 400, user.name, fieldErrors(parsed.error));
    const refused = tooManyGuesses(req, res, 'currentPassword');
    if (refused) return refused;
    if (!(await checkUserPassword(db, user.id, parsed.data.currentPassword))) {
      return render(req, res, 400, user.name, { currentPassword: 'That is not your current password.' });
    }
    guesses.reset(`user:${user.id}`);
    await setPassword(db, user.id, parsed.data.newPassword);
    // A new session id for this browser (keeping who it is), and every other session of the user ended.
    await renewSession(req, (session) => {
      session.userId = user.id;
      session.flash = [
        { kind: 'success', text: 'Password changed. You have been signed out everywhere else.' },
      ];
    });
    await endSessions(db, user.id, req.sessionID);
    await recordAudit(
      db,
      auditFrom(req, { action: 'auth.password', target: `user:${user.id}`, summary: 'Changed their password; other sessions ended' }),
    );
    res.redirect(303, '/admin/account');
  });

  router.post('/account/two-factor/disable', async (req, res) => {
    const user = userOf(req);
    const parsed = disableTwoFactorSchema.safeParse(
      formValues(req.body, ['twoFactorPassword', 'twoFactorCode'] as const),
    );
    if (!parsed.success) return render(req, res, 400, user.name, fieldErrors(parsed.error));
    const twoFactor = await getTwoFactor(db, user.id);
    if (!twoFactor?.enabled) return res.redirect(303, '/admin/account');
    const refused = tooManyGuesses(req, res, 'twoFactorCode');
    if (refused) return refused;
    // The password first: a recovery code is not spent when the password is wrong.
    if (!(await checkUserPassword(db, user.id, parsed.data.twoFactorPassword))) {
      return render(req, res, 400, user.name, { twoFactorPassword: 'That is not your password.' });
    }
    if (!(await checkSecondFactor(db, twoFactor, parsed.data.twoFactorCode, Date.now()))) {
      await recordAudit(
        db,
        auditFrom(req, {
          action: 'auth.2fa-failed',
          target: `user:${user.id}`,
          summary: 'Wrong code when turning two-factor off',
        }),
      );
      return render(req, res, 400, user.name, { twoFactorCode: 'That code is not right.' });
    }
    guesses.reset(`user:${user.id}`);
    await disableTwoFactor(db, user.id);
    await recordAudit(
      db,
      auditFrom(req, {
        action: 'auth.2fa-disabled',
        target: `user:${user.id}`,
        summary: 'Turned off two-factor sign-in',
      }),
    );
    flash(req, 'success', 'Two-factor sign-in is off.');
    res.redirect(303, '/admin/account');
  });

  return router;
}
