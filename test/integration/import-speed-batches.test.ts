/**
 * The import saves its files in batches (one transaction per BATCH_SIZE posts) when given
 * saveBatch; what ends up stored and reported must be exactly what one savePost per file gives,
 * bad files included. (Speed itself is measured by `npm run bench`, never asserted here.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BATCH_SIZE, importHugoSite, type ImportReport } from '../../src/import/import-site.js';
import { listPostsForExport, savePost, savePosts } from '../../src/models/posts.js';
import { postInput } from '../helpers/app.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

const now = new Date(Date.UTC(2025, 0, 1));
let site: string;
const dbs: TestDb[] = [];

/** A Hugo site of 2.5 batches with, here and there, a file that cannot be imported. */
function writeSite(dir: string) {
  const posts = path.join(dir, 'content', 'posts');
  fs.mkdirSync(posts, { recursive: true });
  const count = Math.floor(BATCH_SIZE * 2.5);
  for (let i = 0; i < count; i++) {
    const name = `p${String(i).padStart(3, '0')}.md`;
    let front = `title: Post ${i}\ndate: 2024-01-${String((i % 28) + 1).padStart(2, '0')}\ntags: [t${i % 7}, shared]`;
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

async function importInto(batched: boolean) {
  const t = await createTestDb();
  dbs.push(t);
  const lines: string[] = [];
  const report = await importHugoSite(site, {
    savePost: (input) => savePost(t.db, input, now),
    ...(batched
      ? { saveBatch: (inputs: Parameters<typeof savePosts>[1]) => savePosts(t.db, inputs, now) }
      : {}),
    log: (line) => lines.push(line),
    now,
  });
  return { report, lines, stored: await listPostsForExport(t.db), t };
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
    const report: ImportReport = batched.report;
    expect(report.failed).toBe(3);
    expect(report.skipped.map((s) => s.file)).toEqual([
      'content/posts/p007.md',
      `content/posts/p${BATCH_SIZE + 3}.md`,
      `content/posts/p${BATCH_SIZE + 40}.md`,
    ]);
    expect(report.imported).toBe(Math.floor(BATCH_SIZE * 2.5) - 3 + 1);
  });

  it('when the same site is imported in batches and one file at a time, then the reports, the logs and the stored posts are the same', () => {
    expect(batched.report).toEqual(one.report);
    expect(batched.lines).toEqual(one.lines);
    expect(batched.stored).toEqual(one.stored);
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
});
