/**
 * What real Hugo sites hold and Hugo builds anyway: pages with no date (Hugo's zero date: listed
 * last, no date shown), pages without a title or front matter, and YAML keys written twice.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHugoSite, type ImportReport } from '../../src/import/import-site.js';
import { savePost } from '../../src/models/posts.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { entriesOf } from '../helpers/html.js';
import { writeHugoSite, yamlPage, type HugoSite } from '../helpers/hugo-tree.js';

let t: TestApp;
let site: HugoSite;
let report: ImportReport;

beforeAll(async () => {
  t = await createTestApp();
  site = writeHugoSite({
    'config.yaml': 'title: Notes\n',
    'content/posts/older.md': yamlPage({ title: 'Older', date: '2021-03-01' }),
    'content/posts/newer.md': yamlPage({ title: 'Newer', date: '2023-05-01' }),
    'content/posts/undated.md': yamlPage({ title: 'Undated notes' }),
    'content/posts/lists/word_list.md': 'apple\npear\nplum\n',
    'content/posts/twice.md': '---\ntitle: Twice\ndate: 2022-01-01\ndisableHLJS: true\ndisableHLJS: false\n---\nBody.\n',
  });
  const now = new Date();
  report = await importHugoSite(site.dir, { savePost: (input, o) => savePost(t.db, input, now, o), log: () => {}, now });
});
afterAll(async () => {
  site.cleanup();
  await t.cleanup();
});

describe('pages Hugo builds without a date, a title or unique keys', () => {
  it('when the site is imported, then every file is understood and the untitled one is reported', () => {
    expect(report.failed).toBe(0);
    expect(report.warnings.map((w) => `${w.file}: ${w.reason}`)).toContain(
      'content/posts/lists/word_list.md: no title in the front matter: titled “word list” after its file name',
    );
  });

  it('when the front page is read, then dated posts come first, newest first, and undated ones last with no date', async () => {
    const entries = entriesOf((await request(t.app).get('/').expect(200)).text);
    expect(entries.map((e) => e.title)).toEqual(['Newer', 'Twice', 'Older', 'Undated notes', 'word list']);
    expect(entries[0]?.meta).toMatch(/May 1, 2023/);
    expect(entries[3]?.meta).not.toMatch(/\d{4}/);
  });

  it('when an undated post or its old nested URL is opened, then it is there', async () => {
    await request(t.app).get('/posts/undated/').expect(200);
    const old = await request(t.app).get('/posts/lists/word_list/').expect(301);
    expect(old.headers.location).toBe('/posts/word-list/');
    const page = await request(t.app).get('/posts/word-list/').expect(200);
    expect(page.text).toContain('apple');
  });
});
