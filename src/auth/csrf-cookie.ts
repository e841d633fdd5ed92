/**
 * CSRF protection for visitors who are not signed in, without storing anything for them: a
 * signed double-submit cookie (docs/decisions/024-sign-in-without-a-stored-session.md). The
 * browser keeps a random value in an HttpOnly cookie; the form carries HMAC(secret, value). A page
 * on another site can send neither: it cannot read the cookie, set it, or sign a value of its
 * own, so it can neither post a form as the visitor nor sign them in to another account.
 */
import crypto from 'node:crypto';
import type { Request, Response } from 'express';

/**
 * Over HTTPS the cookie is `__Host-` prefixed: browsers then accept it only from this host, sent
 * Secure with Path=/, so neither a sibling subdomain nor a plain-HTTP page can plant one.
 */
const cookieName = (req: Request) => (req.secure ? '__Host-byline.csrf' : 'byline.csrf');
/** Long enough to fill in a sign-in form after a pause; a form older than that is refused, then shown again. */
const LIFETIME_MS = 2 * 3_600_000;
/** 32 bytes in base64url: the cookie's random value, and the token (an HMAC-SHA256). */
const VALUE = /^[A-Za-z0-9_-]{43}$/;

/** The cookie's value as this request sent it, when it is one this code could have made. */
function valueOf(req: Request): string | undefined {
  const name = cookieName(req);
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) {
      const value = pair.slice(eq + 1).trim();
      if (VALUE.test(value)) return value;
    }
  }
  return undefined;
}

export interface CookieCsrf {
  /** The token for this browser's forms; sets the cookie first when the browser has none. */
  token(req: Request, res: Response): string;
  /** True when `sent` is the token of the cookie this request carries. */
  isValid(req: Request, sent: unknown): boolean;
}

export function cookieCsrf(secret: string): CookieCsrf {
  // A key of its own, so a token is never a signature that means something elsewhere (a session cookie's).
  const key = crypto.createHmac('sha256', secret).update('byline: anonymous form token').digest();
  const sign = (value: string) => crypto.createHmac('sha256', key).update(value).digest();
  // A value made while answering this request, so that every form on the page carries the same one.
  const minted = new WeakMap<Request, string>();

  return {
    token(req, res) {
      let value = minted.get(req) ?? valueOf(req);
      if (!value) {
        value = crypto.randomBytes(32).toString('base64url');
        const options = {
          httpOnly: true,
          sameSite: 'lax',
          secure: req.secure,
          path: '/',
          maxAge: LIFETIME_MS,
        } as const;
        res.cookie(cookieName(req), value, options);
        minted.set(req, value);
      }
      return sign(value).toString('base64url');
    },
    isValid(req, sent) {
      const value = valueOf(req);
      if (!value || typeof sent !== 'string' || !VALUE.test(sent)) return false;
      return crypto.timingSafeEqual(Buffer.from(sent, 'base64url'), sign(value));
    },
  };
}
