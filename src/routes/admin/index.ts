import express, { Router } from 'express';
import type { Db } from '../../db.js';
import { csrfErrorHandler, csrfProtection } from '../../auth/csrf.js';
import { flashLocals } from '../../auth/flash.js';
import { loadUser, requireUser } from '../../auth/guards.js';
import { sessionMiddleware } from '../../auth/session.js';
import { asset } from '../../assets.js';
import { authRouter } from './auth.js';

export interface AdminDeps {
  db: Db;
  sessionSecret: string;
  /** Routers reachable without signing in (after CSRF), in order. */
  publicFeatures?: Router[];
  /** Routers mounted behind sign-in, in order. */
  features?: Router[];
  loginLimits?: Parameters<typeof authRouter>[1];
}

/** Everything under /admin: sessions, CSRF, sign-in, then the signed-in features. */
export function adminRouter({ db, sessionSecret, publicFeatures = [], features = [], loginLimits }: AdminDeps) {
  const router = Router();
  const { middleware, store } = sessionMiddleware(db, sessionSecret);
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    res.set('X-Frame-Options', 'DENY');
    res.locals.asset = asset;
    next();
  });
  router.use(express.urlencoded({ extended: false, limit: '2mb', parameterLimit: 200 }));
  router.use(express.json({ limit: '2mb' }));
  router.use(middleware);
  router.use(loadUser(db));
  router.use(flashLocals);
  router.use(csrfProtection);
  router.use(authRouter(db, loginLimits));
  for (const feature of publicFeatures) router.use(feature);
  router.use(requireUser);
  router.get('/', (_req, res) => res.redirect(302, '/admin/posts'));
  for (const feature of features) router.use(feature);
  router.use(csrfErrorHandler);
  return { router, store };
}
