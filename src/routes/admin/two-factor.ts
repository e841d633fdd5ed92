import { Router, type Request, type RequestHandler, type Response } from 'express';
import { auditFrom } from '../../auth/audit.js';
import { flash } from '../../auth/flash.js';
import { userOf } from '../../auth/guards.js';
import {
  groupSecret,
  hashRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  otpauthUri,
  qrSvg,
  totpStep,
} from '../../auth/totp.js';
import { setupCodeSchema } from '../../content/two-factor-forms.js';
import { fieldErrors, formValues } from '../../content/user-forms.js';
import { HttpError } from '../../http-error.js';
import { recordAudit } from '../../models/audit.js';
import { getSettings, type SiteSettings } from '../../models/settings.js';
import { claimTotpStep, enableTwoFactor } from '../../models/two-factor.js';
import { endSessions } from '../../models/users.js';
import type { FeatureDeps } from './features.js';

declare module 'express-session' {
  interface SessionData {
    /** A secret being set up, not yet confirmed with a code (never stored in the User row before that). */
    totpSetup?: { userId: number; secret: string };
    /** Recovery codes just made, shown once on the next page and then forgotten. */
    recoveryCodesToShow?: { userId: number; codes: string[] };
  }
}

const SETUP = '/account/two-factor';
const CODES = '/account/two-factor/recovery-codes';

/** Whether this user is an administrator who must turn on two-factor and has not yet. */
async function mustSetUp(req: Request, res: Response, db: FeatureDeps['db']): Promise<boolean> {
  const user = userOf(req);
  if (user.role !== 'administrator' || user.totpEnabledAt) return false;
  const settings = (res.locals.settings as SiteSettings | undefined) ?? (await getSettings(db));
  return settings.requireAdminTwoFactor;
}

/**
 * When two-factor is required for administrators, one without it reaches only its set-up (and
 * sign-out, which comes earlier): pages send them there, anything else is refused.
 */
function requireTwoFactorForAdmins(db: FeatureDeps['db']): RequestHandler {
  return async (req, res, next) => {
    if (req.path === SETUP || req.path === CODES || !(await mustSetUp(req, res, db))) return next();
    if (req.method === 'GET' || req.method === 'HEAD') return res.redirect(302, `/admin${SETUP}`);
    throw new HttpError(403, 'Administrators must turn on two-factor sign-in before doing anything else.');
  };
}

/** /admin/account/two-factor: turning on two-factor sign-in with an authenticator app. */
export function twoFactorRouter({ db }: FeatureDeps): Router {
  const router = Router();
  router.use(requireTwoFactorForAdmins(db));

  /** The secret being set up in this session, made on first sight. */
  function setupSecret(req: Request): string {
    const user = userOf(req);
    if (req.session.totpSetup?.userId !== user.id)
      req.session.totpSetup = { userId: user.id, secret: newTotpSecret() };
    return req.session.totpSetup.secret;
  }

  async function render(req: Request, res: Response, status: number, errors: Record<string, string>) {
    const user = userOf(req);
    const secret = setupSecret(req);
    const issuer = (res.locals.site as { title?: string } | undefined)?.title ?? 'Byline';
    res.status(status).render('admin/two-factor-setup', {
      page: { title: 'Set up two-factor sign-in' },
      adminSection: 'account',
      secret: groupSecret(secret),
      qr: await qrSvg(otpauthUri({ issuer, account: user.email, secret })),
      required: await mustSetUp(req, res, db),
      errors,
    });
  }

  router.get(SETUP, async (req, res) => {
    if (userOf(req).totpEnabledAt) return res.redirect(302, '/admin/account');
    await render(req, res, 200, {});
  });

  router.post(SETUP, async (req, res) => {
    const user = userOf(req);
    if (user.totpEnabledAt) return res.redirect(303, '/admin/account');
    const setup = req.session.totpSetup;
    if (setup?.userId !== user.id) {
      flash(req, 'error', 'Scan the code shown now and try again.');
      return res.redirect(303, `/admin${SETUP}`);
    }
    const parsed = setupCodeSchema.safeParse(formValues(req.body, ['code'] as const));
    if (!parsed.success) return render(req, res, 400, fieldErrors(parsed.error));
    const step = totpStep(setup.secret, parsed.data.code, { now: Date.now() });
    if (step === null) {
      return render(req, res, 400, {
        code: 'That code is not right. Check that your phone’s clock is correct and enter the code shown now.',
      });
    }
    const codes = newRecoveryCodes();
    if (
      !(await enableTwoFactor(db, user.id, {
        secret: setup.secret,
        recoveryHashes: codes.map(hashRecoveryCode),
      }))
    ) {
      return res.redirect(303, '/admin/account');
    }
    await claimTotpStep(db, user.id, step);
    delete req.session.totpSetup;
    req.session.recoveryCodesToShow = { userId: user.id, codes };
    // Whoever else held a session as this user signed in without the second factor.
    await endSessions(db, user.id, req.sessionID);
    await recordAudit(
      db,
      auditFrom(req, {
        action: 'auth.2fa-enabled',
        target: `user:${user.id}`,
        summary: 'Turned on two-factor sign-in',
      }),
    );
    res.redirect(303, `/admin${CODES}`);
  });

  router.get(CODES, (req, res) => {
    const shown = req.session.recoveryCodesToShow;
    delete req.session.recoveryCodesToShow;
    if (shown?.userId !== userOf(req).id) return res.redirect(302, '/admin/account');
    res.render('admin/two-factor-recovery-codes', {
      page: { title: 'Your recovery codes' },
      adminSection: 'account',
      codes: shown.codes,
    });
  });

  return router;
}
