import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupBeforeMigrations } from '../../src/backup/before-migrations.js';
import { createBackup } from '../../src/backup/create-backup.js';
import { ArchiveError, restoreBackup, RestoreRefused } from '../../src/backup/restore-backup.js';
import { endOfArchive, fileHeader, padding, readTar } from '../../src/backup/tar.js';
import { createDb, type Db } from '../../src/db.js';
import { newUploadKey, writeUpload } from '../../src/media/storage.js';
import { createMedia } from '../../src/models/media.js';
import { savePost } from '../../src/models/posts.js';
import { addRevision } from '../../src/models/revisions.js';
import { updateSettings } from '../../src/models/settings.js';
import { trashPost } from '../../src/models/trash.js';
import { issueSetPasswordToken } from '../../src/models/users.js';
import { makeUser } from '../helpers/admin.js';
import { addPost, postInput } from '../helpers/app.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

const root = path.resolve(import.meta.dirname, '../..');
const SID = 'live-session-id-that-must-never-leave-the-server-0123';
const dbFile = (dataDir: string) => path.join(dataDir, 'blog.db');

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-backup-'));
let n = 0;
/** An empty folder to restore into. */
const freshDir = () => fs.mkdtempSync(path.join(scratch, `fresh-${++n}-`));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The real CLI in a child process, with a clean environment: vitest's own variables (BASE_URL=/
 * among them) would not pass our env schema.
 */
function cli(script: 'backup' | 'restore', args: string[], dataDir: string): Promise<Run> {
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_DIR: dataDir,
    DATABASE_URL: `file:${dbFile(dataDir)}`,
    NODE_ENV: 'test',
  };
  return new Promise((resolve) => {
    execFile('npx', ['tsx', `src/cli/${script}.ts`, ...args], { cwd: root, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Switches the database to WAL, as the server runs it, so recent commits live in blog.db-wal. */
async function useWal(db: Db) {
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
}

/** Users, posts in every state, tags, aliases, revisions, the trash, settings, uploads and a session. */
async function populate(t: TestDb) {
  const admin = await makeUser(t, 'administrator', { name: 'Ada Admin' });
  const author = await makeUser(t, 'author', { name: 'Zoë Author' });
  await issueSetPasswordToken(t.db, author.id);
  await updateSettings(t.db, {
    title: 'A blog worth keeping',
    author: 'Ada',
    showAuthor: true,
    postsPerPage: 7,
  });

  const posts = [
    await addPost(t, {
      title: 'Ünïcödé & <html> "quotes"',
      markdown: '# Heading\n\nSome *text* with `code` and an emoji 🎉.\n\n```js\nconst x = 1;\n```\n',
      tags: ['Go', 'SQLite'],
      categories: ['Notes'],
      aliases: ['/old/unicode/'],
      showToc: true,
      weight: 3,
      extra: { keywords: ['a', 'b'], draftedIn: 'vim' },
    }),
    await addPost(t, { tags: ['SQLite'], summarySource: 'A summary of my own.' }),
    await addPost(t, { status: 'draft', publishedAt: null }),
    await addPost(t, { status: 'scheduled', publishedAt: new Date('2099-01-01T09:00:00Z') }),
    await addPost(t, { expiresAt: new Date('2020-01-01T00:00:00Z') }),
    await addPost(t, { type: 'page', slug: 'about', title: 'About', markdown: 'About me.' }),
  ];
  const trashed = await addPost(t);
  await trashPost(t.db, trashed.id, new Date('2026-11-01T12:00:00Z'));
  await t.db.post.updateMany({
    where: { id: { in: [posts[0]!.id, posts[1]!.id] } },
    data: { authorId: author.id },
  });
  for (const [i, post] of posts.slice(0, 3).entries()) {
    for (let r = 0; r < 2; r++) {
      await t.db.$transaction((tx) =>
        addRevision(tx, {
          postId: post.id,
          authorId: r === 0 ? admin.id : author.id,
          fields: { title: `${post.title} v${r}`, summarySource: '', markdown: `Draft ${i}.${r}` },
        }),
      );
    }
  }

  for (const [i, stem] of ['sunset', 'harbour'].entries()) {
    const key = newUploadKey();
    const files = [
      { file: `${stem}.jpg`, data: crypto.randomBytes(70_000 + i) },
      { file: `${stem}-480.webp`, data: crypto.randomBytes(9_000 + i) },
    ];
    await writeUpload(t.dir, key, files);
    await createMedia(t.db, {
      key,
      originalName: `${stem}.JPG`,
      mimeType: 'image/jpeg',
      width: 1200,
      height: 800,
      bytes: files[0]!.data.length,
      alt: `A ${stem}`,
      variants: [
        {
          file: files[1]!.file,
          width: 480,
          height: 320,
          mimeType: 'image/webp',
          bytes: files[1]!.data.length,
        },
      ],
      uploadedById: i === 0 ? admin.id : author.id,
    });
  }
  await t.db.session.create({
    data: { sid: SID, data: '{"userId":1}', expiresAt: new Date(Date.now() + 3_600_000), userId: admin.id },
  });
}

/** Every row the models know, each table in primary-key order, all columns. */
async function modelRows(db: Db) {
  return {
    posts: await db.post.findMany({ orderBy: { id: 'asc' } }),
    revisions: await db.revision.findMany({ orderBy: { id: 'asc' } }),
    users: await db.user.findMany({ orderBy: { id: 'asc' } }),
    media: await db.media.findMany({ orderBy: { id: 'asc' } }),
    tags: await db.tag.findMany({ orderBy: { id: 'asc' } }),
    postTags: await db.postTag.findMany({ orderBy: [{ postId: 'asc' }, { tagId: 'asc' }] }),
    redirects: await db.redirect.findMany({ orderBy: { id: 'asc' } }),
    settings: await db.setting.findMany({ orderBy: { id: 'asc' } }),
  };
}

/**
 * Every table of the file, read with SQLite itself (the search index, migrations and
 * autoincrement counters too), rows sorted; Session is left out, as backups leave it out.
 */
function allTables(file: string): Record<string, string[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'Session' ORDER BY name")
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => [
        name,
        db
          .prepare(`SELECT * FROM "${name}"`)
          .all()
          .map((r) => JSON.stringify(r))
          .sort(),
      ]),
    );
  } finally {
    db.close();
  }
}

/** uploads/ as relative path → bytes. */
function uploadsOf(dataDir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const dir = path.join(dataDir, 'uploads');
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out.set(path.relative(dir, full), fs.readFileSync(full));
  }
  return out;
}

function integrity(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  } finally {
    db.close();
  }
}

/** Asserts that `dataDir` holds the same blog as the source: rows, tables and files. */
async function expectSameBlog(dataDir: string) {
  const restored = createDb(`file:${dbFile(dataDir)}`);
  try {
    expect(await modelRows(restored)).toEqual(await modelRows(t.db));
    expect(await restored.session.count()).toBe(0);
  } finally {
    await restored.$disconnect();
  }
  expect(allTables(dbFile(dataDir))).toEqual(allTables(dbFile(t.dir)));
  const files = uploadsOf(dataDir);
  const original = uploadsOf(t.dir);
  expect([...files.keys()].sort()).toEqual([...original.keys()].sort());
  for (const [rel, bytes] of original) expect(files.get(rel)!.equals(bytes), rel).toBe(true);
}

let t: TestDb;
let archive: string;
beforeAll(async () => {
  t = await createTestDb();
  await useWal(t.db);
  await populate(t);
  archive = (
    await createBackup({ databaseFile: dbFile(t.dir), dataDir: t.dir, outDir: path.join(scratch, 'out') })
  ).archive;
});
afterAll(async () => {
  await t.cleanup();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('when the source is in WAL mode, then its recent commits are only in blog.db-wal (so a file copy would miss them)', () => {
    expect(fs.statSync(`${dbFile(t.dir)}-wal`).size).toBeGreaterThan(0);
    expect(path.basename(archive)).toMatch(/^byline-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.tar\.gz$/);
  });

  it('when a backup is restored into a fresh DATA_DIR, then every post, revision, user, media row and upload is the same', async () => {
    const dir = freshDir();
    const result = await restoreBackup({ archive, databaseFile: dbFile(dir), dataDir: dir });
    expect(result.posts).toBe(await t.db.post.count());
    expect(result.uploads).toBe(4);
    expect(result.replaced).toBe(false);
    expect(fs.readdirSync(dir).sort()).toEqual(['blog.db', 'uploads']);
    expect(integrity(dbFile(dir))).toEqual(['ok']);
    await expectSameBlog(dir);
  });

  it('when a backup is made, then it holds no session and no trace of one', async () => {
    expect(await t.db.session.count({ where: { sid: SID } })).toBe(1);
    expect(zlib.gunzipSync(fs.readFileSync(archive)).includes(SID)).toBe(false);
  });

  it('when the real CLIs back up and restore, then they say where and how much, and the blog is the same', async () => {
    const out = path.join(scratch, 'cli-out');
    const backup = await cli('backup', ['--out', out], t.dir);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const written = backup.stdout.match(/^Backup written: (.+\.tar\.gz)$/m)?.[1];
    expect(written).toBeDefined();
    expect(path.dirname(written!)).toBe(out);
    const size = fs.statSync(written!).size;
    expect(backup.stdout).toContain(`${(size / 1000).toFixed(1)} kB: the database and 4 uploaded files.`);

    const dir = freshDir();
    const restore = await cli('restore', [written!], dir);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`Restored ${written}`);
    expect(restore.stdout).toContain(`${await t.db.post.count()} posts and pages into ${dbFile(dir)}`);
    expect(restore.stdout).toMatch(/Start the server again/);
    await expectSameBlog(dir);
  });

  it('when DATA_DIR already has data, then restore without --force exits 1 and changes nothing', async () => {
    const dir = freshDir();
    await restoreBackup({ archive, databaseFile: dbFile(dir), dataDir: dir });
    const before = fs.readFileSync(dbFile(dir));
    const marker = path.join(dir, 'uploads', 'mine.jpg');
    fs.writeFileSync(marker, 'mine');

    const run = await cli('restore', [archive], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/There is already a database at .* and uploads in .*run again with --force/);
    expect(fs.readFileSync(dbFile(dir)).equals(before)).toBe(true);
    expect(fs.readFileSync(marker, 'utf8')).toBe('mine');
    expect(fs.readdirSync(dir).sort()).toEqual(['blog.db', 'uploads']);
  });

  it('when only uploads are there, then restore still refuses without --force', async () => {
    const dir = freshDir();
    fs.mkdirSync(path.join(dir, 'uploads', 'k'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'uploads', 'k', 'a.jpg'), 'a');
    await expect(restoreBackup({ archive, databaseFile: dbFile(dir), dataDir: dir })).rejects.toThrow(
      RestoreRefused,
    );
    expect(fs.existsSync(dbFile(dir))).toBe(false);
  });

  it('when --force replaces a database left with a WAL by a crash, then the old WAL is not replayed into the new one', async () => {
    const other = await createTestDb();
    await useWal(other.db);
    await savePost(other.db, postInput({ slug: 'only-in-the-old-database' }));
    fs.mkdirSync(path.join(other.dir, 'uploads', 'old'), { recursive: true });
    fs.writeFileSync(path.join(other.dir, 'uploads', 'old', 'old.jpg'), 'old');
    // A crashed server leaves blog.db-wal behind: keep a copy while it is open, put it back after.
    const wal = `${dbFile(other.dir)}-wal`;
    const walCopy = fs.readFileSync(wal);
    await other.db.$disconnect();
    fs.writeFileSync(wal, walCopy);

    const run = await cli('restore', [archive, '--force'], other.dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(fs.existsSync(wal)).toBe(false);
    expect(integrity(dbFile(other.dir))).toEqual(['ok']);
    await expectSameBlog(other.dir);
    fs.rmSync(other.dir, { recursive: true, force: true });
  });

  it('when the server has the database open, then restore refuses even with --force', async () => {
    const dir = freshDir();
    await restoreBackup({ archive, databaseFile: dbFile(dir), dataDir: dir });
    const running = createDb(`file:${dbFile(dir)}`);
    await useWal(running);
    await running.post.count();
    try {
      await expect(
        restoreBackup({ archive, databaseFile: dbFile(dir), dataDir: dir, force: true }),
      ).rejects.toThrow(/is in use: stop Byline/);
    } finally {
      await running.$disconnect();
    }
    await restoreBackup({ archive, databaseFile: dbFile(dir), dataDir: dir, force: true });
  });

  it('when a byte of the archive is flipped, then restore refuses and writes nothing', async () => {
    const bytes = fs.readFileSync(archive);
    for (const at of [Math.floor(bytes.length / 3), Math.floor(bytes.length / 2), bytes.length - 12]) {
      const damaged = path.join(scratch, `flipped-${at}.tar.gz`);
      const copy = Buffer.from(bytes);
      copy[at] = copy[at]! ^ 0x01;
      fs.writeFileSync(damaged, copy);
      const dir = freshDir();
      const run = await cli('restore', [damaged], dir);
      expect(run.code, run.stdout).toBe(1);
      expect(run.stderr).toMatch(
        /^Cannot restore .*: it (is damaged|does not match its manifest).*Nothing was changed\.$/m,
      );
      expect(fs.readdirSync(dir)).toEqual([]);
    }
  });

  it.each(['blog.db', 'uploads/'])(
    'when a byte of %s inside an intact gzip differs from the manifest, then its checksum refuses it',
    async (target) => {
      const entries: Array<{ path: string; data: Buffer }> = [];
      const gunzipped = zlib.gunzipSync(fs.readFileSync(archive));
      for await (const entry of readTar(
        (async function* () {
          yield gunzipped;
        })(),
      )) {
        const chunks: Buffer[] = [];
        for await (const c of entry.body) chunks.push(c);
        entries.push({ path: entry.path, data: Buffer.concat(chunks) });
      }
      const victim = entries.find((e) => e.path.startsWith(target))!;
      const at = Math.floor(victim.data.length / 2);
      victim.data[at] = victim.data[at]! ^ 0x01;
      const retarred = Buffer.concat([
        ...entries.flatMap((e) => [
          fileHeader({ path: e.path, size: e.data.length, mtime: new Date() }),
          e.data,
          padding(e.data.length),
        ]),
        endOfArchive(),
      ]);
      const tampered = path.join(scratch, `tampered-${n}.tar.gz`);
      fs.writeFileSync(tampered, zlib.gzipSync(retarred));
      const dir = freshDir();
      const attempt = restoreBackup({ archive: tampered, databaseFile: dbFile(dir), dataDir: dir });
      await expect(attempt).rejects.toThrow(ArchiveError);
      await expect(attempt).rejects.toThrow(`${victim.path} does not match its sha256 checksum`);
      expect(fs.readdirSync(dir)).toEqual([]);
    },
  );

  it('when the archive is not a backup, then restore refuses it', async () => {
    const notBackup = path.join(scratch, 'not-a-backup.tar.gz');
    fs.writeFileSync(notBackup, 'hello');
    const dir = freshDir();
    await expect(
      restoreBackup({ archive: notBackup, databaseFile: dbFile(dir), dataDir: dir }),
    ).rejects.toThrow(/it is damaged/);
    const evil = path.join(scratch, 'evil.tar.gz');
    const data = Buffer.from('x');
    fs.writeFileSync(
      evil,
      zlib.gzipSync(
        Buffer.concat([
          fileHeader({ path: '../escape', size: 1, mtime: new Date() }),
          data,
          padding(1),
          endOfArchive(),
        ]),
      ),
    );
    await expect(restoreBackup({ archive: evil, databaseFile: dbFile(dir), dataDir: dir })).rejects.toThrow(
      /"\.\.\/escape", which is not part of a Byline backup/,
    );
    expect(fs.existsSync(path.join(dir, '..', 'escape'))).toBe(false);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it.each([
    ['restore', []],
    ['restore', ['a.tar.gz', 'b.tar.gz']],
    ['restore', ['a.tar.gz', '--forse']],
    ['backup', ['extra']],
    ['backup', ['--out']],
  ] as const)('when %s is run with %j, then it prints the usage and exits 2', async (script, args) => {
    const run = await cli(script, [...args], freshDir());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage:');
  });

  it('when there is no database, then backup says so and exits 1', async () => {
    const run = await cli('backup', [], freshDir());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/There is no database at .*: nothing to back up/);
  });
});

describe('backup while the blog is being written', () => {
  it('when a writer saves posts throughout, then the copy passes integrity_check and holds every acknowledged save', async () => {
    const w = await createTestDb();
    try {
      await useWal(w.db);
      await writeUpload(w.dir, newUploadKey(), [{ file: 'big.jpg', data: crypto.randomBytes(2_000_000) }]);
      let stop = false;
      const acknowledged: string[] = [];
      // Each save is its own turn of the event loop, as requests are; Prisma's promises alone
      // would never let the backup (or anything else) run.
      const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
      const writer = (async () => {
        for (let i = 0; !stop; i++) {
          const slug = `written-${i}`;
          await savePost(w.db, postInput({ slug, markdown: `Post ${i}. `.repeat(200) }));
          acknowledged.push(slug);
          await nextTurn();
        }
      })();
      while (acknowledged.length < 5) await nextTurn();

      const before = [...acknowledged];
      const { archive: copy } = await createBackup({
        databaseFile: dbFile(w.dir),
        dataDir: w.dir,
        outDir: path.join(scratch, 'busy'),
      });
      const savedDuringBackup = acknowledged.length - before.length;
      stop = true;
      await writer;

      expect(savedDuringBackup).toBeGreaterThan(0);
      const dir = freshDir();
      await restoreBackup({ archive: copy, databaseFile: dbFile(dir), dataDir: dir });
      expect(integrity(dbFile(dir))).toEqual(['ok']);
      const restored = new Database(dbFile(dir), { readonly: true });
      const slugs = (restored.prepare('SELECT slug FROM Post').all() as { slug: string }[]).map(
        (r) => r.slug,
      );
      const searchRows = (restored.prepare('SELECT count(*) AS n FROM post_search').get() as { n: number }).n;
      restored.close();
      expect(slugs).toEqual(expect.arrayContaining(before));
      expect(searchRows).toBe(slugs.length);
    } finally {
      await w.cleanup();
    }
  });
});

describe('backupBeforeMigrations', () => {
  const env = (dataDir: string) => ({ DATA_DIR: dataDir, DATABASE_URL: `file:${dbFile(dataDir)}` });

  it('when migrations are pending on a database with data, then it keeps a backup named after the first', async () => {
    const made = await backupBeforeMigrations(env(t.dir), ['20270101000000_next', '20270102000000_after']);
    expect(made).not.toBeNull();
    expect(path.dirname(made!)).toBe(path.join(t.dir, 'backups'));
    expect(path.basename(made!)).toMatch(/^byline-.+Z-before-20270101000000_next\.tar\.gz$/);
    const dir = freshDir();
    const result = await restoreBackup({ archive: made!, databaseFile: dbFile(dir), dataDir: dir });
    expect(result.manifest.reason).toBe('before 20270101000000_next');
    await expectSameBlog(dir);
    fs.rmSync(path.join(t.dir, 'backups'), { recursive: true });
  });

  it('when nothing is pending, then it makes no backup', async () => {
    expect(await backupBeforeMigrations(env(t.dir), [])).toBeNull();
    expect(fs.existsSync(path.join(t.dir, 'backups'))).toBe(false);
  });

  it('when there is no database yet, or an empty file, then it makes no backup', async () => {
    const dir = freshDir();
    expect(await backupBeforeMigrations(env(dir), ['20261125211515_init'])).toBeNull();
    fs.writeFileSync(dbFile(dir), '');
    expect(await backupBeforeMigrations(env(dir), ['20261125211515_init'])).toBeNull();
    expect(fs.readdirSync(dir)).toEqual(['blog.db']);
  });
});
