import { describe, expect, it } from 'vitest';
import { ByteLru } from '../../src/cache/lru.js';

const item = (bytes: number) => ({ bytes });

describe('ByteLru', () => {
  it('when more is stored than it may hold, then the least recently used go first and the bound holds', () => {
    const lru = new ByteLru<{ bytes: number }>(100);
    lru.set('a', item(40));
    lru.set('b', item(40));
    lru.get('a');
    lru.set('c', item(40));
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBeDefined();
    expect(lru.get('c')).toBeDefined();
    expect(lru.bytes).toBe(80);
  });

  it('when a value is larger than the whole bound, then it is refused and nothing is evicted', () => {
    const lru = new ByteLru<{ bytes: number }>(100);
    lru.set('a', item(60));
    expect(lru.set('huge', item(101))).toBe(false);
    expect(lru.get('a')).toBeDefined();
    expect(lru.bytes).toBe(60);
  });

  it('when a key is stored again, then its old size is given back', () => {
    const lru = new ByteLru<{ bytes: number }>(100);
    lru.set('a', item(60));
    lru.set('a', item(30));
    expect(lru.bytes).toBe(30);
    expect(lru.size).toBe(1);
  });

  it('when cleared, then it is empty', () => {
    const lru = new ByteLru<{ bytes: number }>(100);
    lru.set('a', item(60));
    lru.clear();
    expect([lru.size, lru.bytes, lru.get('a')]).toEqual([0, 0, undefined]);
  });
});
