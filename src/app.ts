import fs from 'node:fs';
import compression from 'compression';
import express, { type RequestHandler } from 'express';
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
import { urlLengthLimit } from './http/limits.js';
import { securityHeaders } from './http/security-headers.js';
import { requestLog } from './http/request-log.js';
import { createLogger, type Logger } from './log.js';
import { createRenderPool, type RenderPoolOptions } from './work/render-pool.js';

export interface AppDeps {
  db: Db;
  env: Pick<Env, 'BASE_URL' | 'TRUST_PROXY' | 'NODE_ENV' | 'DATA_DIR'> &
    Partial<Pick<Env, 'UPLOAD_MAX_MB' | 'LOG_LEVEL'>>;
  sessionSecret: string;
  /** Told of every 5xx error besides the log (tests collect them). */
  log?: (err: unknown) => void;
  /** Where request lines and errors go (src/log.ts); by default LOG_LEVEL's, silent under NODE_ENV=test. */
  logger?: Logger;
  /** Sign-in limits; tests lower them. */
  loginLimits?: { perIp: number; perAccount: number; windowMs: number };
  /** The page cache for anonymous readers (docs/decisions/009-page-cache.md); `false` turns it off. */
  pageCache?: PageCacheOptions | false;
  /** The render threads' budget (src/work/render-pool.ts); tests lower it. */
  render?: RenderPoolOptions;
}

/** TRUST_PROXY as Express wants it: a boolean, a hop count, or a list of addresses. */
function trustProxy(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

/**
 * Files under public/, fingerprinted or not. Only paths whose first segment is one of public/'s
 * own entries reach the disk: every other request (pages, admin) would cost a failed stat.
 */
function staticFiles(): RequestHandler {
  const serve = express.static(publicDir, {
    index: false,
    redirect: false,
    maxAge: '1h',
    // asset() adds ?v=<content hash>: such a URL never changes meaning, so it may be kept for a year.
    setHeaders: (res) => {
      if (typeof res.req.query.v === 'string')
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  const tops = new Set(fs.readdirSync(publicDir));
  return (req, res, next) => (tops.has(req.path.split('/')[1] ?? '') ? serve(req, res, next) : next());
}

/** Builds the Express app; never listens (src/server.ts does). */
export function createApp({
  db,
  env,
  sessionSecret,
  log,
  logger,
  loginLimits,
  pageCache = {},
  render,
}: AppDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy(env.TRUST_PROXY));
  app.set('view engine', 'ejs');
  app.set('views', viewsDir);
  app.set('strict routing', true);
  if (env.NODE_ENV === 'production') app.enable('view cache');

  // Before even the page cache: every answer the app gives, from memory too, has a request id and a
  // log line (docs/decisions/014-audit-log-and-logs.md).
  app.use(
    requestLog(
      logger ?? createLogger({ level: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info') }),
    ),
  );
  // First of all: a page in memory is sent before any other middleware runs, with the headers it
  // was first sent with (HSTS, which depends on the request, is added per request).
  const security = securityHeaders(app);
  const cache =
    pageCache === false
      ? null
      : createPageCache(db, { ...pageCache, requestHeaders: security.requestHeaders });
  if (cache) app.use(cache.middleware);
  app.use(security.middleware, urlLengthLimit);
  app.locals.pageCache = cache;
  app.use(compression());
  app.use(healthRouter(db));
  app.use(staticFiles());
  app.use(mediaFilesRouter(env.DATA_DIR));
  app.use(trailingSlash);
  app.use(siteLocals(db, env.BASE_URL));
  const renderer = createRenderPool(render);
  app.locals.renderer = renderer;
  const admin = adminRouter({
    db,
    sessionSecret,
    loginLimits,
    publicFeatures: adminPublicFeatures({ db, dataDir: env.DATA_DIR, renderer }),
    features: adminFeatures({
      db,
      dataDir: env.DATA_DIR,
      maxUploadBytes: (env.UPLOAD_MAX_MB ?? 10) * 1024 * 1024,
      renderer,
    }),
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
