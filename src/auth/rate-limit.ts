/**
 * A fixed-window counter kept in memory: enough for one process. `hit` counts an attempt and says
 * whether it is allowed, and if not, how many seconds until it is; `firstRefused` marks the first
 * refusal of a window (worth one audit entry, where every later one would only flood the log).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  /**
   * At most `maxKeys` windows are kept (~200 bytes each): addresses and emails come from anyone,
   * and an IPv6 network alone has more addresses than the heap has bytes.
   */
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 50_000,
  ) {}

  hit(key: string, now = Date.now()): { allowed: boolean; retryAfter: number; firstRefused: boolean } {
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      this.windows.delete(key);
      w = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, w);
      if (this.windows.size > this.maxKeys) this.prune(now);
    }
    w.count++;
    return {
      allowed: w.count <= this.limit,
      retryAfter: Math.ceil((w.resetAt - now) / 1000),
      firstRefused: w.count === this.limit + 1,
    };
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  /** How many windows are kept (for tests). */
  get size(): number {
    return this.windows.size;
  }

  /**
   * Drops ended windows, then the oldest (Map keeps them in the order they began) down to 90%, so
   * the next prune is 10% of maxKeys away: a flood of new keys costs O(1) each, not a scan each.
   */
  private prune(now: number): void {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
    for (const k of this.windows.keys()) {
      if (this.windows.size <= this.maxKeys * 0.9) break;
      this.windows.delete(k);
    }
  }
}
