import { contentChangesOf } from '../cache/content-changes.js';

/**
 * Remembers a read until the content changes: any content write in this process (the same feed
 * the page cache listens to) makes the next call read again. Writes by another process (a CLI
 * import into a live database) are not seen here, so nothing is kept longer than `maxAgeMs`.
 * Only for reads that depend on the stored rows alone, never on the clock.
 */
const memos = new WeakMap<object, Map<string, { version: number; at: number; value: Promise<unknown> }>>();

export function memoByContent<T>(db: object, key: string, maxAgeMs: number, read: () => Promise<T>): Promise<T> {
  const changes = contentChangesOf(db);
  if (!changes) return read();
  let byKey = memos.get(db);
  if (!byKey) memos.set(db, (byKey = new Map()));
  const now = Date.now();
  const kept = byKey.get(key);
  if (kept && kept.version === changes.version && now - kept.at < maxAgeMs) return kept.value as Promise<T>;
  const version = changes.version;
  const value = read();
  // A failed read is not kept; a read that overlapped a write is kept under the older version, so it is read again.
  byKey.set(key, { version, at: now, value });
  value.catch(() => {
    if (byKey.get(key)?.value === value) byKey.delete(key);
  });
  if (byKey.size > 1000) byKey.clear();
  return value;
}
