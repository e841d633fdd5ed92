import type { Request } from 'express';
import type { SessionData } from 'express-session';

declare module 'express-session' {
  interface SessionData {
    /**
     * A sign-in waiting for its second factor: the password was right, but the user is not signed
     * in until a code is. Ends after `expiresAt` or too many wrong codes.
     */
    pendingSignIn?: { userId: number; email: string; next: string; attempts: number; expiresAt: number };
  }
}

/** How long a password stays good for the second step, and how many wrong codes end it. */
export const PENDING_SIGN_IN_MS = 10 * 60_000;
export const MAX_CODE_ATTEMPTS = 5;

const promised = (fn: (cb: (err?: unknown) => void) => void) =>
  new Promise<void>((resolve, reject) => fn((err) => (err ? reject(err) : resolve())));

/** A new session id for this browser (nothing of the old session kept but what `fill` puts back), saved. */
export async function renewSession(
  req: Request,
  fill: (session: Partial<SessionData>) => void,
): Promise<void> {
  await promised((cb) => req.session.regenerate(cb));
  fill(req.session);
  await promised((cb) => req.session.save(cb));
}

/** The pending sign-in of this session, if there is one still valid at `now` (an expired one is dropped). */
export function pendingSignIn(req: Request, now: number): SessionData['pendingSignIn'] {
  const pending = req.session.pendingSignIn;
  if (pending && pending.expiresAt > now) return pending;
  delete req.session.pendingSignIn;
  return undefined;
}

/** "Too many sign-in attempts. Try again in 3 seconds." (or minutes), for a 429. */
export function tooManyAttempts(seconds: number): string {
  const [n, unit] = seconds < 60 ? [seconds, 'second'] : [Math.ceil(seconds / 60), 'minute'];
  return `Too many sign-in attempts. Try again in ${n} ${unit}${n === 1 ? '' : 's'}.`;
}
