import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { createBackup } from '../backup/create-backup.js';
import { uploadCount } from '../backup/manifest.js';
import { defaultBackupDir } from '../backup/before-migrations.js';
import { runCommand } from '../backup/command.js';
import { formatBytes } from '../backup/files.js';
import { sqlitePath } from '../db.js';
import { dirArgument } from './run.js';

const USAGE = 'Usage: npm run backup [-- --out <directory>]   (default: DATA_DIR/backups)';

function parse(args: string[]): { out?: string } | null {
  try {
    const { values } = parseArgs({ args, options: { out: { type: 'string' } }, strict: true });
    return values;
  } catch {
    return null;
  }
}

/** npm run backup [-- --out <dir>]: the database and uploads, while the server runs, in one archive. */
runCommand(
  async ({ env, args }) => {
    const { out } = parse(args)!;
    const databaseFile = sqlitePath(env.DATABASE_URL);
    if (!fs.existsSync(databaseFile)) {
      console.error(`There is no database at ${databaseFile}: nothing to back up.`);
      return 1;
    }
    const result = await createBackup({
      databaseFile,
      dataDir: env.DATA_DIR,
      outDir: out ? dirArgument(out) : defaultBackupDir(env.DATA_DIR),
    });
    const uploads = uploadCount(result.manifest);
    console.log(`Backup written: ${result.archive}`);
    console.log(
      `${formatBytes(result.bytes)}: the database and ${uploads} uploaded file${uploads === 1 ? '' : 's'}.`,
    );
    if (result.vanished.length > 0) {
      console.log(
        `${result.vanished.length} uploaded file(s) were deleted while the backup ran: the database copy still lists them, the archive does not hold them.`,
      );
    }
    console.log('Restore it with: npm run restore -- <archive>. Keep a copy on another machine.');
    return 0;
  },
  (args) => (parse(args) ? null : USAGE),
);
