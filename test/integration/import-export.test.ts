import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSite } from '../../src/import/export-site.js';
import { findHugoFiles } from '../../src/import/hugo-tree.js';
import { importHugoSite, type ImportReport } from '../../src/import/import-site.js';
import { listPostsForExport, savePost } from '../../src/models/posts.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

const SITE: Record<string, string> = {
  'content/posts/yaml-post.md': `---
title: A YAML post
date: 2024-04-25T10:00:00-07:00
tags: [Go, Kubernetes]
aliases: [old-yaml]
author: Ann
---

Intro.

<!--more-->

The rest.
`,
  'content/posts/toml-post.md': `+++
title = "A TOML post"
date = 2024-03-01
categories = "Tech"
ShowToc = true
+++

## One

Text.
`,
  'content/posts/bundle/index.md': '---\ntitle: A bundle\ndate: 2024-02-01\n---\n\n![pic](pic.png)\n',
  'content/posts/bundle/pic.png': 'not really a png',
  'content/posts/bundle/notes.md': '---\ntitle: A bundle resource, not a post\n---\n',
  'content/posts/draft-post.md': '---\ntitle: A draft\ndraft: true\n---\n\nNot yet.\n',
  'content/posts/future-post.md': '---\ntitle: From the future\ndate: 2099-01-01\nweight: 2\n---\n\nLater.\n',
  'content/posts/broken.md': '---\ntitle: Broken\ndescription: a: b\n---\n\nNever imported.\n',
  'content/posts/_index.md': '---\ntitle: Posts\n---\n',
  'content/about.md': '---\ntitle: About\n---\n\nAbout this blog.\n',
};

function writeTree(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
}

function readTree(root: string): Record<string, string> {
  const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).sort();
  return Object.fromEntries(
    files
      .filter((rel) => fs.statSync(path.join(root, rel)).isFile())
      .map((rel) => [rel.split(path.sep).join('/'), fs.readFileSync(path.join(root, rel), 'utf8')]),
  );
}

async function importInto(target: TestDb, dir: string): Promise<{ report: ImportReport; lines: string[] }> {
  const lines: string[] = [];
  const report = await importHugoSite(dir, {
    savePost: (input) => savePost(target.db, input),
    log: (line) => lines.push(line),
  });
  return { report, lines };
}

let tmp: string;
let site: string;
let first: TestDb;
let second: TestDb;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-hugo-'));
  site = path.join(tmp, 'site');
  writeTree(site, SITE);
  first = await createTestDb();
  second = await createTestDb();
});

afterAll(async () => {
  await first?.cleanup();
  await second?.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('finding the files of a Hugo site', () => {
  it('when given the site, then posts and pages are found by path, bundles as one post', async () => {
    const tree = await findHugoFiles(site);
    expect(tree.files.map((f) => [f.relPath, f.contentPath, f.type])).toEqual([
      ['content/about.md', 'about.md', 'page'],
      ['content/posts/broken.md', 'posts/broken.md', 'post'],
      ['content/posts/bundle/index.md', 'posts/bundle/index.md', 'post'],
      ['content/posts/draft-post.md', 'posts/draft-post.md', 'post'],
      ['content/posts/future-post.md', 'posts/future-post.md', 'post'],
      ['content/posts/toml-post.md', 'posts/toml-post.md', 'post'],
      ['content/posts/yaml-post.md', 'posts/yaml-post.md', 'post'],
    ]);
    expect(tree.skipped).toEqual([{ file: 'content/posts/_index.md', reason: 'section page' }]);
  });

  it('when given a content folder of posts directly, then its files are posts of that section', async () => {
    const tree = await findHugoFiles(path.join(site, 'content', 'posts'));
    expect(tree.files.map((f) => f.relPath)).toContain('bundle/index.md');
    expect(tree.files.every((f) => f.type === 'post' && f.contentPath.startsWith('posts/'))).toBe(true);
  });

  it('when the site keeps posts in content/post/, then they are found there', async () => {
    const other = path.join(tmp, 'singular');
    writeTree(other, { 'content/post/a.md': '---\ntitle: A\n---\n', 'README.md': '# not a post\n' });
    expect((await findHugoFiles(other)).files.map((f) => f.relPath)).toEqual(['content/post/a.md']);
  });

  it('when the posts are in another section than posts/, then the pages of that section are the posts', async () => {
    const other = path.join(tmp, 'blog-section');
    writeTree(other, { 'content/blog/a.md': '---\ntitle: A\n---\n' });
    expect((await findHugoFiles(other)).files.map((f) => [f.relPath, f.type])).toEqual([['content/blog/a.md', 'post']]);
  });

  it('when content/ holds no Markdown pages, then the error says so', async () => {
    const other = path.join(tmp, 'no-posts');
    writeTree(other, { 'content/blog/picture.png': 'not a page' });
    await expect(findHugoFiles(other)).rejects.toThrow(/holds no Markdown pages/);
  });
});

describe('a long import', () => {
  it('when there are more than 200 files, then progress is logged every tenth', async () => {
    const big = path.join(tmp, 'big');
    const files: Record<string, string> = {};
    for (let i = 0; i < 250; i++) files[`content/posts/p${String(i).padStart(3, '0')}.md`] = `---\ntitle: P${i}\n---\n`;
    writeTree(big, files);
    const lines: string[] = [];
    const report = await importHugoSite(big, { savePost: async () => ({ created: true }), log: (l) => lines.push(l) });
    expect(report.imported).toBe(250);
    expect(lines.filter((l) => l.endsWith(' files'))).toEqual(
      [25, 50, 75, 100, 125, 150, 175, 200, 225, 250].map((n) => `  ${n}/250 files`),
    );
  });

  it('when two files give the same slug at the same Hugo URL, then the second is reported, not saved over the first', async () => {
    const dup = path.join(tmp, 'dup');
    writeTree(dup, {
      'content/posts/a/x.md': '---\ntitle: A\nurl: /posts/x/\n---\n',
      'content/posts/b/x.md': '---\ntitle: B\nurl: /posts/x/\n---\n',
    });
    const saved: string[] = [];
    const report = await importHugoSite(dup, {
      savePost: async (input) => (saved.push(input.title), { created: true }),
      log: () => {},
    });
    expect(saved).toEqual(['A']);
    expect(report.skipped).toEqual([
      { file: 'content/posts/b/x.md', reason: 'slug "x" is already used by content/posts/a/x.md' },
    ]);
  });

  it('when two files in different folders give the same slug, then both are saved, the second under its folder name', async () => {
    const apart = path.join(tmp, 'apart');
    writeTree(apart, { 'content/posts/a/x.md': '---\ntitle: A\n---\n', 'content/posts/b/x.md': '---\ntitle: B\n---\n' });
    const saved: string[] = [];
    const report = await importHugoSite(apart, {
      savePost: async (input) => (saved.push(`${input.slug} ${input.oldPaths?.join(' ')}`), { created: true }),
      log: () => {},
    });
    expect(saved).toEqual(['x /posts/a/x/', 'b-x /posts/b/x/']);
    expect(report.renamed).toEqual([{ file: 'content/posts/b/x.md', slug: 'b-x', wanted: 'x', takenBy: 'content/posts/a/x.md' }]);
  });
});

describe('importing a Hugo site', () => {
  let result: Awaited<ReturnType<typeof importInto>>;
  beforeAll(async () => {
    result = await importInto(first, site);
  });

  it('when the site is imported, then every good post and the page are created', () => {
    expect(result.report).toMatchObject({ imported: 6, updated: 0, failed: 1 });
  });

  it('when a file has broken YAML, then it is logged with its line and the import carries on', () => {
    expect(result.lines).toContainEqual(expect.stringMatching(/^content\/posts\/broken\.md:3: bad YAML front matter: /));
    expect(result.report.skipped).toContainEqual(expect.objectContaining({ file: 'content/posts/broken.md', line: 3 }));
  });

  it('when there is a section page, then it is skipped as a section page', () => {
    expect(result.report.skipped).toContainEqual({ file: 'content/posts/_index.md', reason: 'section page' });
    expect(result.report.skipped).toHaveLength(2);
  });

  it('when the import ends, then it logs the totals and lists the skipped files', () => {
    const end = result.lines.indexOf('Imported 6, updated 0, skipped 2.');
    expect(end).toBeGreaterThanOrEqual(0);
    expect(result.lines.slice(end + 1)).toEqual([
      expect.stringMatching(/^ {2}content\/posts\/_index\.md: section page$/),
      expect.stringMatching(/^ {2}content\/posts\/broken\.md:3: /),
    ]);
  });

  it('when posts are stored, then status, slug, type, aliases and extra are what Hugo meant', async () => {
    const posts = await first.db.post.findMany({ orderBy: { slug: 'asc' }, include: { redirects: true } });
    const bySlug = Object.fromEntries(posts.map((p) => [p.slug, p]));
    expect(Object.keys(bySlug)).toEqual(['about', 'bundle', 'draft-post', 'future-post', 'toml-post', 'yaml-post']);
    expect(bySlug.about?.type).toBe('page');
    expect(bySlug['draft-post']?.status).toBe('draft');
    expect(bySlug['future-post']?.status).toBe('published');
    expect(bySlug['yaml-post']?.publishedAt?.toISOString()).toBe('2024-04-25T17:00:00.000Z');
    expect(bySlug['yaml-post']?.redirects.map((r) => r.fromPath)).toEqual(['/posts/old-yaml/']);
    expect(JSON.parse(bySlug['yaml-post']?.extraJson ?? '')).toEqual({ author: 'Ann' });
    expect(bySlug['toml-post']?.showToc).toBe(true);
  });

  it('when the same site is imported again, then everything is updated and nothing duplicated', async () => {
    const again = await importInto(first, site);
    expect(again.report).toMatchObject({ imported: 0, updated: 6, failed: 1 });
    expect(await first.db.post.count()).toBe(6);
    expect(await first.db.redirect.count()).toBe(1);
  });
});

describe('exporting and importing again', () => {
  it('when the export is imported into a fresh database and exported again, then every file is byte-identical', async () => {
    const exportA = path.join(tmp, 'export-a');
    const exportB = path.join(tmp, 'export-b');
    fs.mkdirSync(exportA);
    fs.mkdirSync(exportB);

    expect(await exportSite(exportA, await listPostsForExport(first.db))).toBe(6);
    const reimport = await importInto(second, exportA);
    expect(reimport.report).toMatchObject({ imported: 6, updated: 0, failed: 0, skipped: [] });
    expect(await exportSite(exportB, await listPostsForExport(second.db))).toBe(6);

    const a = readTree(exportA);
    expect(Object.keys(a)).toEqual([
      'content/about.md',
      'content/posts/bundle.md',
      'content/posts/draft-post.md',
      'content/posts/future-post.md',
      'content/posts/toml-post.md',
      'content/posts/yaml-post.md',
    ]);
    expect(readTree(exportB)).toEqual(a);
    expect(a['content/posts/yaml-post.md']).toContain('aliases:\n  - /posts/old-yaml/\n');
  });
});

describe('the export command', () => {
  // A clean environment: vitest sets variables (BASE_URL=/, MODE…) that are not the app's.
  const run = (dir: string) =>
    spawnSync('npx', ['tsx', 'src/cli/export.ts', dir], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: first.dir, DATABASE_URL: first.url },
      encoding: 'utf8',
    });

  it('when the folder does not exist yet, then it is made with its parents and holds the same files', async () => {
    const out = path.join(tmp, 'not-yet', 'made', 'export');
    const direct = path.join(tmp, 'export-direct');
    fs.mkdirSync(direct);
    await exportSite(direct, await listPostsForExport(first.db));

    const result = run(out);

    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(`Exported 6 posts and pages to ${path.join(out, 'content')}.`);
    expect(result.status).toBe(0);
    expect(readTree(out)).toEqual(readTree(direct));
  });

  it('when a file is in the way of the folder, then it says so and exits 1', () => {
    const file = path.join(tmp, 'a-file');
    fs.writeFileSync(file, '');

    const result = run(path.join(file, 'export'));

    expect(result.stderr).toMatch(/^Cannot make the directory .*a-file\/export: a file is in the way\n$/);
    expect(result.status).toBe(1);
  });
});

describe('the import command', () => {
  // A clean environment: vitest sets variables (BASE_URL=/, MODE…) that are not the app's.
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync('npx', ['tsx', 'src/cli/import.ts', ...args], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: path.join(tmp, 'cli-data'), ...env },
      encoding: 'utf8',
    });

  it('when a site with a broken file is imported, then it reports it and exits 1', () => {
    const databaseUrl = `file:${path.join(tmp, 'cli', 'blog.db')}`;
    const result = run([site], { DATABASE_URL: databaseUrl });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('content/posts/broken.md:3: bad YAML front matter');
    expect(result.stdout).toContain('Imported 6, updated 0, skipped 2.');
    expect(result.status).toBe(1);
  });

  it('when every file is understood, then it exits 0', () => {
    const clean = path.join(tmp, 'clean');
    writeTree(clean, { 'content/posts/one.md': '---\ntitle: One\ndate: 2024-01-01\n---\nText\n', 'content/posts/_index.md': '---\ntitle: Posts\n---\n' });
    const result = run([clean], { DATABASE_URL: `file:${path.join(tmp, 'cli-clean', 'blog.db')}` });
    expect(result.stdout).toContain('Imported 1, updated 0, skipped 1.');
    expect(result.status).toBe(0);
  });

  it('when no directory is given, then it prints the usage and exits 2', () => {
    const result = run([]);
    expect(result.stderr).toMatch(/Usage: npm run import -- /);
    expect(result.status).toBe(2);
  });

  it('when the directory does not exist, then it exits 1', () => {
    const result = run([path.join(tmp, 'nowhere')]);
    expect(result.stderr).toMatch(/No such directory/);
    expect(result.status).toBe(1);
  });
});
