/**
 * What an image may cost, decided from its header alone — width, height, frames, interlacing —
 * before a single pixel is decoded (docs/decisions/023-image-budget.md). Pure: no sharp here.
 */
import type { ImageType } from './image-types.js';

/** Pixels in one frame of a JPEG or PNG that libvips reads a few lines at a time. */
export const MAX_PIXELS = 50_000_000;
/**
 * Pixels in a frame libvips must hold whole while decoding: a GIF or WebP, a progressive JPEG, an
 * interlaced PNG. At ~5 bytes a pixel (measured), 16 megapixels is ~80 MB.
 */
export const MAX_WHOLE_PIXELS = 16_000_000;
/**
 * Pixels in all frames of an animation, which is kept as uploaded: readers' browsers decode every
 * frame. Ten seconds of 1280 × 720 at ten frames a second.
 */
export const MAX_ANIMATION_PIXELS = 100_000_000;
/**
 * Frames of an animation, counted by walking the file before libvips reads it: libvips lists a
 * delay per frame, and ten megabytes of one-pixel frames would be 400,000 of them. A thousand
 * is over a minute at fifteen frames a second.
 */
export const MAX_FRAMES = 1000;
/** The largest stored version: 2560 wide at most, as WordPress scales big uploads… */
export const MAX_STORED_WIDTH = 2560;
/** …and as many pixels as 2560 × 2560, so a tall infographic keeps its width and stays readable. */
export const MAX_STORED_PIXELS = 2560 * 2560;
/** WebP cannot be taller or wider. */
const WEBP_MAX_SIDE = 16383;

/** An upload that is not an image Byline takes; the message is for the person uploading. */
export class ImageRejected extends Error {
  constructor(
    message: string,
    /** 413 for an image over budget, 400 for anything that is not a readable image. */
    readonly status: 400 | 413 = 400,
  ) {
    super(message);
  }
}

export const unreadable = () => new ImageRejected('That file could not be read as an image.');

/** What the header says, frames and orientation applied. */
export interface ImageHeader {
  type: ImageType;
  /** One frame, turned the way EXIF orientation says (for still images). */
  width: number;
  height: number;
  frames: number;
  /** A progressive JPEG or an interlaced PNG. */
  progressive: boolean;
}

export interface ImagePlan {
  animated: boolean;
  width: number;
  height: number;
  /** Size of the largest stored version (an animation is stored as uploaded). */
  stored: { width: number; height: number };
  /** For sharp's `limitInputPixels` when decoding one frame: the second guard. */
  maxFramePixels: number;
}

/** "49", "50.1": megapixels, rounded up so an image just over a limit never reads as at it. */
const megapixels = (pixels: number) => String(Math.ceil(pixels / 100_000) / 10);

const WHOLE_KIND: Record<ImageType, string> = {
  gif: 'a GIF',
  webp: 'a WebP image',
  jpeg: 'a progressive JPEG',
  png: 'an interlaced PNG',
};

/** What the same picture could be saved as to be read a few lines at a time. */
const STREAMED_KIND: Partial<Record<ImageType, string>> = {
  jpeg: 'A baseline JPEG',
  png: 'A non-interlaced PNG',
};

function storedSize(width: number, height: number) {
  const scale = Math.min(
    1,
    MAX_STORED_WIDTH / width,
    WEBP_MAX_SIDE / height,
    Math.sqrt(MAX_STORED_PIXELS / (width * height)),
  );
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export function checkFrameCount(frames: number): void {
  if (frames > MAX_FRAMES) {
    throw new ImageRejected(`Animations may have at most ${MAX_FRAMES} frames; this one has more.`, 413);
  }
}

/** The plan for an image within budget; throws ImageRejected (413, the limit named) otherwise. */
export function planImage(header: ImageHeader): ImagePlan {
  const { type, width, height, frames } = header;
  if (!(width > 0 && height > 0 && frames > 0)) throw unreadable();
  checkFrameCount(frames);
  const pixels = width * height;
  if (pixels > MAX_PIXELS) {
    throw new ImageRejected(
      `That image has too many pixels: ${megapixels(MAX_PIXELS)} megapixels at most (it has ${megapixels(pixels)}).`,
      413,
    );
  }
  const whole = type === 'gif' || type === 'webp' || header.progressive;
  if (whole && pixels > MAX_WHOLE_PIXELS) {
    const instead = STREAMED_KIND[type] ? ` ${STREAMED_KIND[type]} may have ${megapixels(MAX_PIXELS)}.` : '';
    throw new ImageRejected(
      `That image has too many pixels for ${WHOLE_KIND[type]}: ${megapixels(MAX_WHOLE_PIXELS)} megapixels at most (it has ${megapixels(pixels)}).${instead}`,
      413,
    );
  }
  if (frames * pixels > MAX_ANIMATION_PIXELS) {
    throw new ImageRejected(
      `Animations may have at most ${megapixels(MAX_ANIMATION_PIXELS)} megapixels in all frames; this one has ${megapixels(frames * pixels)} (${frames} frames of ${width} × ${height}).`,
      413,
    );
  }
  const animated = frames > 1;
  return {
    animated,
    width,
    height,
    stored: animated ? { width, height } : storedSize(width, height),
    maxFramePixels: whole ? MAX_WHOLE_PIXELS : MAX_PIXELS,
  };
}
