/** A small seeded random source, so every bench run writes the same blog and runs compare. */
export interface Random {
  /** A float in [0, 1). */
  next: () => number;
  /** An integer in [min, max]. */
  int: (min: number, max: number) => number;
  /** True with probability p. */
  chance: (p: number) => boolean;
  pick: <T>(items: readonly T[]) => T;
  /** An index in [0, n) where index k is about 1/(k+1) as likely as index 0 (Zipf, s = 1). */
  zipf: (n: number) => number;
}

/** mulberry32: tiny, fast and good enough for test data. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const zipfTables = new Map<number, Float64Array>();
  const zipfTable = (n: number) => {
    let table = zipfTables.get(n);
    if (!table) {
      table = new Float64Array(n);
      let sum = 0;
      for (let k = 0; k < n; k++) table[k] = sum += 1 / (k + 1);
      for (let k = 0; k < n; k++) table[k]! /= sum;
      zipfTables.set(n, table);
    }
    return table;
  };
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    zipf: (n) => {
      const table = zipfTable(n);
      const u = next();
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (table[mid]! < u) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
  };
  return random;
}
