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

export interface AppDeps {
  db: Db;
  env: Pick<Env, 'BASE_URL' | 'TRUST_PROXY' | 'NODE_ENV'>;
  log?: (err: unknown) => void;
}

/** Builds the Express app; never listens (src/server.ts does). */
export function createApp({ db, env, log = console.error }: AppDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', env.TRUST_PROXY === 'true' ? true : env.TRUST_PROXY === 'false' ? false : env.TRUST_PROXY);
  app.set('view engine', 'ejs');
  app.set('views', viewsDir);
  app.set('strict routing', true);
  if (env.NODE_ENV === 'production') app.enable('view cache');

  app.use(healthRouter(db));
  app.use(express.static(publicDir, { index: false, redirect: false, maxAge: '1h' }));
  app.use(trailingSlash);
  app.use(siteLocals(db, env.BASE_URL));
  app.use(feedsRouter(db));
  app.use(publicRouter(db));
  app.use(redirectsHandler(db));
  app.use(notFoundHandler);
  app.use(errorHandler(log));
  return app;
}
