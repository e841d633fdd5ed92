import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPendingMigrations } from '../../src/migrate.js';

const execFileAsync = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
const migrationNames = fs
  .readdirSync(path.join(repoRoot, 'prisma', 'migrations'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort((a, b) => a.localeCompare(b));

const tempDirs: string[] = [];
/** A database path that does not exist yet, in a directory that does not exist yet either. */
function freshDatabaseFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-migrate-'));
  tempDirs.push(dir);
  return path.join(dir, 'nested', 'blog.db');
}

function tableNames(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    return rows.map((row) => row.name);
  } finally {
    db.close();
  }
}

afterEach(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('applyPendingMigrations and the offline Prisma CLI', () => {
  it('when a fresh database is migrated, then every migration is applied, the tables exist and a second call applies nothing, fast', async () => {
    const file = freshDatabaseFile();
    const lines: string[] = [];

    const applied = await applyPendingMigrations(`file:${file}`, { log: (line) => lines.push(line) });

    expect(migrationNames.length).toBeGreaterThan(0);
    expect(applied).toEqual(migrationNames);
    expect(lines.join('\n')).toContain('All migrations have been successfully applied');
    expect(tableNames(file)).toEqual(expect.arrayContaining(['Post', 'Tag', 'User', '_prisma_migrations']));

    const started = performance.now();
    const second = await applyPendingMigrations(`file:${file}`);
    const elapsedMs = performance.now() - started;
    expect(second).toEqual([]);
    expect(elapsedMs).toBeLessThan(250); // no Prisma CLI was spawned
  });

  it('when prisma migrate status runs on a migrated database, then it reports the schema up to date', async () => {
    const file = freshDatabaseFile();
    await applyPendingMigrations(`file:${file}`);

    const { stdout } = await execFileAsync(process.execPath, [prismaCli, 'migrate', 'status'], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: `file:${file}`, CHECKPOINT_DISABLE: '1' },
    });

    expect(stdout).toContain(`${migrationNames.length} migration`);
    expect(stdout).toContain('Database schema is up to date!');
  });
});
