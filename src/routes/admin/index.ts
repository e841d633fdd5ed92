import { Router } from 'express';
import type { Db } from '../../db.js';
import { csrfErrorHandler, csrfProtection } from '../../auth/csrf.js';
import { flashLocals } from '../../auth/flash.js';
import { loadUser, requireUser } from '../../auth/guards.js';
import { sessionMiddleware } from '../../auth/session.js';
import { asset } from '../../assets.js';
import { formBody, jsonBody } from '../../http/bodies.js';
import { PREVIEW_JSON_BYTES } from '../../http/limits.js';
import { authRouter, signInFormRefused } from './auth.js';

export interface AdminDeps {
  db: Db;
  sessionSecret: string;
  /** Routers reachable without signing in (after CSRF), in order. */
  publicFeatures?: Router[];
  /** Routers mounted behind sign-in, in order. */
  features?: Router[];
  loginLimits?: Parameters<typeof authRouter>[1];
}

/**
 * Everything under /admin: sessions, bodies, CSRF, sign-in, then the signed-in features. Who is
 * asking is known before any body is read, so a visitor's body is held to a small form
 * (src/http/bodies.ts); a visitor gets no stored session until their password is right.
 */
export function adminRouter({ db, sessionSecret, publicFeatures = [], features = [], loginLimits }: AdminDeps) {
  const router = Router();
  const { middleware, store } = sessionMiddleware(db, sessionSecret);
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    res.set('X-Frame-Options', 'DENY');
    res.locals.asset = asset;
    next();
  });
  router.use(middleware);
  router.use(loadUser(db));
  router.use(formBody());
  router.use(flashLocals);
  router.use(csrfProtection(sessionSecret));
  router.use(signInFormRefused);
  router.use(authRouter(db, loginLimits));
  for (const feature of publicFeatures) router.use(feature);
  router.use(requireUser);
  router.get('/', (_req, res) => res.redirect(302, '/admin/posts'));
  // The only JSON Byline reads: the editor's live preview, once signed in and past the CSRF check.
  router.post('/preview', jsonBody({ limit: PREVIEW_JSON_BYTES }));
  for (const feature of features) router.use(feature);
  router.use(csrfErrorHandler);
  return { router, store };
}
