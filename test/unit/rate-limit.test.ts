import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/auth/rate-limit.js';

describe('the fixed-window rate limiter', () => {
  it('when a key goes past its limit, then it is refused until its window ends', () => {
    const limiter = new RateLimiter(2, 60_000);
    expect(limiter.hit('ip:a', 0).allowed).toBe(true);
    expect(limiter.hit('ip:a', 1).allowed).toBe(true);
    const refused = limiter.hit('ip:a', 2);
    expect(refused).toMatchObject({ allowed: false, firstRefused: true, retryAfter: 60 });
    expect(limiter.hit('ip:a', 60_000).allowed).toBe(true);
  });

  it('when more keys arrive than it keeps, then it forgets the oldest windows and stays bounded', () => {
    const limiter = new RateLimiter(1, 60_000, 1_000);
    for (let i = 0; i < 10_000; i++) limiter.hit(`ip:${i}`, 0);
    expect(limiter.size).toBeLessThanOrEqual(1_000);
    expect(limiter.hit('ip:9999', 0).allowed).toBe(false);
  });
});
