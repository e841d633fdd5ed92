/**
 * An animation is stored as uploaded (re-encoding its frames costs seconds, see
 * docs/decisions/023-image-budget.md), less what could say where or by whom it was made: GIF
 * comments and application blocks other than looping, WebP's EXIF and XMP chunks. Bytes after the
 * image's end go too. Walking the blocks also counts the frames, before libvips is asked anything.
 * No I/O; linear in the file's length, copying only around what it drops and letting other work
 * in on a long walk. Throws ImageRejected on a broken file.
 */
import { MAX_FRAMES, unreadable } from './budget.js';

/**
 * Blocks (GIF) or chunks (WebP) walked at most: a frame takes one or two, and a file of ten
 * megabytes could hold a million, each costing the event loop a little.
 */
const MAX_BLOCKS = 4 * MAX_FRAMES + 64;

export interface StrippedImage {
  data: Buffer;
  /** Counted up to one past MAX_FRAMES, where the walk stops: such a file is refused anyway. */
  frames: number;
}

/** Keeps the bytes between the blocks it is told to drop, without copying each kept block. */
function keeper(bytes: Buffer) {
  const kept: Buffer[] = [];
  let from = 0;
  return {
    drop(start: number, end: number) {
      kept.push(bytes.subarray(from, start));
      from = end;
    },
    done(end: number, ...extra: Buffer[]) {
      kept.push(bytes.subarray(from, end), ...extra);
      return Buffer.concat(kept);
    },
  };
}

/** Application blocks that only say how an animation loops. */
const GIF_LOOPING = new Set(['NETSCAPE2.0', 'ANIMEXTS1.0']);

/** Sub-blocks walked between turns of the event loop: about 10 ms of work. */
const STEPS_PER_TURN = 1_000_000;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * The index just past a chain of GIF sub-blocks starting at `at` (its 0-length terminator
 * included). A frame of one-byte sub-blocks is millions of steps, so it lets other work in.
 */
async function skipSubBlocks(bytes: Buffer, at: number): Promise<number> {
  let i = at;
  for (let steps = 1; i < bytes.length; steps++) {
    const size = bytes[i]!;
    i += 1 + size;
    if (size === 0) return i;
    if (steps % STEPS_PER_TURN === 0) await nextTurn();
  }
  throw unreadable();
}

const colourTableBytes = (packed: number) => (packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0);

export async function stripGifMetadata(bytes: Buffer): Promise<StrippedImage> {
  let i = 13 + colourTableBytes(bytes[10] ?? 0);
  if (bytes.length < i) throw unreadable();
  const out = keeper(bytes);
  let frames = 0;
  for (let blocks = 1; i < bytes.length && bytes[i] !== 0x3b; blocks++) {
    if (blocks > MAX_BLOCKS) throw unreadable();
    if (bytes[i] === 0x2c) {
      if (++frames > MAX_FRAMES) return { data: bytes, frames }; // refused by the caller
      // The descriptor, its colour table and the LZW code size, then the pixels.
      i = await skipSubBlocks(bytes, i + 10 + colourTableBytes(bytes[i + 9] ?? 0) + 1);
    } else if (bytes[i] === 0x21) {
      const start = i;
      const label = bytes[i + 1];
      const app = label === 0xff ? bytes.subarray(i + 3, i + 14).toString('latin1') : '';
      i = await skipSubBlocks(bytes, i + 2);
      if (label === 0xfe || (label === 0xff && !GIF_LOOPING.has(app))) out.drop(start, i);
    } else {
      throw unreadable();
    }
  }
  if (frames === 0) throw unreadable();
  return { data: out.done(i, Buffer.from([0x3b])), frames };
}

const fourcc = (s: string) => Buffer.from(s, 'latin1').readUInt32BE(0);
const [ANMF, VP8X, EXIF, XMP] = ['ANMF', 'VP8X', 'EXIF', 'XMP '].map(fourcc);
/** VP8X flags that announce EXIF and XMP chunks. */
const VP8X_METADATA_FLAGS = 0x08 | 0x04;

export function stripWebpMetadata(bytes: Buffer): StrippedImage {
  const end = Math.min(bytes.length, 8 + bytes.readUInt32LE(4));
  const out = keeper(bytes);
  let frames = 0;
  let flags = -1;
  let dropped = 0;
  let i = 12;
  for (let chunks = 1; i + 8 <= end; chunks++) {
    if (chunks > MAX_BLOCKS) throw unreadable();
    const id = bytes.readUInt32BE(i);
    const size = bytes.readUInt32LE(i + 4);
    const next = i + 8 + size + (size & 1);
    if (next > end) throw unreadable();
    if (id === ANMF && ++frames > MAX_FRAMES) return { data: bytes, frames }; // refused by the caller
    if (id === VP8X) flags = i + 8 - dropped;
    if (id === EXIF || id === XMP) {
      out.drop(i, next);
      dropped += next - i;
    }
    i = next;
  }
  if (i < end) throw unreadable();
  const data = out.done(end);
  if (flags >= 0) data[flags] = data[flags]! & ~VP8X_METADATA_FLAGS;
  data.writeUInt32LE(data.length - 8, 4);
  return { data, frames: Math.max(frames, 1) };
}
