import type { Request, RequestHandler } from 'express';
import type { Db } from '../db.js';
import { HttpError } from '../http-error.js';
import { getActiveUser, type SessionUser } from '../models/users.js';
import { can, type Action, type OwnedPost } from './policy.js';

declare module 'express-serve-static-core' {
  interface Request {
    user?: SessionUser;
  }
}

/** Puts the signed-in user on req.user and res.locals.user; a deactivated user's session ends. */
export function loadUser(db: Db): RequestHandler {
  return async (req, res, next) => {
    const id = req.session?.userId;
    if (id) {
      const user = await getActiveUser(db, id);
      if (user) {
        req.user = user;
        res.locals.user = user;
      } else {
        await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
      }
    }
    next();
  };
}

/** Sends anonymous visitors to sign in, remembering where they were going (a path on this site). */
export const requireUser: RequestHandler = (req, res, next) => {
  if (req.user) return next();
  if (req.method !== 'GET') throw new HttpError(401, 'Please sign in again.');
  res.redirect(302, `/admin/login?next=${encodeURIComponent(req.originalUrl)}`);
};

export function userOf(req: Request): SessionUser {
  if (!req.user) throw new HttpError(401, 'Please sign in.');
  return req.user;
}

/** 403 unless the signed-in user may do `action` (on `post`, when given). */
export function authorize(req: Request, action: Action, post?: OwnedPost): void {
  if (!can(userOf(req), action, post)) throw new HttpError(403, 'You do not have permission to do that.');
}

export function requireAction(action: Action): RequestHandler {
  return (req, _res, next) => {
    authorize(req, action);
    next();
  };
}

/** A `next` value is followed after sign-in only when it is a path on this site. */
export function safeNext(raw: unknown, fallback = '/admin/'): string {
  if (typeof raw !== 'string' || raw.length > 2000) return fallback;
  const hasControl = [...raw].some((c) => c.charCodeAt(0) < 0x20);
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\') || hasControl) {
    return fallback;
  }
  return raw;
}
