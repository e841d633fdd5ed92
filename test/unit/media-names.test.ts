import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeTypeOfStoredFile, sniffImageType } from '../../src/media/image-types.js';
import {
  altFromName,
  fileStem,
  isUploadFileName,
  isUploadKey,
  markdownImage,
  mediaUrl,
  uploadName,
} from '../../src/media/names.js';
import { displayFile, formatBytes } from '../../src/media/present.js';
import { uploadFilePath, uploadsDir } from '../../src/media/storage.js';

const bytes = (...parts: Array<number[] | string>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('sniffImageType', () => {
  it.each([
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0], 'rest')],
    ['png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'rest')],
    ['gif', bytes('GIF89a', 'rest')],
    ['gif', bytes('GIF87a', 'rest')],
    ['webp', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 ')],
  ])('when the bytes start like a %s, then that is the type', (type, b) => {
    expect(sniffImageType(b)).toBe(type);
  });

  it.each([
    ['SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['XML-prefixed SVG', bytes('<?xml version="1.0"?><svg/>')],
    ['HTML', bytes('<!DOCTYPE html><script>alert(1)</script>')],
    ['text', bytes('hello')],
    ['empty', bytes()],
    ['truncated PNG signature', bytes([0x89, 0x50, 0x4e])],
    ['RIFF that is not WebP', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt ')],
    ['GIF-ish', bytes('GIF90a')],
  ])('when the bytes are %s, then no type is recognised', (_what, b) => {
    expect(sniffImageType(b)).toBeNull();
  });
});

describe('names of stored files', () => {
  it.each([
    ['Été à Paris.PNG', 'ete-a-paris'],
    ['My Photo (1).jpeg', 'my-photo-1'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\cat.gif', 'cat'],
    ['日本.png', 'image'],
    ['.png', 'image'],
    ['', 'image'],
    ['a'.repeat(200) + '.png', 'a'.repeat(60)],
  ])('when the upload is called %s, then the file stem is %s', (name, stem) => {
    expect(fileStem(name)).toBe(stem);
    expect(isUploadFileName(`${stem}-480.webp`)).toBe(true);
  });

  it.each([
    ['café-日本.png', 'café-日本.png'],
    ['cafe\u0301.png', 'café.png'],
    ['C:\\Users\\me\\cat.gif', 'cat.gif'],
    ['line\nbreak\u0000.png', 'linebreak.png'],
    ['photo\u202egnp.exe', 'photognp.exe'],
  ])('when the upload is called %j, then it is listed as %j', (raw, listed) => {
    expect(uploadName(raw)).toBe(listed);
  });

  it('when a name is longer than 255 characters, then it is cut without splitting an emoji', () => {
    const name = uploadName('a'.repeat(254) + '😀😀.png');

    expect(Array.from(name)).toHaveLength(255);
    expect(name.endsWith('😀')).toBe(true);
  });

  it('when alt text is guessed from a file name, then separators become spaces', () => {
    expect(altFromName('my-cat_2.final.jpg')).toBe('my cat 2 final');
  });

  it.each([
    ['0123456789abcdef0123456789abcdef', true],
    ['0123456789ABCDEF0123456789ABCDEF', false],
    ['0123456789abcdef', false],
    ['..', false],
  ])('when the key is %s, then isUploadKey is %s', (key, ok) => {
    expect(isUploadKey(key)).toBe(ok);
  });

  it.each([
    'x.svg',
    'x.PNG',
    '.png',
    'x..png',
    '../x.png',
    'x/y.png',
    'x.png.html',
    '-x.png',
    'x-.png',
    'x y.png',
  ])('when the file is %s, then it is not a name Byline writes', (file) => {
    expect(isUploadFileName(file)).toBe(false);
  });

  it('when a stored file is served, then its Content-Type follows its own extension', () => {
    expect(mimeTypeOfStoredFile('a-480.webp')).toBe('image/webp');
    expect(mimeTypeOfStoredFile('a.jpg')).toBe('image/jpeg');
    expect(mimeTypeOfStoredFile('a.svg')).toBeNull();
    expect(mimeTypeOfStoredFile('constructor')).toBeNull();
  });
});

describe('uploadFilePath', () => {
  const key = '0123456789abcdef0123456789abcdef';
  it('when key and file are names Byline writes, then the path is inside DATA_DIR/uploads', () => {
    expect(uploadFilePath('/data', key, 'x-480.png')).toBe(path.join(uploadsDir('/data'), key, 'x-480.png'));
  });

  it.each([
    ['..', 'blog.db'],
    [key, '../blog.db'],
    [key, '..%2Fblog.db'],
    [`${key}/..`, 'x.png'],
    [key, 'x.svg'],
  ])('when asked for %s / %s, then there is no path', (k, file) => {
    expect(uploadFilePath('/data', k, file)).toBeNull();
  });
});

describe('markdownImage', () => {
  it('when the alt text holds brackets, backslashes or line breaks, then they cannot break out of the image', () => {
    expect(markdownImage('a ] (b) \\ [c]\nd', mediaUrl('k', 'f.png'))).toBe(
      '![a \\] (b) \\\\ \\[c\\] d](/media/k/f.png)',
    );
  });
});

describe('what the media page shows', () => {
  const variants = [
    { file: 'p.png', width: 2000, height: 1000, mimeType: 'image/png', bytes: 1 },
    { file: 'p.webp', width: 2000, height: 1000, mimeType: 'image/webp', bytes: 1 },
    { file: 'p-480.png', width: 480, height: 240, mimeType: 'image/png', bytes: 1 },
    { file: 'p-1600.webp', width: 1600, height: 800, mimeType: 'image/webp', bytes: 1 },
    { file: 'p-1600.png', width: 1600, height: 800, mimeType: 'image/png', bytes: 1 },
  ];

  it('when an image is wider than 1600 px, then the Markdown points at its 1600 px version in its own format', () => {
    expect(displayFile({ mimeType: 'image/png', variants })).toBe('p-1600.png');
  });

  it('when an image is small, then the Markdown points at the original', () => {
    expect(displayFile({ mimeType: 'image/png', variants: variants.slice(2, 3) })).toBe('p-480.png');
  });

  it.each([
    [120, '120 bytes'],
    [2048, '2 KB'],
    [2.5 * 1024 * 1024, '2.5 MB'],
    [10 * 1024 * 1024, '10 MB'],
  ])('when a file has %i bytes, then its size reads %s', (n, text) => {
    expect(formatBytes(n)).toBe(text);
  });
});
