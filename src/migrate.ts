/**
 * Brings a SQLite database up to date with prisma/migrations at startup.
 *
 * The common case (nothing pending) is decided here in a few milliseconds by comparing the
 * migration folders with the finished rows of `_prisma_migrations`. Only when something is
 * pending does it run `prisma migrate deploy` (which uses the offline engine shim configured
 * in prisma.config.ts), so that Prisma itself applies and records the migrations.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export interface ApplyMigrationsOptions {
  /** Receives progress lines and the Prisma CLI's output when migrations are applied. */
  log?: (line: string) => void;
  /** Runs with the pending names before anything is applied (start-up backs the database up here). */
  beforeApply?: (pending: string[]) => Promise<unknown>;
}

/** The folder holding package.json above this module: works from src/ and from dist/src/. */
function findRepoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('applyPendingMigrations: no package.json above src/migrate');
    dir = parent;
  }
  return dir;
}

/** `file:./data/blog.db` → absolute path, relative URLs against the working directory (as src/db.ts). */
function sqliteFile(databaseUrl: string): string {
  if (!databaseUrl.startsWith('file:')) throw new Error(`Not a SQLite file: URL: ${databaseUrl}`);
  return path.resolve(databaseUrl.slice('file:'.length).replace(/\?.*$/, ''));
}

/** Migration folder names, in the order Prisma applies them. */
function migrationNames(migrationsDir: string): string[] {
  if (!fs.existsSync(migrationsDir)) return [];
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));
}

/** Names of the migrations recorded as finished (and not rolled back). */
function finishedMigrations(file: string): Set<string> {
  const db = new Database(file);
  try {
    const table = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
      .get();
    if (!table) return new Set();
    const rows = db
      .prepare(
        'SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      )
      .all() as { name: string }[];
    return new Set(rows.map((row) => row.name));
  } finally {
    db.close();
  }
}

function runPrisma(root: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const cli = createRequire(path.join(root, 'package.json')).resolve('prisma/build/index.js');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd: root, env, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`.trim();
        if (error)
          reject(new Error(`prisma ${args.join(' ')} failed (${error.code ?? error.signal}):\n${output}`));
        else resolve(output);
      },
    );
  });
}

/**
 * Applies the migrations under prisma/migrations that the database at `databaseUrl` (a SQLite
 * `file:` URL; relative paths resolve against the working directory) has not finished yet.
 * Creates the database file and its directory when missing. Returns the names applied, in order;
 * [] when the database was already up to date. Throws with the Prisma CLI's output on failure.
 */
export async function applyPendingMigrations(
  databaseUrl: string,
  opts: ApplyMigrationsOptions = {},
): Promise<string[]> {
  const log = opts.log ?? (() => {});
  const root = findRepoRoot();
  const file = sqliteFile(databaseUrl);
  fs.mkdirSync(path.dirname(file), { recursive: true });

  const finished = finishedMigrations(file);
  const pending = migrationNames(path.join(root, 'prisma', 'migrations')).filter(
    (name) => !finished.has(name),
  );
  if (pending.length === 0) return [];
  await opts.beforeApply?.(pending);

  log(`Applying ${pending.length} migration(s) to ${file}: ${pending.join(', ')}`);
  const output = await runPrisma(root, ['migrate', 'deploy'], {
    ...process.env,
    DATABASE_URL: `file:${file}`,
    CHECKPOINT_DISABLE: '1', // no update check: the CLI must not touch the network
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  });
  for (const line of output.split('\n')) if (line.trim()) log(line);

  const nowFinished = finishedMigrations(file);
  const notApplied = pending.filter((name) => !nowFinished.has(name));
  if (notApplied.length > 0) {
    throw new Error(`prisma migrate deploy did not apply ${notApplied.join(', ')}:\n${output}`);
  }
  return pending;
}
