/**
 * Tells the page cache when the content may have changed, from the lowest place every write goes
 * through: the driver adapter between Prisma and SQLite. Model functions, nested writes, batch and
 * interactive transactions, raw SQL (the search index) — all end up as SQL statements here, so no
 * new model function can forget to invalidate.
 *
 * Inside a transaction a content write is announced twice: as the statement starts (the single
 * connection lets other requests read the uncommitted rows meanwhile), and again when the
 * transaction commits or rolls back — so a page rendered from rows of an unfinished transaction
 * is dropped either way. Outside a transaction the statement commits on its own and is announced
 * once it has run.
 *
 * Writes from another process (a CLI import into a live database) do not pass through here;
 * `pollOtherProcesses` notices them from SQLite's `PRAGMA data_version`.
 */
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils';
import { isContentWrite } from './sql-writes.js';

type Listener = () => void;

export class ContentChanges {
  /** Counts announced content writes. */
  version = 0;
  private listeners = new Set<Listener>();
  private adapter: SqlDriverAdapter | null = null;
  private dataVersion: unknown = null;

  /** Calls `listener` (synchronously) after every content write; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  announce(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }

  /** The connection Prisma opened (again after `$disconnect()`), for `pollOtherProcesses`. */
  attach(adapter: SqlDriverAdapter): void {
    this.adapter = adapter;
    this.dataVersion = null;
  }

  /**
   * Announces a change when another process committed to the database file since the last poll.
   * SQLite's data_version moves only for other connections' commits, never for this one's.
   */
  async pollOtherProcesses(): Promise<void> {
    const adapter = this.adapter;
    if (!adapter) return;
    try {
      const result = await adapter.queryRaw({ sql: 'PRAGMA data_version', args: [], argTypes: [] });
      const value = String(result.rows[0]?.[0]);
      if (adapter !== this.adapter) return;
      if (this.dataVersion !== null && value !== this.dataVersion) this.announce();
      this.dataVersion = value;
    } catch {
      // A closed connection (after $disconnect) has nothing to report; Prisma reconnects on use.
    }
  }
}

type Queryable = Pick<SqlDriverAdapter, 'queryRaw' | 'executeRaw'>;

/** Runs every statement of `target` through `onStatement` first. */
function watchStatements<T extends Queryable>(target: T, onStatement: (sql: string) => (() => void) | void): T {
  const queryRaw = target.queryRaw.bind(target);
  const executeRaw = target.executeRaw.bind(target);
  return Object.assign(target, {
    queryRaw: async (query: SqlQuery) => {
      const after = onStatement(query.sql);
      try {
        return await queryRaw(query);
      } finally {
        after?.();
      }
    },
    executeRaw: async (query: SqlQuery) => {
      const after = onStatement(query.sql);
      try {
        return await executeRaw(query);
      } finally {
        after?.();
      }
    },
  });
}

function watchTransaction(tx: Transaction, changes: ContentChanges): Transaction {
  // Any content write while the transaction is open counts, even one made outside it: on this
  // single connection such a write joins the open transaction and shares its fate.
  const startVersion = changes.version;
  watchStatements(tx, (sql) => {
    if (isContentWrite(sql)) changes.announce();
  });
  const commit = tx.commit.bind(tx);
  const rollback = tx.rollback.bind(tx);
  const ended = (end: () => Promise<void>) => async () => {
    try {
      await end();
    } finally {
      if (changes.version !== startVersion) changes.announce();
    }
  };
  return Object.assign(tx, { commit: ended(commit), rollback: ended(rollback) });
}

function watchAdapter(adapter: SqlDriverAdapter, changes: ContentChanges): SqlDriverAdapter {
  watchStatements(adapter, (sql) => (isContentWrite(sql) ? () => changes.announce() : undefined));
  const startTransaction = adapter.startTransaction.bind(adapter);
  const executeScript = adapter.executeScript.bind(adapter);
  changes.attach(adapter);
  return Object.assign(adapter, {
    startTransaction: async (...args: Parameters<SqlDriverAdapter['startTransaction']>) =>
      watchTransaction(await startTransaction(...args), changes),
    executeScript: async (script: string) => {
      try {
        await executeScript(script);
      } finally {
        changes.announce();
      }
    },
  });
}

/** Wraps a driver adapter factory so that every connection it opens reports content writes to `changes`. */
export function watchContentWrites<F extends SqlDriverAdapterFactory>(factory: F, changes: ContentChanges): F {
  const connect = async () => watchAdapter(await factory.connect(), changes);
  return new Proxy(factory, {
    get(target, key, receiver) {
      if (key === 'connect') return connect;
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const registry = new WeakMap<object, ContentChanges>();

/** Records that `db`'s writes are reported to `changes` (src/db.ts does this for every client it makes). */
export function registerContentChanges(db: object, changes: ContentChanges): void {
  registry.set(db, changes);
}

/** The change feed of a client made by createDb, or undefined (then nothing may be cached). */
export function contentChangesOf(db: object): ContentChanges | undefined {
  return registry.get(db);
}
