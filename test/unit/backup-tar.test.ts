import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { endOfArchive, fileHeader, padding, readTar, TarError } from '../../src/backup/tar.js';

const mtime = new Date('2026-11-25T22:30:00Z');

function archiveOf(files: Array<{ path: string; data: Buffer }>): Buffer {
  const parts: Buffer[] = [];
  for (const f of files)
    parts.push(fileHeader({ path: f.path, size: f.data.length, mtime }), f.data, padding(f.data.length));
  parts.push(endOfArchive());
  return Buffer.concat(parts);
}

/** The archive as a stream of odd-sized chunks, as gunzip would deliver it. */
async function* chunked(buf: Buffer, size = 777): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function readAll(source: AsyncIterable<Buffer>) {
  const out: Array<{ path: string; data: Buffer }> = [];
  for await (const entry of readTar(source)) {
    const chunks: Buffer[] = [];
    for await (const c of entry.body) chunks.push(c);
    out.push({ path: entry.path, data: Buffer.concat(chunks) });
  }
  return out;
}

const longPath = `uploads/${'a'.repeat(32)}/${'long-name-'.repeat(8)}x.webp`;
const files = [
  { path: 'blog.db', data: crypto.randomBytes(5000) },
  { path: 'uploads/empty.jpg', data: Buffer.alloc(0) },
  { path: 'uploads/one-block.png', data: crypto.randomBytes(512) },
  { path: longPath, data: crypto.randomBytes(1300) },
  { path: 'manifest.json', data: Buffer.from('{"é":"ü"}\n') },
];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-tar-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const hasTar = (() => {
  try {
    execFileSync('tar', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('ustar writer and reader', () => {
  it('when files are written and read back, then paths and bytes are the same, in order', async () => {
    expect(longPath.length).toBeGreaterThan(100);
    expect(await readAll(chunked(archiveOf(files)))).toEqual(files);
  });

  it('when a body is not read, then the next entry still comes out right', async () => {
    const paths: string[] = [];
    for await (const entry of readTar(chunked(archiveOf(files), 100))) paths.push(entry.path);
    expect(paths).toEqual(files.map((f) => f.path));
  });

  it('when a body is read only in part, then the next entry still comes out right', async () => {
    const seen: Array<{ path: string; first: number }> = [];
    for await (const entry of readTar(chunked(archiveOf(files), 100))) {
      for await (const chunk of entry.body) {
        seen.push({ path: entry.path, first: chunk[0]! });
        break;
      }
    }
    expect(seen.map((s) => s.path)).toEqual(files.filter((f) => f.data.length > 0).map((f) => f.path));
  });

  it('when a header byte is changed, then its checksum fails', async () => {
    const bad = archiveOf(files);
    bad[10] = bad[10]! ^ 0xff;
    await expect(readAll(chunked(bad))).rejects.toThrow(/header checksum/);
  });

  it('when the archive is cut short, then reading fails', async () => {
    const whole = archiveOf(files);
    await expect(readAll(chunked(whole.subarray(0, 3000)))).rejects.toThrow(TarError);
    await expect(readAll(chunked(whole.subarray(0, 1024)))).rejects.toThrow(TarError);
  });

  it('when an entry is a link, then reading fails', async () => {
    const header = fileHeader({ path: 'uploads/evil', size: 0, mtime });
    header[156] = 0x32; // '2': symbolic link
    header.write('       ', 148);
    let sum = 0;
    for (const b of header) sum += b;
    header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
    await expect(readAll(chunked(Buffer.concat([header, endOfArchive()])))).rejects.toThrow(
      /not a regular file/,
    );
  });

  it('when a path cannot fit a ustar header, then writing refuses it', () => {
    expect(() => fileHeader({ path: 'x'.repeat(101), size: 1, mtime })).toThrow(TarError);
  });

  it.skipIf(!hasTar)('when GNU tar reads what we write, then it lists and extracts the same files', () => {
    const file = path.join(tmp, 'ours.tar');
    fs.writeFileSync(file, archiveOf(files));
    const listed = execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).trim().split('\n');
    expect(listed).toEqual(files.map((f) => f.path));
    const out = path.join(tmp, 'extracted');
    fs.mkdirSync(out);
    execFileSync('tar', ['-xf', file, '-C', out]);
    for (const f of files) expect(fs.readFileSync(path.join(out, f.path)).equals(f.data)).toBe(true);
  });

  it.skipIf(!hasTar)(
    'when GNU tar writes a ustar archive, then we read its files and skip its folders',
    async () => {
      const src = path.join(tmp, 'src');
      fs.mkdirSync(path.join(src, 'uploads', 'k'), { recursive: true });
      fs.writeFileSync(path.join(src, 'blog.db'), 'db');
      fs.writeFileSync(path.join(src, 'uploads', 'k', 'a.jpg'), crypto.randomBytes(2000));
      const file = path.join(tmp, 'theirs.tar');
      execFileSync('tar', ['--format=ustar', '-cf', file, '-C', src, 'blog.db', 'uploads']);
      const read = await readAll(chunked(fs.readFileSync(file)));
      expect(read.map((r) => r.path)).toEqual(['blog.db', 'uploads/k/a.jpg']);
      expect(read[1]!.data.equals(fs.readFileSync(path.join(src, 'uploads', 'k', 'a.jpg')))).toBe(true);
    },
  );
});
