/**
 * How much of a site the import reads, and how a file it cannot read becomes a line of the
 * report instead of a crash: sizes are checked before a file is read whole, and its bytes must be
 * UTF-8 text. The figures come from a memory budget: docs/decisions/022-import-confinement.md.
 */
import fs from 'node:fs/promises';
import { constants } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import v8 from 'node:v8';
import { formatBytes } from '../media/present.js';
import { MAX_FRONT_MATTER_DEPTH } from '../content/front-matter-depth.js';

/**
 * A Markdown file larger than this is reported, not read. The editor's longest post (1,000,000
 * characters, at most 3 MB of UTF-8) and its front matter fit, so every export imports again.
 */
export const MAX_MARKDOWN_BYTES = 4 * 1024 * 1024;
/** A front matter larger than this is reported, not parsed (YAML costs ~500 bytes of heap per byte). */
export const MAX_FRONT_MATTER_BYTES = 64 * 1024;
/** A configuration file larger than this is reported, not parsed. */
export const MAX_CONFIG_BYTES = 256 * 1024;
/** Tables and lists nested deeper than this, in front matter or configuration, are refused. */
export const MAX_NESTING = MAX_FRONT_MATTER_DEPTH;
/**
 * Markdown held in memory between reading the files and saving them, summed over the site and
 * counted in UTF-8 bytes (V8 may hold twice that): an eighth of this process's heap, at most 256 MB.
 */
export const MAX_HELD_BYTES = Math.min(
  256 * 1024 * 1024,
  Math.floor(v8.getHeapStatistics().heap_size_limit / 8),
);
/** Content files the import takes from one site (five times the benchmark's); the rest are reported. */
export const MAX_PAGES = 50_000;

/** A file the import read but cannot use; `line` is 1-based, when known. */
export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}

/** The 1-based line of the byte at `offset`. */
export function lineAtByte(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let at = bytes.indexOf(10); at >= 0 && at < offset; at = bytes.indexOf(10, at + 1)) line += 1;
  return line;
}

// A FIFO would block the open and a symbolic link swapped in would lead elsewhere: neither is taken.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * The bytes of a regular file of at most `max` bytes. A larger one is refused at the line where
 * it passes the limit, having read no more than `max` bytes of it.
 */
export async function readBounded(abs: string, max: number, what = 'files'): Promise<Buffer> {
  const handle = await fs.open(abs, OPEN_FLAGS);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new ImportFileError('not a regular file; not read');
    // One byte more than allowed tells a file that grew since stat from one that fits.
    const cap = Math.min(stat.size, max) + 1;
    const bytes = Buffer.alloc(cap);
    let length = 0;
    while (length < cap) {
      const { bytesRead } = await handle.read(bytes, length, cap - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > max)
      throw new ImportFileError(
        `${formatBytes(Math.max(stat.size, length))}: ${what} over ${formatBytes(max)} are not read (the limit is passed on this line)`,
        lineAtByte(bytes, max),
      );
    return bytes.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/** The offset of the first byte that is not part of valid UTF-8, or -1. */
function firstInvalidByte(bytes: Buffer): number {
  if (isUtf8(bytes)) return -1;
  // The decoder replaces each bad sequence with U+FFFD and copies everything else: the first
  // U+FFFD the file does not itself contain (EF BF BD) is where its bytes stop being UTF-8.
  const text = bytes.toString('utf8');
  let offset = 0;
  let from = 0;
  for (let at = text.indexOf('\uFFFD'); at >= 0; at = text.indexOf('\uFFFD', at + 1)) {
    offset += Buffer.byteLength(text.slice(from, at));
    from = at + 1;
    if (bytes[offset] !== 0xef || bytes[offset + 1] !== 0xbf || bytes[offset + 2] !== 0xbd) return offset;
    offset += 3;
  }
  return 0;
}

/** The bytes as text; refused, at the line of the first bad byte, when they are not UTF-8 text. */
export function textOf(bytes: Buffer): string {
  const bad = firstInvalidByte(bytes);
  if (bad >= 0)
    throw new ImportFileError(
      `not UTF-8 text (byte 0x${bytes[bad]!.toString(16).toUpperCase().padStart(2, '0')}); save the file as UTF-8`,
      lineAtByte(bytes, bad),
    );
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new ImportFileError('holds a NUL byte: not a text file', lineAtByte(bytes, nul));
  return bytes.toString('utf8');
}
