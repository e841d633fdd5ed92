import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Db } from '../../db.js';
import { verifyPassword } from '../../auth/password.js';
import { RateLimiter } from '../../auth/rate-limit.js';
import { safeNext } from '../../auth/guards.js';
import { findUserForLogin, normalizeEmail } from '../../models/users.js';

const loginSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email.').max(254, 'That email is too long.'),
  password: z.string().min(1, 'Enter your password.').max(1000, 'That password is too long.'),
  next: z.string().optional(),
});

const WRONG = 'Email or password is incorrect.';

/** Sign-in and sign-out. Sign-in is limited per IP and per account; the session is renewed on success. */
export function authRouter(db: Db, limits = { perIp: 20, perAccount: 8, windowMs: 15 * 60_000 }): Router {
  const router = Router();
  const byIp = new RateLimiter(limits.perIp, limits.windowMs);
  const byAccount = new RateLimiter(limits.perAccount, limits.windowMs);

  function renderLogin(res: Response, status: number, values: { email: string; next: string }, errors: Record<string, string>) {
    res.status(status).render('admin/login', { values, errors, page: { title: 'Sign in' } });
  }

  router.get('/login', (req, res) => {
    const next = safeNext(req.query.next);
    if (req.user) return res.redirect(302, next);
    renderLogin(res, 200, { email: '', next }, {});
  });

  router.post('/login', async (req: Request, res: Response) => {
    const parsed = loginSchema.safeParse(req.body);
    const values = { email: String(req.body?.email ?? ''), next: safeNext(req.body?.next) };
    if (!parsed.success) {
      const errors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
      return renderLogin(res, 400, values, errors);
    }
    const email = normalizeEmail(parsed.data.email);
    for (const [limiter, key] of [
      [byIp, `ip:${req.ip}`],
      [byAccount, `account:${email}`],
    ] as const) {
      const { allowed, retryAfter } = limiter.hit(key);
      if (!allowed) {
        res.set('Retry-After', String(retryAfter));
        return renderLogin(res, 429, values, {
          form: `Too many sign-in attempts. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`,
        });
      }
    }
    const user = await findUserForLogin(db, email);
    const ok = await verifyPassword(parsed.data.password, user?.active ? user.passwordHash : null);
    if (!ok || !user) return renderLogin(res, 401, values, { form: WRONG });
    byAccount.reset(`account:${email}`);
    await new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
    req.session.userId = user.id;
    await new Promise<void>((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
    res.redirect(303, values.next);
  });

  router.post('/logout', async (req, res) => {
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.clearCookie('byline.sid', { path: '/' });
    res.redirect(303, '/admin/login');
  });

  return router;
}
