/**
 * The SQLite-specific half of backups (like src/models/search-sqlite.ts for search): a consistent
 * copy of a live database through SQLite's online backup API, and the checks a copy must pass.
 * It opens the file with better-sqlite3 directly, beside the server's own connection.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';

export interface SnapshotInfo {
  /** Migrations the copy had finished, in the order they were applied. */
  migrations: string[];
}

function finishedMigrations(db: Database.Database): string[] {
  const table = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
    .get();
  if (!table) return [];
  const rows = db
    .prepare(
      `SELECT migration_name AS name FROM _prisma_migrations
       WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY finished_at, migration_name`,
    )
    .all() as { name: string }[];
  return rows.map((row) => row.name);
}

function integrityProblems(db: Database.Database): string[] {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  return rows.map((row) => row.integrity_check).filter((line) => line !== 'ok');
}

/**
 * Copies the database at `source` (which may be in use, in WAL mode or not) to `dest`, a new file,
 * as it stood at one moment. The copy is then made self-contained and clean: rollback journal
 * instead of WAL, signed-in sessions removed (an archive must not carry live credentials), VACUUMed
 * so deleted rows leave no trace, and checked with `PRAGMA integrity_check`.
 */
export async function snapshotDatabase(source: string, dest: string): Promise<SnapshotInfo> {
  const live = new Database(source, { fileMustExist: true });
  try {
    live.pragma('busy_timeout = 5000');
    // All pages in one step, so one read transaction covers the whole copy: stepping a few pages at
    // a time restarts whenever another connection writes, and a busy blog could starve it.
    // (better-sqlite3's first step copies nothing; the callback sets the size of the next ones.)
    await live.backup(dest, { progress: () => 0x7fffffff });
  } finally {
    live.close();
  }

  const copy = new Database(dest, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const hasSessions = copy
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'Session'")
      .get();
    if (hasSessions) copy.exec('DELETE FROM "Session"');
    copy.exec('VACUUM');
    const problems = integrityProblems(copy);
    if (problems.length > 0)
      throw new Error(`The copy of ${source} failed its integrity check: ${problems.join('; ')}`);
    return { migrations: finishedMigrations(copy) };
  } finally {
    copy.close();
  }
}

export interface DatabaseCheck {
  /** What `PRAGMA integrity_check` found; [] when the file is sound. */
  problems: string[];
  migrations: string[];
  /** Posts and pages in it. */
  posts: number;
}

/** Opens a database file read-only and checks it. */
export function checkDatabaseFile(file: string): DatabaseCheck {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    return { problems: [`it cannot be opened: ${(err as Error).message}`], migrations: [], posts: 0 };
  }
  try {
    const problems = integrityProblems(db);
    if (problems.length > 0) return { problems, migrations: [], posts: 0 };
    const hasPosts = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'Post'").get();
    const posts = hasPosts ? (db.prepare('SELECT count(*) AS n FROM "Post"').get() as { n: number }).n : 0;
    return { problems, migrations: finishedMigrations(db), posts };
  } catch (err) {
    return { problems: [(err as Error).message], migrations: [], posts: 0 };
  } finally {
    db.close();
  }
}

/** True when `file` is a SQLite database with at least one table: something worth backing up. */
export function databaseHasTables(file: string): boolean {
  if ((fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0) === 0) return false;
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").get() !== undefined;
  } finally {
    db.close();
  }
}

/** The files SQLite keeps beside a database: they belong to it and must go when it is replaced. */
export const companionFiles = (file: string): string[] => ['-wal', '-shm', '-journal'].map((s) => file + s);

/**
 * True when another connection has the database open — a running server in WAL mode always does.
 * Asking for an exclusive lock without waiting answers that; a database in rollback-journal mode
 * that is open but idle holds no lock and answers false.
 */
export function databaseInUse(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 0 });
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return false;
  } catch (err) {
    return ['SQLITE_BUSY', 'SQLITE_LOCKED'].includes((err as { code?: string }).code ?? '');
  } finally {
    db?.close();
  }
}
