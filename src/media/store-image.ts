import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db.js';
import { createMedia, findMediaByKey } from '../models/media.js';
import { altFromName, fileStem, isUploadKey, mediaUrl, uploadName } from './names.js';
import { displayFile } from './present.js';
import { processImage } from './process.js';
import { mediaRowOf } from './save-upload.js';
import { removeUpload, uploadsDir, writeUpload } from './storage.js';

/**
 * The folder name of an imported file: the first 32 hex digits of the SHA-256 of its bytes. It has
 * the form of an upload's random key, so the same routes serve it, and the same bytes always get
 * the same key — which is what makes importing a site twice store each image once.
 */
export const contentKey = (bytes: Uint8Array): string =>
  crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 32);

export interface StoredImage {
  key: string;
  /** The URL a post should show: the display variant, as an upload's "Copy Markdown" gives. */
  url: string;
  /** The files stored under the key. */
  files: string[];
  /** False when the key was already in the store and nothing was written. */
  created: boolean;
}

/**
 * Stores bytes as an image under `key` (default: contentKey of the bytes) through the same
 * processing as an upload, or answers the row already stored under that key. Throws ImageRejected
 * when the bytes are not an image Byline takes; nothing is left behind on failure.
 */
export async function storeImageOnce(
  db: Db,
  dataDir: string,
  input: { bytes: Buffer; originalName: string; key?: string },
): Promise<StoredImage> {
  const key = input.key ?? contentKey(input.bytes);
  if (!isUploadKey(key)) throw new Error(`bad upload key ${key}`);
  const existing = await findMediaByKey(db, key);
  const stored = (row: NonNullable<typeof existing>, created: boolean): StoredImage => ({
    key,
    url: mediaUrl(key, displayFile(row)),
    files: row.variants.map((v) => v.file),
    created,
  });
  if (existing) return stored(existing, false);

  const originalName = uploadName(input.originalName);
  const image = await processImage(input.bytes, fileStem(originalName));
  // Files without a row are what an interrupted import leaves; the row is what makes them an upload.
  await fs.rm(path.join(uploadsDir(dataDir), key), { recursive: true, force: true });
  await writeUpload(dataDir, key, image.files);
  try {
    const row = await createMedia(
      db,
      mediaRowOf(image, { key, originalName, bytes: input.bytes.length, alt: altFromName(originalName), uploadedById: null }),
    );
    return stored(row, true);
  } catch (err) {
    // Another import stored the same bytes meanwhile: its files are these files.
    const raced = await findMediaByKey(db, key);
    if (raced) return stored(raced, false);
    await removeUpload(dataDir, key);
    throw err;
  }
}
