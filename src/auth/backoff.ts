/**
 * Per-account exponential back-off for sign-in (docs/decisions/013-sign-in-back-off-and-two-factor.md).
 * The first few failures in a row cost nothing; the one that reaches the threshold blocks the account
 * briefly, and each further failure blocks it twice as long as the one before, up to a cap. A
 * streak is forgotten after a quiet day.
 */

export interface BackoffPolicy {
  /** The failure in a row that starts the first block. */
  threshold: number;
  /** The first block. */
  baseMs: number;
  /** The longest block. */
  maxMs: number;
  /** A streak ends when this long has passed since its last block ended. */
  forgetAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  threshold: 5,
  baseMs: 1_000,
  maxMs: 15 * 60_000,
  forgetAfterMs: 24 * 3_600_000,
};

/** A streak of failures and the moment the next attempt is allowed (the User row's two fields). */
export interface BackoffState {
  failures: number;
  blockedUntil: Date | null;
}

/** How long an account is blocked after `failures` failures in a row: 0, …, 0, 1 s, 2 s, 4 s … max. */
export function backoffDelayMs(failures: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const over = failures - policy.threshold;
  if (over < 0) return 0;
  // 2 ** 40 already dwarfs any sensible cap; the bound keeps the number finite.
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(over, 40));
}

/**
 * The state after one more failure at `now`. The stored moment doubles as the time of the last
 * failure when no block applies, so a streak that went quiet for `forgetAfterMs` starts again at 1.
 */
export function afterFailure(
  state: BackoffState,
  now: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): BackoffState {
  const quiet = state.blockedUntil !== null && now - state.blockedUntil.getTime() >= policy.forgetAfterMs;
  const failures = (quiet ? 0 : state.failures) + 1;
  return { failures, blockedUntil: new Date(now + backoffDelayMs(failures, policy)) };
}

/** Whole seconds until the next attempt is allowed; 0 when it is allowed now. */
export function retryAfterSeconds(state: BackoffState, now: number): number {
  if (!state.blockedUntil) return 0;
  const ms = state.blockedUntil.getTime() - now;
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/** Whether this failure is the one that started the streak's first block. */
export function startedBlock(state: BackoffState, policy: BackoffPolicy = DEFAULT_BACKOFF): boolean {
  return state.failures === policy.threshold;
}

/**
 * The same back-off for names that have no account (unknown emails), kept in memory only, so that
 * an unknown email is answered exactly as a known one while nothing about it is stored. Bounded:
 * past `maxEntries` the oldest streaks are dropped.
 */
export class MemoryBackoff {
  private readonly states = new Map<string, BackoffState>();

  constructor(
    private readonly policy: BackoffPolicy = DEFAULT_BACKOFF,
    private readonly maxEntries = 10_000,
  ) {}

  retryAfter(key: string, now: number): number {
    const state = this.states.get(key);
    return state ? retryAfterSeconds(state, now) : 0;
  }

  fail(key: string, now: number): BackoffState {
    const state = afterFailure(this.states.get(key) ?? { failures: 0, blockedUntil: null }, now, this.policy);
    this.states.delete(key);
    this.states.set(key, state);
    if (this.states.size > this.maxEntries) this.prune(now);
    return state;
  }

  private prune(now: number): void {
    for (const [key, state] of this.states) {
      if (state.blockedUntil && now - state.blockedUntil.getTime() >= this.policy.forgetAfterMs)
        this.states.delete(key);
    }
    // Still too many (a flood of distinct names): drop the oldest, which Map keeps first.
    for (const key of this.states.keys()) {
      if (this.states.size <= this.maxEntries) break;
      this.states.delete(key);
    }
  }
}
