/** File-system helpers shared by backup and restore: walking uploads, hashing, durable writes. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { rootDir } from '../paths.js';

/**
 * Regular files under `dir`, as sorted '/'-separated paths relative to it. Names starting with a
 * dot (an upload still being written, `.tmp-<key>`) and symbolic links are left out.
 */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(path.join(dir, rel), { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) out.push(child);
    }
  };
  await walk('');
  return out.sort();
}

export const sha256 = () => crypto.createHash('sha256');

/** Flushes a file (or a directory's entries) to the disk, so a rename that follows survives a crash. */
export async function fsyncPath(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r');
  try {
    await handle.sync();
  } catch (err) {
    // Some file systems refuse fsync on a directory; the data files themselves were synced.
    if (!['EINVAL', 'EISDIR', 'EPERM'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    await handle.close();
  }
}

/** True when `dir` exists and holds anything. */
export function hasEntries(dir: string): boolean {
  try {
    return fs.readdirSync(dir).length > 0;
  } catch {
    return false;
  }
}

let version: string | undefined;
/** Byline's version, from package.json. */
export function bylineVersion(): string {
  version ??= (JSON.parse(fs.readFileSync(path.join(rootDir, 'package.json'), 'utf8')) as { version: string })
    .version;
  return version;
}

/** "1.4 MB" */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}
