/**
 * Hugo sites whose configuration or symbolic links lead outside the site folder. Beside each site
 * lies a folder of pages that no import of the site may publish: every path to it is refused and
 * named with its setting, file and line, and the rest of the site imports.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importHugoSite } from '../../src/import/import-site.js';
import { listPostsForExport, savePost, savePosts } from '../../src/models/posts.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { runImportCli, yamlPage } from '../helpers/hugo-tree.js';

const made: string[] = [];
const dbs: TestDb[] = [];
afterAll(async () => {
  for (const t of dbs) await t.cleanup();
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

const SECRET = yamlPage({ title: 'Secret', date: '2024-01-01' }, 'Never to be published.\n');
const GOOD = yamlPage({ title: 'Good', date: '2024-01-02' });

/**
 * `<tmp>/site` holding `files` and `links` (path → target), and `<tmp>/elsewhere` beside it: a
 * Hugo site of its own, with pages, a configuration and a content folder.
 */
function siteBeside(files: Record<string, string>, links: Record<string, string> = {}) {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-confined-'));
  made.push(parent);
  const write = (root: string, tree: Record<string, string>) => {
    for (const [rel, text] of Object.entries(tree)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
  };
  const site = path.join(parent, 'site');
  const elsewhere = path.join(parent, 'elsewhere');
  write(elsewhere, {
    'secret.md': SECRET,
    'posts/secret.md': SECRET,
    'hugo.toml': 'title = "Elsewhere"\n[params]\nmainSections = ["secret"]\n',
    'config/params.toml': 'mainSections = ["secret"]\n',
  });
  write(site, files);
  fs.mkdirSync(site, { recursive: true });
  for (const [rel, target] of Object.entries(links)) {
    fs.mkdirSync(path.dirname(path.join(site, rel)), { recursive: true });
    fs.symlinkSync(target.replace('<elsewhere>', elsewhere), path.join(site, rel));
  }
  return { site, elsewhere };
}

async function importSite(site: string) {
  const t = await createTestDb();
  dbs.push(t);
  const lines: string[] = [];
  const report = await importHugoSite(site, {
    savePost: (input) => savePost(t.db, input),
    saveBatch: (inputs) => savePosts(t.db, inputs),
    log: (line) => lines.push(line),
  });
  const titles = (await listPostsForExport(t.db)).map((p) => p.title).sort();
  return { report, lines, titles, t };
}

describe('folders the configuration names outside the site', () => {
  it('when contentDir is an absolute path elsewhere, then nothing there is read and the report names the line', async () => {
    const { site, elsewhere } = siteBeside({ 'content/posts/good.md': GOOD });
    fs.writeFileSync(path.join(site, 'hugo.toml'), `title = "Notes"\ncontentDir = "${elsewhere}"\n`);

    const { report, lines, titles } = await importSite(site);

    expect(titles).toEqual([]);
    expect(report.failures).toEqual([
      {
        file: 'hugo.toml',
        line: 2,
        reason: expect.stringMatching(
          /^contentDir ".*" is an absolute path, outside the site folder; not read$/,
        ),
      },
    ]);
    expect(lines[0]).toMatch(/^hugo\.toml:2: contentDir /);
    expect(report.failed).toBe(1);
  });

  it('when contentDir climbs out with ../, then it is refused at its line', async () => {
    const { site } = siteBeside({
      'hugo.toml': 'contentDir = "../elsewhere"\n',
      'content/posts/good.md': GOOD,
    });

    const { report, titles } = await importSite(site);

    expect(titles).toEqual([]);
    expect(report.failures).toEqual([
      {
        file: 'hugo.toml',
        line: 1,
        reason: 'contentDir "../elsewhere" climbs out of the site folder; not read',
      },
    ]);
  });

  it("when a language's folder or mount is outside, then that language is refused and the site's own posts import", async () => {
    const { site } = siteBeside({
      'hugo.toml': [
        'defaultContentLanguage = "en"',
        '[languages.en]',
        '[languages.fr]',
        '[languages.de]',
        'contentDir = "/tmp"',
        '[[module.mounts]]',
        'source = "content"',
        'target = "content"',
        'lang = "en"',
        '[[module.mounts]]',
        'source = "../elsewhere"',
        'target = "content"',
        'lang = "fr"',
        '',
      ].join('\n'),
      'content/posts/good.md': GOOD,
    });

    const { report, titles } = await importSite(site);

    expect(titles).toEqual(['Good']);
    expect(report.failures).toEqual([
      {
        file: 'hugo.toml',
        line: 5,
        reason: 'languages.de.contentDir "/tmp" is an absolute path, outside the site folder; not read',
      },
      {
        file: 'hugo.toml',
        line: 11,
        reason: 'module.mounts source "../elsewhere" climbs out of the site folder; not read',
      },
    ]);
    expect(report.translations).toEqual([]);
  });

  it('when configDir climbs out, then the configuration folder there is not read', async () => {
    const { site } = siteBeside({
      'hugo.toml': 'configDir = "../elsewhere/config"\n',
      'content/posts/good.md': GOOD,
    });

    const { report, titles } = await importSite(site);

    expect(titles).toEqual(['Good']);
    expect(report.mainSections).toEqual(['posts']);
    expect(report.failures).toEqual([
      {
        file: 'hugo.toml',
        line: 1,
        reason: 'configDir "../elsewhere/config" climbs out of the site folder; not read',
      },
    ]);
  });
});

describe('symbolic links that lead outside the site', () => {
  it('when the content folder is a link to a folder elsewhere, then it is refused and nothing is imported', async () => {
    const { site } = siteBeside({ 'hugo.toml': 'title = "Notes"\n' }, { content: '<elsewhere>' });

    const { report, titles } = await importSite(site);

    expect(titles).toEqual([]);
    expect(report.failures).toEqual([
      { file: 'content', reason: 'a symbolic link to outside the site folder; not read' },
    ]);
  });

  it('when the content folder is a link to a folder inside the site, then it is read', async () => {
    const { site } = siteBeside(
      { 'hugo.toml': 'title = "Notes"\n', 'src/posts/good.md': GOOD },
      { content: 'src' },
    );

    const { report, titles } = await importSite(site);

    expect(titles).toEqual(['Good']);
    expect(report.failed).toBe(0);
  });

  it('when links inside content lead out, then they are refused; links inside the site are set aside; the rest imports', async () => {
    const { site } = siteBeside(
      { 'hugo.toml': 'title = "Notes"\n', 'content/posts/good.md': GOOD },
      {
        'content/posts/leak.md': '<elsewhere>/secret.md',
        'content/posts/shared': '<elsewhere>/posts',
        'content/posts/again.md': 'good.md',
        'content/posts/loop': '..',
        'content/posts/dangling.md': 'nowhere.md',
      },
    );

    const { report, titles } = await importSite(site);

    expect(titles).toEqual(['Good']);
    expect(report.failures).toEqual([
      { file: 'content/posts/leak.md', reason: 'a symbolic link to outside the site folder; not read' },
      { file: 'content/posts/shared', reason: 'a symbolic link to outside the site folder; not read' },
    ]);
    expect(
      report.skipped.filter((s) => /symbolic link; not followed/.test(s.reason)).map((s) => s.file),
    ).toEqual(['content/posts/again.md', 'content/posts/dangling.md', 'content/posts/loop']);
  });

  it("when configuration files are links to another site's, then they are refused and their settings not applied", async () => {
    const { site } = siteBeside(
      { 'content/posts/good.md': GOOD, 'config/_default/menus.toml': '[[main]]\nname = "Home"\n' },
      {
        'hugo.toml': '<elsewhere>/hugo.toml',
        'config/_default/params.toml': '<elsewhere>/config/params.toml',
        'config/production': '<elsewhere>/config',
      },
    );

    const { report, titles } = await importSite(site);

    expect(titles).toEqual(['Good']);
    expect(report.mainSections).toEqual(['posts']);
    expect(report.failures).toEqual([
      {
        file: 'config/_default/params.toml',
        reason: 'a symbolic link; not read (links inside a configuration folder are not followed)',
      },
      { file: 'config/production', reason: 'a symbolic link to outside the site folder; not read' },
      { file: 'hugo.toml', reason: 'a symbolic link to outside the site folder; not read' },
    ]);
  });
});

describe('the import command', () => {
  it('when a path was refused, then it names it and exits 1 after importing the rest', () => {
    const { site } = siteBeside(
      { 'hugo.toml': 'title = "Notes"\n', 'content/posts/good.md': GOOD },
      { 'content/posts/leak.md': '<elsewhere>/secret.md' },
    );
    const dataDir = path.join(path.dirname(site), 'data');

    const result = runImportCli(site, dataDir);

    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(
      /^content\/posts\/leak\.md: a symbolic link to outside the site folder; not read$/m,
    );
    expect(result.stdout).toMatch(/Posts imported +1\n/);
    expect(result.stdout).toMatch(/Failed \(not imported\) +1\n/);
    expect(result.status).toBe(1);
  });
});
