import compression from 'compression';
import express from 'express';
import type { Db } from './db.js';
import type { Env } from './env.js';
import { publicDir, viewsDir } from './paths.js';
import { errorHandler, notFoundHandler } from './routes/errors.js';
import { feedsRouter } from './routes/feeds.js';
import { healthRouter } from './routes/health.js';
import { publicRouter } from './routes/public.js';
import { redirectsHandler } from './routes/redirects.js';
import { siteLocals } from './routes/site-locals.js';
import { trailingSlash } from './routes/trailing-slash.js';
import { adminRouter } from './routes/admin/index.js';
import { adminFeatures, adminPublicFeatures } from './routes/admin/features.js';
import { mediaFilesRouter } from './routes/media-files.js';
import { createPageCache, type PageCacheOptions } from './cache/page-cache.js';

export interface AppDeps {
  db: Db;
  env: Pick<Env, 'BASE_URL' | 'TRUST_PROXY' | 'NODE_ENV' | 'DATA_DIR'> & Partial<Pick<Env, 'UPLOAD_MAX_MB'>>;
  sessionSecret: string;
  log?: (err: unknown) => void;
  /** Sign-in limits; tests lower them. */
  loginLimits?: { perIp: number; perAccount: number; windowMs: number };
  /** The page cache for anonymous readers (docs/decisions/009-page-cache.md); `false` turns it off. */
  pageCache?: PageCacheOptions | false;
}

/** TRUST_PROXY as Express wants it: a boolean, a hop count, or a list of addresses. */
function trustProxy(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** Builds the Express app; never listens (src/server.ts does). */
export function createApp({ db, env, sessionSecret, log = console.error, loginLimits, pageCache = {} }: AppDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy(env.TRUST_PROXY));
  app.set('view engine', 'ejs');
  app.set('views', viewsDir);
  app.set('strict routing', true);
  if (env.NODE_ENV === 'production') app.enable('view cache');

  // First of all: a page in memory is sent before any other middleware runs.
  const cache = pageCache === false ? null : createPageCache(db, pageCache);
  if (cache) app.use(cache.middleware);
  app.locals.pageCache = cache;
  app.use(compression());
  app.use(healthRouter(db));
  app.use(
    express.static(publicDir, {
      index: false,
      redirect: false,
      maxAge: '1h',
      // asset() adds ?v=<content hash>: such a URL never changes meaning, so it may be kept for a year.
      setHeaders: (res) => {
        if (typeof res.req.query.v === 'string') res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  app.use(mediaFilesRouter(env.DATA_DIR));
  app.use(trailingSlash);
  app.use(siteLocals(db, env.BASE_URL));
  const admin = adminRouter({
    db,
    sessionSecret,
    loginLimits,
    publicFeatures: adminPublicFeatures({ db, dataDir: env.DATA_DIR }),
    features: adminFeatures({ db, dataDir: env.DATA_DIR, maxUploadBytes: (env.UPLOAD_MAX_MB ?? 10) * 1024 * 1024 }),
  });
  app.use('/admin', admin.router);
  app.use(feedsRouter(db));
  app.use(publicRouter(db));
  app.use(redirectsHandler(db));
  app.use(notFoundHandler);
  app.use(errorHandler(log));
  app.locals.sessionStore = admin.store;
  return app;
}
