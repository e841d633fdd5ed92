/**
 * A second, read-only connection to the database file for the few reads every admin request
 * makes (its session, its user, the post list), as prepared statements kept for the life of the
 * process. Through Prisma each such read costs a query compilation, a fresh `prepare` and a
 * row conversion — together more than the page around them (docs/decisions/019-admin-reads.md).
 *
 * WAL lets this connection read beside Prisma's: it sees every committed write at once and never
 * a transaction still open on the other connection. It is opened on first use (after migrations
 * have run) and closed with the client. SQLite only, like search-sqlite.ts.
 */
import Database from 'better-sqlite3';

type Statement = Database.Statement<unknown[], unknown>;

export class SqliteReader {
  private conn: Database.Database | null = null;
  private readonly statements = new Map<string, Statement>();

  /** `onStatement` hears each statement as it runs (the query-count test counts them). */
  constructor(
    private readonly file: string,
    private readonly onStatement?: (sql: string) => void,
  ) {}

  private connection(): Database.Database {
    if (!this.conn) {
      const conn = new Database(this.file, { fileMustExist: true });
      conn.pragma('busy_timeout = 5000');
      // Nothing written through this connection, ever: writes go through Prisma and its watch.
      conn.pragma('query_only = ON');
      this.conn = conn;
    }
    return this.conn;
  }

  private statement(sql: string): Statement {
    this.onStatement?.(sql);
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.connection().prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** The first row `sql` returns, or undefined. */
  get<T>(sql: string, params: unknown[]): T | undefined {
    return this.statement(sql).get(...params) as T | undefined;
  }

  all<T>(sql: string, params: unknown[]): T[] {
    return this.statement(sql).all(...params) as T[];
  }

  close(): void {
    this.statements.clear();
    this.conn?.close();
    this.conn = null;
  }
}

/** A property of the client (so a Proxy around it still has it), not an entry in a side table. */
const READER = Symbol('byline.reader');

/**
 * Gives `db` a read connection to `file`, closed when `db` disconnects. createDb (src/db.ts) does
 * this for every client it makes.
 */
export function attachReader(
  db: { $disconnect(): Promise<void> },
  file: string,
  onStatement?: (sql: string) => void,
): SqliteReader {
  const reader = new SqliteReader(file, onStatement);
  const disconnect = db.$disconnect.bind(db);
  Object.defineProperty(db, READER, { value: reader });
  Object.defineProperty(db, '$disconnect', {
    value: () => {
      reader.close();
      return disconnect();
    },
  });
  return reader;
}

/** The read connection attached to `db`. */
export function readerOf(db: object): SqliteReader {
  const reader = (db as { [READER]?: SqliteReader })[READER];
  if (!reader) throw new Error('This database client has no read connection: make it with createDb.');
  return reader;
}

/** A date as the adapter stores DateTime columns (ISO 8601, +00:00), so text comparison orders by time. */
export const sqlDate = (date: Date): string => date.toISOString().replace('Z', '+00:00');

/** A stored DateTime column back as a Date. */
export function dateOf(value: string): Date;
export function dateOf(value: string | null): Date | null;
export function dateOf(value: string | null): Date | null {
  return value === null ? null : new Date(value);
}
