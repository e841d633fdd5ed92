import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  backoffDelayMs,
  DEFAULT_BACKOFF,
  MemoryBackoff,
  retryAfterSeconds,
  startedBlock,
  type BackoffState,
} from '../../src/auth/backoff.js';

const T0 = Date.UTC(2026, 0, 1);
const fresh: BackoffState = { failures: 0, blockedUntil: null };

/** The state after `n` failures, each one just as the previous block ended. */
function failTimes(n: number, start = T0): { state: BackoffState; now: number } {
  let state = fresh;
  let now = start;
  for (let i = 0; i < n; i++) {
    now = Math.max(now, state.blockedUntil?.getTime() ?? now);
    state = afterFailure(state, now);
  }
  return { state, now };
}

describe('backoffDelayMs', () => {
  it('when fewer than 5 failures in a row, then there is no delay', () => {
    expect([0, 1, 2, 3, 4].map((n) => backoffDelayMs(n))).toEqual([0, 0, 0, 0, 0]);
  });

  it('when the 5th failure comes, then the delay starts at 1 s and doubles with each one after', () => {
    expect([5, 6, 7, 8, 9].map((n) => backoffDelayMs(n))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  it('when failures keep coming, then the delay stops at 15 minutes, even for absurd counts', () => {
    expect(backoffDelayMs(14)).toBe(512_000);
    expect(backoffDelayMs(15)).toBe(15 * 60_000);
    expect(backoffDelayMs(1_000_000)).toBe(15 * 60_000);
  });

  it('when the policy differs, then its threshold, base and cap apply', () => {
    const policy = { ...DEFAULT_BACKOFF, threshold: 2, baseMs: 100, maxMs: 350 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, policy))).toEqual([0, 100, 200, 350, 350]);
  });
});

describe('afterFailure', () => {
  it('when failures follow each other, then the count grows and the block ends after the delay', () => {
    const { state, now } = failTimes(6);
    expect(state.failures).toBe(6);
    expect(state.blockedUntil!.getTime() - now).toBe(2_000);
  });

  it('when a failure needs no block, then the next attempt is allowed at once', () => {
    const state = afterFailure(fresh, T0);
    expect(state).toEqual({ failures: 1, blockedUntil: new Date(T0) });
    expect(retryAfterSeconds(state, T0)).toBe(0);
  });

  it('when a day passes quietly after the last block, then the streak starts again at 1', () => {
    const { state } = failTimes(8);
    const later = state.blockedUntil!.getTime() + DEFAULT_BACKOFF.forgetAfterMs;
    expect(afterFailure(state, later).failures).toBe(1);
    expect(afterFailure(state, later - 1).failures).toBe(9);
  });

  it('when the 5th failure in a row comes, then it alone is the one that started the block', () => {
    const started = [1, 2, 3, 4, 5, 6, 7].map((n) => startedBlock(failTimes(n).state));
    expect(started).toEqual([false, false, false, false, true, false, false]);
  });
});

describe('retryAfterSeconds', () => {
  it('when blocked, then it is the whole seconds left, rounded up, and 0 once the block is over', () => {
    const state = { failures: 5, blockedUntil: new Date(T0 + 1_500) };
    expect(retryAfterSeconds(state, T0)).toBe(2);
    expect(retryAfterSeconds(state, T0 + 1_499)).toBe(1);
    expect(retryAfterSeconds(state, T0 + 1_500)).toBe(0);
    expect(retryAfterSeconds(fresh, T0)).toBe(0);
  });
});

describe('MemoryBackoff', () => {
  it('when an unknown name fails as often as an account, then it is blocked exactly as long', () => {
    const memory = new MemoryBackoff();
    let state = fresh;
    for (let i = 0; i < 7; i++) {
      const mine = memory.fail('nobody@example.com', T0);
      state = afterFailure(state, T0);
      expect(mine).toEqual(state);
    }
    expect(memory.retryAfter('nobody@example.com', T0)).toBe(retryAfterSeconds(state, T0));
    expect(memory.retryAfter('other@example.com', T0)).toBe(0);
  });

  it('when more names fail than it may hold, then the oldest are forgotten and the newest kept', () => {
    const memory = new MemoryBackoff(DEFAULT_BACKOFF, 3);
    for (const name of ['a', 'b', 'c', 'd']) for (let i = 0; i < 5; i++) memory.fail(name, T0);
    expect(memory.retryAfter('a', T0)).toBe(0);
    expect(memory.retryAfter('d', T0)).toBe(1);
    expect(memory.retryAfter('b', T0)).toBe(1);
  });
});
