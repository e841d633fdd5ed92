import path from 'node:path';
import { sqlitePath } from '../db.js';
import type { Env } from '../env.js';
import { createBackup } from './create-backup.js';
import { databaseHasTables } from './sqlite-snapshot.js';

/** Where `npm run backup` and the automatic backups go unless told otherwise. */
export const defaultBackupDir = (dataDir: string) => path.resolve(dataDir, 'backups');

/**
 * Called at start-up before migrations change the schema: when the database already holds
 * something and `pending` (migration names, in order) is not empty, backs it up into
 * DATA_DIR/backups/byline-<time>-before-<first pending>.tar.gz. Returns the archive's path, or
 * null when there was nothing to keep. Throws if the backup fails, so start-up stops before
 * migrating.
 */
export async function backupBeforeMigrations(
  env: Pick<Env, 'DATA_DIR' | 'DATABASE_URL'>,
  pending: string[],
): Promise<string | null> {
  const first = pending[0];
  if (first === undefined) return null;
  const databaseFile = sqlitePath(env.DATABASE_URL);
  if (!databaseHasTables(databaseFile)) return null;
  const { archive } = await createBackup({
    databaseFile,
    dataDir: env.DATA_DIR,
    outDir: defaultBackupDir(env.DATA_DIR),
    reason: `before ${first}`,
  });
  return archive;
}
