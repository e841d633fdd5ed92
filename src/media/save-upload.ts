import type { Db } from '../db.js';
import { createMedia, type NewMedia } from '../models/media.js';
import { altFromName, fileStem, markdownImage, mediaUrl, uploadName } from './names.js';
import { processImage, type ProcessedImage } from './process.js';
import { newUploadKey, removeUpload, writeUpload } from './storage.js';

export interface UploadInput {
  bytes: Buffer;
  originalName: string;
  alt: string;
  uploadedById: number;
}

/** The Media row of a processed image stored under `key` (an upload's or an import's). */
export function mediaRowOf(
  image: ProcessedImage,
  row: { key: string; originalName: string; bytes: number; alt: string; uploadedById: number | null },
): NewMedia {
  return {
    ...row,
    mimeType: image.mimeType,
    width: image.width,
    height: image.height,
    variants: image.files.map(({ file, width, height, mimeType, data }) => ({
      file,
      width,
      height,
      mimeType,
      bytes: data.length,
    })),
  };
}

/**
 * Turns uploaded bytes into stored files and a Media row. Throws ImageRejected (from
 * processImage) when the bytes are not an image Byline takes or are over its budget, BusyError
 * when too many images wait; nothing is left behind on failure.
 */
export async function saveUpload(db: Db, dataDir: string, input: UploadInput) {
  const originalName = uploadName(input.originalName);
  const image = await processImage(input.bytes, fileStem(originalName));
  const key = newUploadKey();
  await writeUpload(dataDir, key, image.files);
  const alt = input.alt.trim() || altFromName(originalName);
  try {
    const media = await createMedia(
      db,
      mediaRowOf(image, { key, originalName, bytes: input.bytes.length, alt, uploadedById: input.uploadedById }),
    );
    const url = mediaUrl(key, image.display);
    return { media, url, markdown: markdownImage(alt, url) };
  } catch (err) {
    await removeUpload(dataDir, key);
    throw err;
  }
}
