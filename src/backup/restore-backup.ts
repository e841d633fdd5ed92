/**
 * `npm run restore -- <archive>`: checks every file of a backup against its manifest, then puts
 * the database and the uploads folder in place, each by a rename, so a restore that fails midway
 * leaves what was there before.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import zlib from 'node:zlib';
import { rootDir } from '../paths.js';
import { fsyncPath, hasEntries, sha256 } from './files.js';
import {
  compareWithManifest,
  DATABASE_PATH,
  isArchivePath,
  MANIFEST_PATH,
  parseManifest,
  type Manifest,
  uploadCount,
} from './manifest.js';
import { checkDatabaseFile, companionFiles, databaseInUse } from './sqlite-snapshot.js';
import { readTar, TarError } from './tar.js';

/** The archive cannot be restored: damaged, not a Byline backup, or its files fail their checksums. */
export class ArchiveError extends Error {}
/** Restoring would replace data that is there, and --force was not given. */
export class RestoreRefused extends Error {}

export interface RestoreOptions {
  archive: string;
  /** Where the database goes (sqlitePath(env.DATABASE_URL)). */
  databaseFile: string;
  /** DATA_DIR: uploads/ is replaced as a whole. */
  dataDir: string;
  /** Replace a database or uploads that are already there. */
  force?: boolean;
}

export interface RestoreResult {
  manifest: Manifest;
  posts: number;
  uploads: number;
  /** Migrations in the backup that this version of Byline does not have (a newer Byline made it). */
  unknownMigrations: string[];
  /** True when an existing database or uploads folder was replaced. */
  replaced: boolean;
}

const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/** Unpacks the archive into `staging`, hashing every file, and checks it all against the manifest. */
async function unpackAndVerify(archive: string, staging: string): Promise<Manifest> {
  const found = new Map<string, { size: number; sha256: string }>();
  let manifestText: string | undefined;
  const gunzip = pipeline(fs.createReadStream(archive), zlib.createGunzip(), () => {});
  try {
    for await (const entry of readTar(gunzip)) {
      if (!isArchivePath(entry.path))
        throw new ArchiveError(
          `it holds ${JSON.stringify(entry.path)}, which is not part of a Byline backup`,
        );
      if (found.has(entry.path) || (entry.path === MANIFEST_PATH && manifestText !== undefined)) {
        throw new ArchiveError(`it holds ${entry.path} twice`);
      }
      if (entry.path === MANIFEST_PATH) {
        if (entry.size > MAX_MANIFEST_BYTES) throw new ArchiveError('its manifest.json is implausibly large');
        const chunks: Buffer[] = [];
        for await (const chunk of entry.body) chunks.push(chunk);
        manifestText = Buffer.concat(chunks).toString('utf8');
        continue;
      }
      const target = path.join(staging, ...entry.path.split('/'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const hash = sha256();
      await pipelineAsync(
        entry.body,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            hash.update(chunk);
            yield chunk;
          }
        },
        fs.createWriteStream(target, { flags: 'wx' }),
      );
      await fsyncPath(target);
      found.set(entry.path, { size: entry.size, sha256: hash.digest('hex') });
    }
  } catch (err) {
    if (err instanceof ArchiveError) throw err;
    if (err instanceof TarError || (err as { code?: string }).code?.startsWith('Z_')) {
      throw new ArchiveError(`it is damaged (${(err as Error).message})`);
    }
    throw err;
  } finally {
    gunzip.destroy();
  }
  if (manifestText === undefined)
    throw new ArchiveError('it has no manifest.json, so it is not a Byline backup');
  const manifest = parseManifest(manifestText);
  if (typeof manifest === 'string') throw new ArchiveError(manifest);
  const problems = compareWithManifest(manifest, found);
  if (problems.length > 0) throw new ArchiveError(`it does not match its manifest: ${problems.join('; ')}`);
  return manifest;
}

function knownMigrations(): Set<string> {
  const dir = path.join(rootDir, 'prisma', 'migrations');
  const entries = fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : [];
  return new Set(entries.filter((e) => e.isDirectory()).map((e) => e.name));
}

/** What is already there and would be replaced. */
function existingData(opts: RestoreOptions): string[] {
  const found: string[] = [];
  if ((fs.statSync(opts.databaseFile, { throwIfNoEntry: false })?.size ?? 0) > 0)
    found.push(`a database at ${opts.databaseFile}`);
  const uploads = path.join(opts.dataDir, 'uploads');
  if (hasEntries(uploads)) found.push(`uploads in ${uploads}`);
  return found;
}

/** Moves a file across file systems if it has to. */
async function moveFile(from: string, to: string): Promise<void> {
  try {
    fs.renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL);
    await fsyncPath(to);
  }
}

/**
 * Verifies the archive, refuses to replace existing data unless `force`, then puts the uploads
 * and the database in place. Throws ArchiveError or RestoreRefused; nothing is changed then.
 */
export async function restoreBackup(opts: RestoreOptions): Promise<RestoreResult> {
  if (!fs.statSync(opts.archive, { throwIfNoEntry: false })?.isFile()) {
    throw new ArchiveError(`there is no file at ${opts.archive}`);
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  // Inside DATA_DIR, so the uploads folder moves into place with one rename.
  const staging = fs.mkdtempSync(path.join(opts.dataDir, '.restore-'));
  try {
    const manifest = await unpackAndVerify(opts.archive, staging);
    const stagedDb = path.join(staging, DATABASE_PATH);
    const check = checkDatabaseFile(stagedDb);
    if (check.problems.length > 0) {
      throw new ArchiveError(
        `its database fails the integrity check: ${check.problems.slice(0, 5).join('; ')}`,
      );
    }

    const existing = existingData(opts);
    if (existing.length > 0 && !opts.force) {
      throw new RestoreRefused(
        `There is already ${existing.join(' and ')}. Restoring would replace them: run again with --force ` +
          '(and take a backup first with `npm run backup` if you may want them back).',
      );
    }

    // Replacing the file under a running server would not reach it (it keeps the old file open),
    // and its WAL would then be written, or deleted, beside the new one.
    if (databaseInUse(opts.databaseFile)) {
      throw new RestoreRefused(
        `${opts.databaseFile} is in use: stop Byline (the server and any command using it), then restore.`,
      );
    }

    // The database is first copied next to its final place (it may live outside DATA_DIR), so
    // what follows is renames only.
    fs.mkdirSync(path.dirname(opts.databaseFile), { recursive: true });
    const incoming = `${opts.databaseFile}.restore-${crypto.randomBytes(4).toString('hex')}`;
    try {
      await moveFile(stagedDb, incoming);
      const stagedUploads = path.join(staging, 'uploads');
      fs.mkdirSync(stagedUploads, { recursive: true });
      const uploads = path.join(opts.dataDir, 'uploads');
      if (fs.existsSync(uploads)) fs.renameSync(uploads, path.join(staging, 'uploads-replaced'));
      fs.renameSync(stagedUploads, uploads);
      // The old file's WAL and shared memory go first: SQLite would replay an old WAL into the new file.
      for (const file of companionFiles(opts.databaseFile)) fs.rmSync(file, { force: true });
      fs.renameSync(incoming, opts.databaseFile);
    } finally {
      fs.rmSync(incoming, { force: true });
    }
    await fsyncPath(path.dirname(opts.databaseFile));
    await fsyncPath(opts.dataDir);

    const known = knownMigrations();
    return {
      manifest,
      posts: check.posts,
      uploads: uploadCount(manifest),
      unknownMigrations: check.migrations.filter((m) => !known.has(m)),
      replaced: existing.length > 0,
    };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
