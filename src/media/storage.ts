import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { isUploadFileName, isUploadKey } from './names.js';

/** Where uploads live: DATA_DIR/uploads/<key>/<file>. */
export const uploadsDir = (dataDir: string) => path.resolve(dataDir, 'uploads');

/** A new folder name: random, so URLs cannot be guessed or collide. */
export const newUploadKey = () => crypto.randomBytes(16).toString('hex');

/**
 * The path of a stored file, or null unless key and file are names Byline could have written —
 * so no request can reach outside the uploads folder.
 */
export function uploadFilePath(dataDir: string, key: string, file: string): string | null {
  if (!isUploadKey(key) || !isUploadFileName(file)) return null;
  const root = uploadsDir(dataDir);
  const full = path.resolve(root, key, file);
  return full.startsWith(root + path.sep) ? full : null;
}

/** Writes an upload's files into a temporary folder, then moves it into place in one step. */
export async function writeUpload(
  dataDir: string,
  key: string,
  files: Array<{ file: string; data: Buffer }>,
) {
  if (!isUploadKey(key)) throw new Error(`bad upload key ${key}`);
  const root = uploadsDir(dataDir);
  const tmp = path.join(root, `.tmp-${key}`);
  await fs.mkdir(tmp, { recursive: true });
  try {
    for (const { file, data } of files) {
      if (!isUploadFileName(file)) throw new Error(`bad upload file name ${file}`);
      await fs.writeFile(path.join(tmp, file), data, { flag: 'wx' });
    }
    await fs.rename(tmp, path.join(root, key));
  } catch (err) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

export async function removeUpload(dataDir: string, key: string): Promise<void> {
  if (!isUploadKey(key)) return;
  await fs.rm(path.join(uploadsDir(dataDir), key), { recursive: true, force: true });
}
