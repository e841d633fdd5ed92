import type { RequestHandler } from 'express';
import { notFound } from '../http-error.js';

const EXEMPT = /^\/(healthz|admin)(\/|$)/;

/**
 * Hugo's URLs end in a slash: `/posts/x` answers 301 to `/posts/x/` (query kept).
 * Paths starting with `//` or holding a backslash are refused so no redirect leaves the site.
 */
export const trailingSlash: RequestHandler = (req, res, next) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return next();
  const path = req.path;
  if (path.startsWith('//') || path.includes('\\')) return next(notFound());
  if (path.endsWith('/') || EXEMPT.test(path) || /\.[^/]*$/.test(path)) return next();
  const q = req.originalUrl.indexOf('?');
  const search = q >= 0 ? req.originalUrl.slice(q) : '';
  res.redirect(301, `${path}/${search}`);
};
