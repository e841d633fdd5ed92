/**
 * The import saves its files in batches (savePosts: one transaction and a few statements per
 * BATCH_SIZE posts) when given saveBatch; what ends up stored and reported must be exactly what
 * one savePost per file gives, bad files included, on a first import and on an import over it.
 * (Speed itself is measured by `npm run bench`, never asserted here.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BATCH_SIZE, importHugoSite } from '../../src/import/import-site.js';
import { listPostsForExport, savePost, savePosts } from '../../src/models/posts.js';
import { postInput } from '../helpers/app.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

const now = new Date(Date.UTC(2025, 0, 1));
const COUNT = Math.floor(BATCH_SIZE * 2.5);
let site: string;
const dbs: TestDb[] = [];

/** A Hugo site of 2.5 batches with terms, aliases and, here and there, a file that cannot be imported. */
function writeSite(dir: string) {
  const posts = path.join(dir, 'content', 'posts');
  fs.mkdirSync(posts, { recursive: true });
  for (let i = 0; i < COUNT; i++) {
    const name = `p${String(i).padStart(3, '0')}.md`;
    const date = `2024-01-${String((i % 28) + 1).padStart(2, '0')}`;
    // The same term written two ways: the first post to use it names it.
    let front = `title: Post ${i}\ndate: ${date}\ntags: [t${i % 7}, Shared, shared, T${(i + 3) % 7}]`;
    if (i % 10 === 0) front += `\ncategories: [Notes, notes ${i % 3}]\naliases: [/old/${i}/, /older/${i}/]`;
    // Refused by the parser (before saving)…
    if (i === 7) front = 'title: [unclosed';
    // …a slug taken by an earlier file…
    if (i === BATCH_SIZE + 3) front += '\nslug: p005';
    // …and refused by the database, in the middle of a batch (an Int column cannot hold it).
    if (i === BATCH_SIZE + 40) front += '\nweight: 99999999999999999999';
    fs.writeFileSync(path.join(posts, name), `---\n${front}\n---\n\nBody of post ${i}.\n`);
  }
  fs.writeFileSync(path.join(dir, 'content', 'about.md'), '---\ntitle: About\n---\n\nA page.\n');
}

/** Imports the site twice (creating, then updating every post), one file at a time or in batches. */
async function importInto(batched: boolean) {
  const t = await createTestDb();
  dbs.push(t);
  const lines: string[] = [];
  const importOnce = () =>
    importHugoSite(site, {
      savePost: (input) => savePost(t.db, input, now),
      ...(batched
        ? { saveBatch: (inputs: Parameters<typeof savePosts>[1]) => savePosts(t.db, inputs, now) }
        : {}),
      log: (line) => lines.push(line),
      now,
    });
  const report = await importOnce();
  const stored = await listPostsForExport(t.db);
  const again = await importOnce();
  const state = {
    posts: await listPostsForExport(t.db),
    versions: await t.db.post.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, slug: true, version: true },
    }),
    tags: await t.db.tag.findMany({ orderBy: { id: 'asc' } }),
    links: await t.db.postTag.findMany({ orderBy: [{ postId: 'asc' }, { position: 'asc' }] }),
    redirects: await t.db.redirect.findMany({
      orderBy: { fromPath: 'asc' },
      select: { fromPath: true, postId: true, source: true },
    }),
    search: await t.db.$queryRawUnsafe('SELECT rowid AS id, title, body FROM post_search ORDER BY rowid'),
  };
  return { report, stored, again, lines, state, t };
}

let one: Awaited<ReturnType<typeof importInto>>;
let batched: Awaited<ReturnType<typeof importInto>>;
beforeAll(async () => {
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-batches-'));
  writeSite(site);
  one = await importInto(false);
  batched = await importInto(true);
});
afterAll(async () => {
  for (const t of dbs) await t.cleanup();
  fs.rmSync(site, { recursive: true, force: true });
});

describe('importing in batches', () => {
  it('when some files of a batch cannot be imported, then the rest of the batch is imported and each bad file is reported', () => {
    const { report } = batched;
    expect(report.failed).toBe(3);
    expect(report.skipped.map((s) => s.file)).toEqual([
      'content/posts/p007.md',
      `content/posts/p${BATCH_SIZE + 3}.md`,
      `content/posts/p${BATCH_SIZE + 40}.md`,
    ]);
    expect(report.imported).toBe(COUNT - 3 + 1);
  });

  it('when the same site is imported in batches and one file at a time, then the reports, the logs and the stored posts are the same', () => {
    expect(batched.report).toEqual(one.report);
    expect(batched.lines).toEqual(one.lines);
    expect(batched.stored).toEqual(one.stored);
  });

  it('when the site is imported again over itself, then batches update exactly what one save per file updates', () => {
    expect(batched.again.updated).toBe(batched.report.imported);
    expect(batched.again).toEqual(one.again);
    expect(batched.state).toEqual(one.state);
    expect(batched.state.redirects.length).toBeGreaterThan(0);
    expect(batched.state.tags.find((t) => t.slug === 'shared')?.name).toBe('Shared');
  });

  it('when a batch holds new and existing posts with terms and aliases, then it is written in one transaction', async () => {
    const t = batched.t;
    const transactions = vi.spyOn(t.db, '$transaction');
    const outcomes = await savePosts(
      t.db,
      [
        postInput({ slug: 'p000', title: 'Post 0 again', tags: ['Shared', 'new-one'], aliases: ['/old/0/'] }),
        postInput({
          slug: 'brand-new',
          tags: ['new-one', 'other'],
          categories: ['Notes'],
          aliases: ['/bn/'],
        }),
        postInput({ type: 'page', slug: 'about', title: 'About again' }),
      ],
      now,
    );
    expect(transactions).toHaveBeenCalledTimes(1);
    transactions.mockRestore();
    expect(outcomes.map((o) => ('error' in o ? 'error' : o.created))).toEqual([false, true, false]);
  });

  it('when savePosts is given a post the database refuses, then it answers an error for that one and saves the others', async () => {
    const t = batched.t;
    const inputs = [
      postInput({ slug: 'fine-1' }),
      postInput({ slug: 'refused', weight: 1e20 }),
      postInput({ slug: 'fine-2' }),
    ];
    const outcomes = await savePosts(t.db, inputs, now);
    expect(outcomes.map((o) => ('error' in o ? 'error' : o.created))).toEqual([true, 'error', true]);
    const slugs = (
      await t.db.post.findMany({ where: { slug: { in: ['fine-1', 'refused', 'fine-2'] } } })
    ).map((p) => p.slug);
    expect(slugs.sort()).toEqual(['fine-1', 'fine-2']);
  });

  it('when a batch names the same post twice, then the second save updates the first, as one after the other', async () => {
    const t = batched.t;
    const outcomes = await savePosts(
      t.db,
      [postInput({ slug: 'twice', title: 'First' }), postInput({ slug: 'twice', title: 'Second' })],
      now,
    );
    expect(outcomes.map((o) => ('error' in o ? 'error' : o.created))).toEqual([true, false]);
    const post = await t.db.post.findFirstOrThrow({ where: { slug: 'twice' } });
    expect({ title: post.title, version: post.version }).toEqual({ title: 'Second', version: 2 });
  });
});
