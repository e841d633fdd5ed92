import { describe, expect, it } from 'vitest';
import {
  compareWithManifest,
  isArchivePath,
  parseManifest,
  type Manifest,
} from '../../src/backup/manifest.js';

const sha = (c: string) => c.repeat(64);
const manifest: Manifest = {
  format: 'byline-backup',
  formatVersion: 1,
  bylineVersion: '0.1.0',
  createdAt: '2026-11-25T22:30:00.000Z',
  reason: 'manual',
  migrations: ['20261125211515_init'],
  files: [
    { path: 'blog.db', size: 10, sha256: sha('a') },
    { path: 'uploads/k/a.jpg', size: 3, sha256: sha('b') },
  ],
};

describe('backup manifest', () => {
  it.each(['blog.db', 'manifest.json', 'uploads/0123/sunset-960.webp', 'uploads/a/b/c.png'])(
    'when the path is %j, then an archive may hold it',
    (p) => expect(isArchivePath(p)).toBe(true),
  );

  it.each([
    '../blog.db',
    '/etc/passwd',
    'uploads/../../x',
    'uploads/./x',
    'uploads//x',
    'uploads/',
    'uploads/.tmp-key/x.jpg',
    'uploads/a\\..\\b',
    'session-secret',
    'blog.db-wal',
    'Uploads/x.jpg',
  ])('when the path is %j, then an archive may not hold it', (p) => expect(isArchivePath(p)).toBe(false));

  it('when the manifest is sound, then it parses to itself', () => {
    expect(parseManifest(JSON.stringify(manifest))).toEqual(manifest);
  });

  it.each([
    ['not JSON', '{', /not valid JSON/],
    [
      'another format',
      JSON.stringify({ ...manifest, format: 'zip' }),
      /not a Byline backup manifest \(format/,
    ],
    [
      'a bad checksum',
      JSON.stringify({ ...manifest, files: [{ path: 'blog.db', size: 1, sha256: 'x' }] }),
      /files\.0\.sha256/,
    ],
    [
      'a path outside DATA_DIR',
      JSON.stringify({
        ...manifest,
        files: [...manifest.files, { path: 'uploads/../x', size: 1, sha256: sha('c') }],
      }),
      /cannot hold: uploads\/\.\.\/x/,
    ],
    ['no database', JSON.stringify({ ...manifest, files: manifest.files.slice(1) }), /no blog\.db/],
  ])('when the manifest has %s, then it is refused with a reason', (_what, text, reason) => {
    expect(parseManifest(text)).toMatch(reason);
  });

  it('when the archive holds exactly the listed files, then there is no difference', () => {
    const found = new Map(manifest.files.map((f) => [f.path, { size: f.size, sha256: f.sha256 }]));
    expect(compareWithManifest(manifest, found)).toEqual([]);
  });

  it('when files are missing, extra, resized or changed, then each is named', () => {
    const found = new Map([
      ['blog.db', { size: 10, sha256: sha('f') }],
      ['uploads/extra.jpg', { size: 1, sha256: sha('c') }],
    ]);
    expect(compareWithManifest(manifest, found)).toEqual([
      'blog.db does not match its sha256 checksum',
      'uploads/k/a.jpg is missing',
      'uploads/extra.jpg is not in the manifest',
    ]);
    const resized = new Map([
      ['blog.db', { size: 11, sha256: sha('a') }],
      ['uploads/k/a.jpg', { size: 3, sha256: sha('b') }],
    ]);
    expect(compareWithManifest(manifest, resized)).toEqual(['blog.db has 11 bytes, the manifest says 10']);
  });
});
