/**
 * `npm run backup`: the database (an online, consistent copy) and the uploads folder in one
 * timestamped .tar.gz with a manifest of sizes and checksums. Safe while the server runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { bylineVersion, fsyncPath, listFiles, sha256 } from './files.js';
import {
  DATABASE_PATH,
  MANIFEST_PATH,
  UPLOADS_PREFIX,
  type Manifest,
  type ManifestFile,
} from './manifest.js';
import { snapshotDatabase } from './sqlite-snapshot.js';
import { endOfArchive, fileHeader, padding } from './tar.js';

export interface BackupOptions {
  /** The SQLite file (sqlitePath(env.DATABASE_URL)). */
  databaseFile: string;
  /** DATA_DIR: its uploads/ folder goes into the archive. */
  dataDir: string;
  /** Where the archive is written; created when missing. */
  outDir: string;
  /** "manual" by default; "before <migration>" names the archive after it too. */
  reason?: string;
  now?: Date;
}

export interface BackupResult {
  archive: string;
  bytes: number;
  manifest: Manifest;
  /** Uploads deleted after the database was copied: the copy still lists them, the archive lacks their files. */
  vanished: string[];
}

/** `byline-2026-11-25T22-30-00Z.tar.gz`, or `…Z-before-<migration>.tar.gz`; never an existing name. */
export function archiveName(dir: string, now: Date, reason = 'manual'): string {
  const stamp = now.toISOString().slice(0, 19).replace(/:/g, '-') + 'Z';
  const label = reason === 'manual' ? '' : '-' + reason.replace(/[^A-Za-z0-9_]+/g, '-').replace(/^-|-$/g, '');
  for (let n = 1; ; n++) {
    const name = `byline-${stamp}${label}${n > 1 ? `-${n}` : ''}.tar.gz`;
    if (!fs.existsSync(path.join(dir, name))) return path.join(dir, name);
  }
}

interface Source {
  path: string;
  file: string;
}

/** Header, bytes and padding of one file, hashed as it streams; returns false when the file is gone. */
async function* fileEntry(source: Source, listed: ManifestFile[]): AsyncGenerator<Buffer, boolean> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(source.file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  try {
    const stat = await handle.stat();
    yield fileHeader({ path: source.path, size: stat.size, mtime: stat.mtime });
    const hash = sha256();
    let read = 0;
    if (stat.size > 0) {
      for await (const chunk of handle.createReadStream({ start: 0, end: stat.size - 1, autoClose: false })) {
        const buf = chunk as Buffer;
        hash.update(buf);
        read += buf.length;
        yield buf;
      }
    }
    if (read !== stat.size) throw new Error(`${source.file} changed size while it was being backed up`);
    yield padding(stat.size);
    listed.push({ path: source.path, size: stat.size, sha256: hash.digest('hex') });
    return true;
  } finally {
    await handle.close();
  }
}

/** The archive as a stream of tar blocks: every source file, then manifest.json, then the end. */
async function* archiveBlocks(
  sources: Source[],
  manifest: Manifest,
  vanished: string[],
): AsyncGenerator<Buffer> {
  for (const source of sources) {
    const present = yield* fileEntry(source, manifest.files);
    if (!present) vanished.push(source.path);
  }
  const json = Buffer.from(JSON.stringify(manifest, null, 2) + '\n');
  yield fileHeader({ path: MANIFEST_PATH, size: json.length, mtime: new Date(manifest.createdAt) });
  yield json;
  yield padding(json.length);
  yield endOfArchive();
}

export async function createBackup(opts: BackupOptions): Promise<BackupResult> {
  const now = opts.now ?? new Date();
  const reason = opts.reason ?? 'manual';
  // Archives hold password hashes and unpublished drafts: readable by their owner only.
  fs.mkdirSync(opts.outDir, { recursive: true, mode: 0o700 });
  // Beside the archive, so the final rename stays on one file system; dot-named, so it is never
  // mistaken for a backup, and removed whatever happens.
  const work = fs.mkdtempSync(path.join(opts.outDir, '.byline-backup-'));
  try {
    const snapshot = path.join(work, DATABASE_PATH);
    const { migrations } = await snapshotDatabase(opts.databaseFile, snapshot);
    // Uploads are listed after the database is copied: an image uploaded meanwhile is an extra
    // file, never a row whose file is missing (an upload writes its files before its row).
    const uploadsDir = path.join(opts.dataDir, 'uploads');
    const uploads = (await listFiles(uploadsDir)).map((rel) => ({
      path: UPLOADS_PREFIX + rel,
      file: path.join(uploadsDir, ...rel.split('/')),
    }));
    const vanished: string[] = [];
    // Filled in as the files stream by, then written last into the archive.
    const manifest: Manifest = {
      format: 'byline-backup',
      formatVersion: 1,
      bylineVersion: bylineVersion(),
      createdAt: now.toISOString(),
      reason,
      migrations,
      files: [],
    };
    const sources = [{ path: DATABASE_PATH, file: snapshot }, ...uploads];
    const partial = path.join(work, 'archive.tar.gz');
    await pipeline(
      Readable.from(archiveBlocks(sources, manifest, vanished)),
      zlib.createGzip(),
      fs.createWriteStream(partial, { flags: 'wx', mode: 0o600 }),
    );
    await fsyncPath(partial);

    const archive = archiveName(opts.outDir, now, reason);
    fs.renameSync(partial, archive);
    await fsyncPath(opts.outDir);
    return { archive, bytes: fs.statSync(archive).size, manifest, vanished };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
