import type { Metadata, Sharp } from 'sharp';
import { IMAGE_TYPES, sniffImageType, type ImageType } from './image-types.js';

/** Widths made for every upload, when the image is wider; an image is never enlarged. */
export const VARIANT_WIDTHS = [480, 960, 1600] as const;
/** The width the Markdown points at: big enough for a post, small enough to load fast. */
export const DISPLAY_WIDTH = 1600;
/** A 10 MB file can still decode to gigabytes; 50 megapixels is more than any camera a blog needs. */
export const MAX_PIXELS = 50_000_000;

/**
 * sharp (libvips) is loaded on the first image, not at start-up: a server that only serves
 * pages never pays its ~20 MB of memory.
 */
let loading: Promise<(typeof import('sharp'))['default']> | null = null;
const loadSharp = () => (loading ??= import('sharp').then((m) => m.default));

/** An upload that is not an image Byline takes; the message is for the person uploading. */
export class ImageRejected extends Error {}

export interface ImageFile {
  file: string;
  width: number;
  height: number;
  mimeType: string;
  data: Buffer;
}

export interface ProcessedImage {
  type: ImageType;
  mimeType: string;
  width: number;
  height: number;
  /** The original (re-encoded, metadata stripped) first, then the smaller and WebP versions. */
  files: ImageFile[];
  /** The file the Markdown should show. */
  display: string;
}

function encode(pipeline: Sharp, type: ImageType): Sharp {
  switch (type) {
    case 'jpeg':
      return pipeline.jpeg({ quality: 85, progressive: true });
    case 'png':
      return pipeline.png();
    case 'gif':
      return pipeline.gif();
    case 'webp':
      return pipeline.webp({ quality: 82 });
  }
}

/**
 * Checks that `bytes` are a JPEG, PNG, GIF or WebP (by their content) and makes the files to
 * store: the original re-encoded — which drops EXIF, GPS included, after turning the pixels the
 * way EXIF said — and each smaller width, each also as WebP. Throws ImageRejected otherwise.
 */
export async function processImage(bytes: Buffer, stem: string): Promise<ProcessedImage> {
  const type = sniffImageType(bytes);
  if (!type) throw new ImageRejected('Only JPEG, PNG, WebP and GIF images can be uploaded.');
  const animated = type === 'gif' || type === 'webp';
  const sharp = await loadSharp();
  const input = () => sharp(bytes, { animated, autoOrient: !animated, limitInputPixels: MAX_PIXELS });

  const tooBig = new ImageRejected('That image has too many pixels: 50 megapixels at most.');
  let meta: Metadata;
  try {
    meta = await input().metadata();
  } catch (err) {
    if (/pixel limit/i.test((err as Error).message)) throw tooBig;
    throw new ImageRejected('That file could not be read as an image.');
  }
  if (meta.format !== type) throw new ImageRejected('That file could not be read as an image.');
  const width = animated ? meta.width : meta.autoOrient.width;
  const height = animated ? (meta.pageHeight ?? meta.height) : meta.autoOrient.height;
  if (width * height > MAX_PIXELS) throw tooBig;

  const { ext, mimeType } = IMAGE_TYPES[type];
  const sizes: Array<{ suffix: string; width?: number }> = [
    { suffix: '' },
    ...VARIANT_WIDTHS.filter((w) => w < width).map((w) => ({ suffix: `-${w}`, width: w })),
  ];
  const formats: ImageType[] = type === 'webp' ? ['webp'] : [type, 'webp'];
  const files: ImageFile[] = [];
  try {
    for (const size of sizes) {
      for (const format of formats) {
        const resized = size.width
          ? input().resize({ width: size.width, withoutEnlargement: true })
          : input();
        const { data, info } = await encode(resized, format).toBuffer({ resolveWithObject: true });
        files.push({
          file: `${stem}${size.suffix}.${IMAGE_TYPES[format].ext}`,
          width: info.width,
          height: info.pageHeight ?? info.height,
          mimeType: IMAGE_TYPES[format].mimeType,
          data,
        });
      }
    }
  } catch {
    throw new ImageRejected('That image could not be processed; it may be damaged.');
  }
  const display = width > DISPLAY_WIDTH ? `${stem}-${DISPLAY_WIDTH}.${ext}` : `${stem}.${ext}`;
  return { type, mimeType, width, height, files, display };
}
