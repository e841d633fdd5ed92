import type { RequestHandler } from 'express';
import type { Db } from '../db.js';
import { findRedirectTarget } from '../models/redirects.js';
import { urlFor } from './present.js';

/** Old paths (Hugo aliases, changed slugs) answer 301 to the post's URL, when it is public. */
export function redirectsHandler(db: Db): RequestHandler {
  return async (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let path: string;
    try {
      path = decodeURI(req.path);
    } catch {
      return next();
    }
    const target = await findRedirectTarget(db, path, new Date());
    if (!target) return next();
    res.redirect(301, urlFor(target));
  };
}
