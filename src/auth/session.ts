import session from 'express-session';
import type { Db } from '../db.js';
import { PrismaSessionStore } from './session-store.js';

export const SESSION_COOKIE = 'byline.sid';
const TWO_WEEKS = 14 * 86_400_000;

/**
 * Sessions for the admin only (public pages never read or set a cookie). The cookie is HttpOnly,
 * SameSite=Lax, and Secure whenever the request came over HTTPS (honouring `trust proxy`).
 */
export function sessionMiddleware(db: Db, secret: string) {
  const store = new PrismaSessionStore(db);
  const middleware = session({
    name: SESSION_COOKIE,
    secret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: TWO_WEEKS, path: '/' },
  });
  return { middleware, store };
}
