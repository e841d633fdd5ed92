/**
 * Content files built to break the importer: bytes that are not text, a file of 50 MB, front
 * matter that is huge, nested thousands deep or an alias bomb. Each is reported with its file and
 * line, the good post beside them imports, and the import command ends with its report under a
 * heap capped like the server's.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MARKDOWN_BYTES } from '../../src/import/file-limits.js';
import { importHugoSite, type ImportReport } from '../../src/import/import-site.js';
import { listPostsForExport, savePost, savePosts } from '../../src/models/posts.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { writeHugoSite, yamlPage, type HugoSite } from '../helpers/hugo-tree.js';

const LINE = `${'x'.repeat(99)}\n`;
const front = (lines: string[], body = 'Words.\n') => `---\n${lines.join('\n')}\n---\n\n${body}`;

/** YAML's "billion laughs": ten anchors, each a list of nine aliases of the one before. */
function laughs(): string[] {
  const lines = ['title: Laughs', 'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < 10; i++) {
    const [name, prev] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
  }
  return lines;
}

const HOSTILE: Record<string, string | Buffer> = {
  'hugo.toml': 'title = "Notes"\n',
  'content/posts/good.md': yamlPage({ title: 'Good', date: '2024-01-01' }),
  'content/posts/junk.md': Buffer.from(Array.from({ length: 5_000 }, (_, i) => (i * 7_919 + 131) % 256)),
  'content/posts/latin1.md': Buffer.concat([
    Buffer.from('---\ntitle: Café\n---\n\n'),
    Buffer.from('Caf\xe9 au lait.\n', 'latin1'),
  ]),
  'content/posts/nul.md': '---\ntitle: Nul\n---\nA \u0000 byte.\n',
  'content/posts/huge.md': LINE.repeat(Math.ceil((50 * 1024 * 1024) / LINE.length)),
  'content/posts/big-front-matter.md': front([
    'title: Big',
    ...Array.from({ length: 40_000 }, (_, i) => `key${i}: value`),
  ]),
  'content/posts/laughs.md': front(laughs()),
  'content/posts/deep-yaml.md': front(['title: Deep', `a: ${'['.repeat(5_000)}`]),
  'content/posts/deep-toml.md': `+++\ntitle = "Deep"\na = ${'['.repeat(10_000)}${']'.repeat(10_000)}\n+++\n`,
  'content/posts/dotted-toml.md': `+++\ntitle = "Dotted"\n[${Array(20_000).fill('a').join('.')}]\nb = 1\n+++\n`,
  'content/posts/nested-json.md': `{"title": "Nested", "a": ${'['.repeat(100)}${']'.repeat(100)}}\n\nWords.\n`,
  'content/posts/many-json.md': `{"title": "Many", "a": [${Array(700_000).fill('{}').join(',')}]}\n\nWords.\n`,
};

let site: HugoSite;
let t: TestDb;
let report: ImportReport;
let lines: string[];

beforeAll(async () => {
  site = writeHugoSite(HOSTILE);
  t = await createTestDb();
  lines = [];
  report = await importHugoSite(site.dir, {
    savePost: (input) => savePost(t.db, input),
    saveBatch: (inputs) => savePosts(t.db, inputs),
    log: (line) => lines.push(line),
  });
});

afterAll(async () => {
  await t?.cleanup();
  site?.cleanup();
});

const failure = (name: string) => report.failures.find((f) => f.file === `content/posts/${name}`);

describe('content files that are not text', () => {
  it('when a file is binary junk, then it is refused at its first bad byte', () => {
    expect(failure('junk.md')).toEqual({
      file: 'content/posts/junk.md',
      line: expect.any(Number),
      reason: expect.stringMatching(/^not UTF-8 text \(byte 0x[0-9A-F]{2}\); save the file as UTF-8$/),
    });
  });

  it('when a file is in another encoding, then the line of its first non-UTF-8 byte is named', () => {
    expect(failure('latin1.md')).toMatchObject({
      line: 5,
      reason: 'not UTF-8 text (byte 0xE9); save the file as UTF-8',
    });
  });

  it('when a file holds a NUL byte, then it is refused at that line', () => {
    expect(failure('nul.md')).toMatchObject({ line: 4, reason: 'holds a NUL byte: not a text file' });
  });
});

describe('content files too large to read', () => {
  it('when a Markdown file is 50 MB, then it is refused at the line where it passes the limit', () => {
    expect(failure('huge.md')).toEqual({
      file: 'content/posts/huge.md',
      line: Math.floor(MAX_MARKDOWN_BYTES / LINE.length) + 1,
      reason: '50 MB: Markdown files over 4 MB are not read (the limit is passed on this line)',
    });
  });

  it('when a front matter is larger than 64 KB, then it is refused at its closing line', () => {
    expect(failure('big-front-matter.md')).toMatchObject({
      line: 40_003,
      reason: expect.stringMatching(
        /^front matter of \d+ KB ends on this line; front matter over 64 KB is not read$/,
      ),
    });
  });

  it('when a JSON front matter holds 700,000 empty objects, then it is refused before it is parsed', () => {
    expect(failure('many-json.md')).toMatchObject({
      line: 1,
      reason: expect.stringMatching(/^front matter of 2 MB ends/),
    });
  });
});

describe('front matter built to exhaust the parser', () => {
  it('when YAML aliases multiply into a billion strings, then the file is refused with a line', () => {
    expect(failure('laughs.md')).toMatchObject({
      line: expect.any(Number),
      reason: expect.stringMatching(/alias/i),
    });
  });

  it('when YAML brackets nest 5,000 deep, then the line that opens them is named', () => {
    expect(failure('deep-yaml.md')).toMatchObject({
      line: 3,
      reason: 'front matter nests deeper than 64 levels',
    });
  });

  it('when TOML arrays nest 10,000 deep, then the file is refused at that line', () => {
    expect(failure('deep-toml.md')).toMatchObject({
      line: 3,
      reason: expect.stringMatching(/^bad TOML front matter: .*nested/),
    });
  });

  it('when a TOML table name nests 20,000 deep, then the file is refused, not thrown', () => {
    expect(failure('dotted-toml.md')).toMatchObject({
      line: 2,
      reason: 'front matter nests deeper than 64 levels',
    });
  });

  it('when JSON lists nest 100 deep, then the file is refused for nesting past 64 levels', () => {
    expect(failure('nested-json.md')).toMatchObject({
      line: 1,
      reason: 'front matter nests deeper than 64 levels',
    });
  });
});

describe('the rest of the site', () => {
  it('when hostile files sit beside a good post, then the good post imports and each of the others is one failure', async () => {
    expect((await listPostsForExport(t.db)).map((p) => p.title)).toEqual(['Good']);
    expect(report.failed).toBe(Object.keys(HOSTILE).length - 2);
    for (const f of report.failures) expect(lines).toContain(`${f.file}:${f.line}: ${f.reason}`);
  });

  it('when the Markdown held passes the budget, then the files after it are refused and those before import', async () => {
    const small = writeHugoSite({
      'content/posts/a.md': yamlPage({ title: 'A', date: '2024-01-01' }, 'a'.repeat(1_000)),
      'content/posts/b.md': yamlPage({ title: 'B', date: '2024-01-02' }, 'b'.repeat(1_000)),
      'content/posts/c.md': yamlPage({ title: 'C', date: '2024-01-03' }, 'c'.repeat(1_000)),
    });
    const db = await createTestDb();

    try {
      const r = await importHugoSite(small.dir, {
        savePost: (input) => savePost(db.db, input),
        log: () => {},
        maxHeldBytes: 2_500,
      });

      expect(r.posts.imported).toBe(2);
      expect(r.failures).toEqual([
        {
          file: 'content/posts/c.md',
          reason:
            "the site's Markdown passes 2 KB here, more than one import holds; import the rest in parts",
        },
      ]);
    } finally {
      await db.cleanup();
      small.cleanup();
    }
  });
});

describe('configuration files too large to read', () => {
  it("when hugo.toml is 50 MB, then it is refused where it passes 256 KB and the content imports with Hugo's defaults", async () => {
    const big = writeHugoSite({
      'hugo.toml': `title = "Big"\n${'# padding padding padding padding padding padding padding\n'.repeat(904_000)}`,
      'content/posts/one.md': yamlPage({ title: 'One', date: '2024-01-01' }),
    });
    const db = await createTestDb();

    try {
      const r = await importHugoSite(big.dir, { savePost: (input) => savePost(db.db, input), log: () => {} });

      expect(r.posts.imported).toBe(1);
      expect(r.failures).toEqual([
        {
          file: 'hugo.toml',
          line: 4_521,
          reason: '50 MB: configuration files over 256 KB are not read (the limit is passed on this line)',
        },
      ]);
    } finally {
      await db.cleanup();
      big.cleanup();
    }
  });
});

describe('the import command', () => {
  it("when it imports the hostile site under the server's heap cap, then it prints the report and exits 1", () => {
    const dataDir = path.join(t.dir, 'cli');

    // A clean environment: vitest sets variables (BASE_URL=/, MODE…) that are not the app's.
    const result = spawnSync('npx', ['tsx', 'src/cli/import.ts', site.dir], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_OPTIONS: '--max-old-space-size=160',
        DATA_DIR: dataDir,
        DATABASE_URL: `file:${path.join(dataDir, 'blog.db')}`,
      },
      encoding: 'utf8',
    });

    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^content\/posts\/huge\.md:\d+: 50 MB: /m);
    expect(result.stdout).toMatch(/Posts imported +1\n/);
    expect(result.stdout).toMatch(
      new RegExp(`Failed \\(not imported\\) +${Object.keys(HOSTILE).length - 2}\\n`),
    );
    expect(result.status).toBe(1);
  });
});
