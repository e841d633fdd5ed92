/**
 * How Byline opens SQLite: the pragmas every connection gets, set once when Prisma connects.
 * SQLite only, like search-sqlite.ts; a PostgreSQL deployment would drop this module.
 */
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';

/**
 * - WAL: readers never wait for the writer and a commit appends to the log instead of rewriting
 *   pages. It is a property of the file (it stays on); back up with `sqlite3 blog.db ".backup …"`
 *   or copy blog.db together with blog.db-wal, not blog.db alone.
 * - synchronous=NORMAL: in WAL mode a commit survives a crash of the process; only a power loss
 *   can lose the last commits, never corrupt the file. FULL would fsync on every commit.
 * - busy_timeout: a CLI import or a second process writing at the same time waits, not fails.
 * - foreign_keys: the schema's cascades (tags, redirects, revisions of a deleted post) rely on it.
 *   better-sqlite3 turns it on by default; this makes it explicit.
 * - temp_store=MEMORY: sorts that cannot use an index stay off the disk.
 * - cache_size: 32 MB of pages; the hot indexes and recent rows of a 10,000-post blog fit.
 *   No mmap: mapped pages count towards the process's RSS.
 */
export const SQLITE_PRAGMAS = [
  'journal_mode = WAL',
  'synchronous = NORMAL',
  'busy_timeout = 5000',
  'foreign_keys = ON',
  'temp_store = MEMORY',
  'cache_size = -32000',
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
