import { parseArgs } from 'node:util';
import { runCommand } from '../backup/command.js';
import { uploadCount } from '../backup/manifest.js';
import { ArchiveError, restoreBackup, RestoreRefused } from '../backup/restore-backup.js';
import { sqlitePath } from '../db.js';
import { dirArgument } from './run.js';

const USAGE =
  'Usage: npm run restore -- <archive.tar.gz> [--force]   (--force replaces an existing database and uploads)';

function parse(args: string[]): { archive: string; force: boolean } | null {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { force: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    const [archive, ...rest] = positionals;
    return archive && rest.length === 0 ? { archive, force: values.force ?? false } : null;
  } catch {
    return null;
  }
}

/** npm run restore -- <archive> [--force]: checks a backup, then puts it in DATA_DIR. */
runCommand(
  async ({ env, args }) => {
    const { archive: arg, force } = parse(args)!;
    const archive = dirArgument(arg);
    const databaseFile = sqlitePath(env.DATABASE_URL);
    try {
      const result = await restoreBackup({ archive, databaseFile, dataDir: env.DATA_DIR, force });
      const { createdAt, bylineVersion } = result.manifest;
      const uploads = uploadCount(result.manifest);
      console.log(`Restored ${archive} (made ${createdAt} by Byline ${bylineVersion}):`);
      console.log(`  ${result.posts} posts and pages into ${databaseFile}`);
      console.log(`  ${uploads} uploaded file${uploads === 1 ? '' : 's'} into ${env.DATA_DIR}/uploads`);
      if (result.unknownMigrations.length > 0) {
        console.log(
          `Warning: a newer Byline made this backup (migrations ${result.unknownMigrations.join(', ')} ` +
            'are unknown here); upgrade Byline before starting it.',
        );
      }
      console.log('Start the server again (npm start) to serve the restored blog.');
      console.log('Sessions are not kept in backups: everyone signs in again.');
      return 0;
    } catch (err) {
      if (err instanceof ArchiveError) {
        console.error(`Cannot restore ${archive}: ${err.message}. Nothing was changed.`);
        return 1;
      }
      if (err instanceof RestoreRefused) {
        console.error(err.message);
        return 1;
      }
      throw err;
    }
  },
  (args) => (parse(args) ? null : USAGE),
);
