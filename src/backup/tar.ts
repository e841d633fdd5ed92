/**
 * A minimal POSIX ustar writer and reader: regular files only, streamed, so an archive of a large
 * uploads folder never sits in memory. Enough for Byline's backups (docs/decisions/010-backups.md);
 * GNU and BSD tar read what it writes.
 */

const BLOCK = 512;
/** 11 octal digits in the size field: 8 GiB - 1. */
const MAX_SIZE = 0o77777777777;

export class TarError extends Error {}

function writeString(header: Buffer, offset: number, length: number, value: string): void {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length > length) throw new TarError(`tar: "${value}" does not fit in ${length} bytes`);
  bytes.copy(header, offset);
}

function writeOctal(header: Buffer, offset: number, length: number, value: number): void {
  writeString(header, offset, length, value.toString(8).padStart(length - 1, '0') + '\0');
}

/** ustar keeps names over 100 bytes as prefix "/" name, split at a slash. */
function splitName(path: string): { prefix: string; name: string } {
  if (Buffer.byteLength(path) <= 100) return { prefix: '', name: path };
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100 && name !== '')
      return { prefix, name };
  }
  throw new TarError(`tar: the path "${path}" is too long for a ustar archive`);
}

function checksum(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  return sum;
}

/** The 512-byte header of a regular file. */
export function fileHeader(entry: { path: string; size: number; mtime: Date; mode?: number }): Buffer {
  if (!Number.isSafeInteger(entry.size) || entry.size < 0 || entry.size > MAX_SIZE) {
    throw new TarError(`tar: ${entry.path} is larger than a ustar archive can hold`);
  }
  const header = Buffer.alloc(BLOCK);
  const { prefix, name } = splitName(entry.path);
  writeString(header, 0, 100, name);
  writeOctal(header, 100, 8, entry.mode ?? 0o644);
  writeOctal(header, 108, 8, 0);
  writeOctal(header, 116, 8, 0);
  writeOctal(header, 124, 12, entry.size);
  writeOctal(header, 136, 12, Math.max(0, Math.floor(entry.mtime.getTime() / 1000)));
  header[156] = 0x30; // '0': regular file
  writeString(header, 257, 6, 'ustar\0');
  writeString(header, 263, 2, '00');
  writeString(header, 345, 155, prefix);
  writeString(header, 148, 8, checksum(header).toString(8).padStart(6, '0') + '\0 ');
  return header;
}

/** Zeros that bring a file's data up to a whole block. */
export const padding = (size: number): Buffer => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/** Two empty blocks end an archive. */
export const endOfArchive = (): Buffer => Buffer.alloc(BLOCK * 2);

export interface TarEntry {
  path: string;
  size: number;
  /** The file's bytes; read them all (or not at all) before asking for the next entry. */
  body: AsyncIterable<Buffer>;
}

/** Reads exact byte counts from a stream of chunks. */
class ByteReader {
  private buffered: Buffer[] = [];
  private length = 0;
  private done = false;

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  private async fill(n: number): Promise<void> {
    while (this.length < n && !this.done) {
      const next = await this.source.next();
      if (next.done) this.done = true;
      else if (next.value.length > 0) {
        this.buffered.push(next.value);
        this.length += next.value.length;
      }
    }
  }

  /** Up to n bytes (fewer only at the end of the stream). */
  async read(n: number): Promise<Buffer> {
    await this.fill(n);
    const all = this.buffered.length === 1 ? this.buffered[0]! : Buffer.concat(this.buffered);
    const out = all.subarray(0, Math.min(n, all.length));
    const rest = all.subarray(out.length);
    this.buffered = rest.length > 0 ? [rest] : [];
    this.length = rest.length;
    return out;
  }

  /** The next chunk of at most n bytes, as it arrives; throws at the end of the stream. */
  async chunk(n: number): Promise<Buffer> {
    await this.fill(1);
    if (this.length === 0) throw new TarError('tar: the archive ends in the middle of a file');
    return this.read(Math.min(n, this.buffered[0]!.length));
  }
}

function readString(header: Buffer, offset: number, length: number): string {
  const field = header.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('utf8');
}

function readOctal(header: Buffer, offset: number, length: number): number {
  const text = readString(header, offset, length).trim();
  if (!/^[0-7]+$/.test(text)) throw new TarError('tar: a header has a malformed number');
  return parseInt(text, 8);
}

/**
 * The regular files of a ustar archive, in order. Directory entries are skipped; links, devices
 * and other entry types, bad header checksums and truncated archives throw TarError.
 */
export async function* readTar(source: AsyncIterable<Buffer>): AsyncGenerator<TarEntry> {
  const reader = new ByteReader(source[Symbol.asyncIterator]());
  for (;;) {
    const header = await reader.read(BLOCK);
    if (header.length === 0) throw new TarError('tar: the archive has no end marker');
    if (header.length < BLOCK) throw new TarError('tar: the archive is truncated');
    if (header.every((b) => b === 0)) {
      // Read to the end, so a gzip source checks its trailing CRC.
      while ((await reader.read(64 * 1024)).length > 0);
      return;
    }
    if (readOctal(header, 148, 8) !== checksum(header))
      throw new TarError('tar: a header checksum does not match');
    const prefix = readString(header, 345, 155);
    const name = readString(header, 0, 100);
    const path = prefix ? `${prefix}/${name}` : name;
    const size = readOctal(header, 124, 12);
    const type = String.fromCharCode(header[156]!);
    if (type === '5') {
      if (size !== 0) throw new TarError(`tar: directory ${path} has a size`);
      continue;
    }
    if (type !== '0' && type !== '\0')
      throw new TarError(`tar: ${path} is not a regular file (type ${type})`);

    // Shared with the body, so bytes the reader leaves unread are skipped here.
    let left = size;
    const body = async function* () {
      while (left > 0) {
        const chunk = await reader.chunk(left);
        left -= chunk.length;
        yield chunk;
      }
    };
    yield { path, size, body: { [Symbol.asyncIterator]: body } };
    while (left > 0) left -= (await reader.chunk(left)).length;
    const pad = padding(size).length;
    if (pad > 0 && (await reader.read(pad)).length < pad) throw new TarError('tar: the archive is truncated');
  }
}
