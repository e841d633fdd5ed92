/** A least-recently-used map bounded by the bytes its values hold. */
export class ByteLru<V extends { bytes: number }> {
  private map = new Map<string, V>();
  private total = 0;

  constructor(readonly maxBytes: number) {}

  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.map.size;
  }

  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value === undefined) return undefined;
    // A Map iterates in insertion order: re-inserting makes this the most recently used.
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  /** Stores `value`, evicting the least recently used until it fits; false when it never could. */
  set(key: string, value: V): boolean {
    this.delete(key);
    if (value.bytes > this.maxBytes) return false;
    this.map.set(key, value);
    this.total += value.bytes;
    for (const [oldKey, old] of this.map) {
      if (this.total <= this.maxBytes) break;
      this.map.delete(oldKey);
      this.total -= old.bytes;
    }
    return true;
  }

  delete(key: string): void {
    const old = this.map.get(key);
    if (old === undefined) return;
    this.map.delete(key);
    this.total -= old.bytes;
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }
}
