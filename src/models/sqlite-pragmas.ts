/**
 * How Byline opens SQLite: the pragmas every connection gets, set once when Prisma connects.
 * SQLite only, like search-sqlite.ts; a PostgreSQL deployment would drop this module.
 */
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';

/**
 * - WAL: readers never wait for the writer and a commit appends to the log instead of rewriting
 *   pages. It is a property of the file (it stays on); `npm run backup` copies it safely, a copy
 *   of blog.db alone is not a backup (docs/decisions/010-backups.md).
 * - synchronous=FULL: a commit is fsynced before it returns, so an acknowledged save survives a
 *   power cut, not only a crash of the process (docs/decisions/011-durability.md). It costs one
 *   fsync per transaction; an import commits once per batch of posts, not once per post.
 * - busy_timeout: a CLI import or a second process writing at the same time waits, not fails.
 * - foreign_keys: the schema's cascades (tags, redirects, revisions of a deleted post) rely on it.
 *   better-sqlite3 turns it on by default; this makes it explicit.
 * - temp_store=MEMORY: the few sorts that cannot use an index stay off the disk.
 * - cache_size: 8 MB of pages. The lists read small covering indexes (a few MB at 10,000 posts)
 *   and the rest comes from the OS's file cache just as fast; a bigger cache only grew the RSS
 *   (32 MB measured no faster on lists or search, and 30 MB heavier). No mmap, for the same reason.
 */
export const SQLITE_PRAGMAS = [
  'journal_mode = WAL',
  'synchronous = FULL',
  'busy_timeout = 5000',
  'foreign_keys = ON',
  'temp_store = MEMORY',
  'cache_size = -8000',
] as const;

export const pragmaScript = SQLITE_PRAGMAS.map((p) => `PRAGMA ${p};`).join('\n');

/**
 * Wraps a driver adapter factory so that every connection it opens runs SQLITE_PRAGMAS first.
 * Prisma opens the connection lazily and again after `$disconnect()`; per-connection pragmas
 * (synchronous, busy_timeout, foreign_keys …) must be set each time, not once after start-up.
 */
export function withSqlitePragmas<F extends SqlDriverAdapterFactory>(factory: F): F {
  const connect = async (): Promise<SqlDriverAdapter> => {
    const adapter = await factory.connect();
    await adapter.executeScript(pragmaScript);
    return adapter;
  };
  return new Proxy(factory, {
    get(target, key, receiver) {
      if (key === 'connect') return connect;
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
