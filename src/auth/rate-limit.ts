/**
 * A fixed-window counter kept in memory: enough for one process. `hit` counts an attempt and says
 * whether it is allowed, and if not, how many seconds until it is; `firstRefused` marks the first
 * refusal of a window (worth one audit entry, where every later one would only flood the log).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  hit(key: string, now = Date.now()): { allowed: boolean; retryAfter: number; firstRefused: boolean } {
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, w);
    }
    w.count++;
    if (this.windows.size > 10_000) this.prune(now);
    return {
      allowed: w.count <= this.limit,
      retryAfter: Math.ceil((w.resetAt - now) / 1000),
      firstRefused: w.count === this.limit + 1,
    };
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private prune(now: number): void {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }
}
