import type { Request } from 'express';
import type { Db } from '../db.js';
import { recordAudit, type AuditInput } from '../models/audit.js';
import { clearFailedLogins, recordFailedLogin } from '../models/users.js';
import { auditFrom } from './audit.js';
import {
  DEFAULT_BACKOFF,
  MemoryBackoff,
  retryAfterSeconds,
  startedBlock,
  type BackoffPolicy,
} from './backoff.js';
import { verifyPassword } from './password.js';
import { RateLimiter } from './rate-limit.js';
import { createAdmission, type Admission } from '../work/admission.js';

export interface LoginLimits {
  perIp: number;
  perAccount: number;
  windowMs: number;
  /** The per-account exponential back-off kept in the User row (docs/decisions/013). */
  backoff: BackoffPolicy;
}

export const DEFAULT_LIMITS: LoginLimits = {
  perIp: 20,
  perAccount: 8,
  windowMs: 15 * 60_000,
  backoff: DEFAULT_BACKOFF,
};

/** What the guard needs of an account: who it is and its streak of failures (null: no active account). */
export type Account = { id: number; email: string; failedLogins: number; loginBlockedUntil: Date | null };

type What = Pick<AuditInput, 'action' | 'target' | 'summary'>;

/**
 * Every limit on guessing a way in, in one place: fixed windows per address and per email (in
 * memory), and the exponential back-off per account (in the User row, surviving restarts). An
 * email without an account backs off the same way in memory, so the answers never tell the two
 * apart. Failures and blocks go to the audit log.
 */
export class SignInGuard {
  readonly backoff: BackoffPolicy;
  private readonly byIp: RateLimiter;
  private readonly byEmail: RateLimiter;
  private readonly strangers: MemoryBackoff;
  /**
   * bcrypt runs on libuv's four threads, which compression and file reads share, and takes a
   * core for ~0.3 s: a flood of sign-ins from many addresses must not take them all.
   */
  private readonly passwordChecks: Admission = createAdmission({
    what: 'sign-ins',
    concurrency: 1,
    maxQueue: 8,
    retryAfterSeconds: 5,
  });

  constructor(
    private readonly db: Db,
    limits: Partial<LoginLimits> = {},
  ) {
    const { perIp, perAccount, windowMs, backoff } = { ...DEFAULT_LIMITS, ...limits };
    this.backoff = backoff;
    this.byIp = new RateLimiter(perIp, windowMs);
    this.byEmail = new RateLimiter(perAccount, windowMs);
    this.strangers = new MemoryBackoff(backoff);
  }

  /** An audit entry for this request; attempts to sign in have no actor unless one is given. */
  audit(req: Request, what: What, actor: AuditInput['actor'] = null): Promise<void> {
    return recordAudit(this.db, { ...auditFrom(req, what), actor });
  }

  /**
   * Counts a password attempt and says how many seconds it must wait before the password is even
   * looked at (0: go on). A blocked account gets the same answer whether the password is right or not.
   */
  async passwordWait(req: Request, email: string, account: Account | null, now: number): Promise<number> {
    for (const [limiter, key, what] of [
      [this.byIp, `ip:${req.ip}`, 'this address'],
      [this.byEmail, `account:${email}`, 'this account'],
    ] as const) {
      const { allowed, retryAfter, firstRefused } = limiter.hit(key, now);
      if (allowed) continue;
      if (firstRefused)
        await this.audit(req, { action: 'auth.blocked', summary: `Sign-in paused for ${what}: ${email}` });
      return retryAfter;
    }
    return account ? this.accountWait(account, now) : this.strangers.retryAfter(email, now);
  }

  /** Whether `password` matches `hash` (a decoy when null), one check at a time; rejects with BusyError when 8 wait. */
  checkPassword(password: string, hash: string | null): Promise<boolean> {
    return this.passwordChecks.run(() => verifyPassword(password, hash));
  }

  /** Seconds until the account's back-off lets it try again (0: now). */
  accountWait(account: Account, now: number): number {
    return retryAfterSeconds(
      { failures: account.failedLogins, blockedUntil: account.loginBlockedUntil },
      now,
    );
  }

  /** One more failure for this email (and its account, if any), recorded with `what`; a new block is recorded too. */
  async failed(req: Request, email: string, account: Account | null, what: What, now: number): Promise<void> {
    const state = account
      ? await recordFailedLogin(this.db, account.id, now, this.backoff)
      : this.strangers.fail(email, now);
    await this.audit(req, what);
    if (startedBlock(state, this.backoff)) {
      const summary = `${state.failures} failed sign-ins in a row for ${email}`;
      await this.audit(req, { action: 'auth.blocked', target: what.target, summary });
    }
  }

  /** A full sign-in: the account's streak and its window are forgotten. */
  async succeeded(account: { id: number; email: string }): Promise<void> {
    await clearFailedLogins(this.db, account.id);
    this.byEmail.reset(`account:${account.email}`);
  }
}
